import { expect, failedToLoad, test } from "../support/fixtures";
import { randomBytes } from "node:crypto";
import { APP_URL } from "../support/env";
import { query } from "../support/db";
import { captureServerAction } from "../support/server-actions";
import { DEMO, freshCode, signIn, signInWith, signOut, submitSignIn } from "../support/auth";

test.describe("sign-in", () => {
  test("the right password lands a manager on the dashboard with the user's name and role", async ({ page }) => {
    await signIn(page, "manager", { stay: true });
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByTestId("current-user")).toHaveText(`${DEMO.manager.name} · Manager`);
  });

  test("a wrong password or an unknown email gets one message that names no field", async ({ page }) => {
    const expectGenericFailure = async () => {
      // (Next.js adds an empty route-announcer alert to every page; the form's own alert is the one that counts.)
      await expect(page.locator("form").getByRole("alert")).toHaveText("Email or password is wrong.");
      await expect(page).toHaveURL(/\/sign-in/);
      await expect(page.getByLabel("Email")).not.toHaveAttribute("aria-invalid", "true");
      await expect(page.getByLabel("Password")).not.toHaveAttribute("aria-invalid", "true");
      await expect(page.getByLabel("Password")).toHaveValue("");
    };

    await page.goto("/sign-in");
    await submitSignIn(page, DEMO.clerk.email, "not-the-password");
    await expectGenericFailure();
    await expect(page.getByLabel("Email")).toHaveValue(DEMO.clerk.email);

    await submitSignIn(page, "nobody@keyed.test", "not-the-password");
    await expectGenericFailure();
  });

  test("empty fields are flagged next to each field, without a round trip", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByRole("button", { name: "Sign in" }).click();
    const email = page.getByLabel("Email");
    const password = page.getByLabel("Password");
    await expect(email).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator(`#${await email.getAttribute("aria-describedby")}`)).toHaveText("Enter your email");
    await expect(password).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator(`#${await password.getAttribute("aria-describedby")}`)).toHaveText("Enter your password");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("the form works from the keyboard alone", async ({ page }) => {
    await page.goto("/sign-in");
    await expect(page.getByLabel("Email")).toBeFocused();
    await page.keyboard.type(DEMO.clerk.email);
    await page.keyboard.press("Tab");
    await page.keyboard.type(DEMO.clerk.password);
    await page.keyboard.press("Enter");
    // The second step takes the focus itself.
    await expect(page.getByLabel("Authentication code")).toBeFocused();
    await page.keyboard.type(await freshCode(DEMO.clerk.email));
    await page.keyboard.press("Enter");
    await page.waitForURL("**/terminal");
  });

  test("signing out ends the session", async ({ page }) => {
    await signIn(page, "clerk");
    await signOut(page);
    await page.goto("/terminal");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fterminal$/);
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  });

  test("a signed-out visit to a page goes to sign-in and then back to that page", async ({ page }) => {
    await page.goto("/transactions");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Ftransactions$/);
    await signInWith(page, DEMO.clerk.email, DEMO.clerk.password);
    await page.waitForURL("**/transactions");
  });

  test("a crafted next= pointing at another site keeps the browser on this app (open redirect)", async ({ page, allowConsoleError }) => {
    allowConsoleError(failedToLoad(404)); // "/%09/evil.test" lands on this app's 404 page
    for (const next of ["/\\evil.test/steal", "//evil.test/steal", "/%09/evil.test"]) {
      await page.context().clearCookies();
      await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
      await signInWith(page, DEMO.clerk.email, DEMO.clerk.password);
      // A path of this app ("/%09/evil.test" is one, a 404 of ours); never another host.
      await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
      expect(new URL(page.url()).host).toBe(new URL(APP_URL).host);
      // Let the landing page's own requests end: one still in flight would set the session cookie
      // again after the next round's clearCookies, and /sign-in would send a signed-in browser on.
      await page.waitForLoadState("networkidle");
    }
  });

  test("rotating X-Forwarded-For does not escape the per-IP limit, and the audit log keeps the real address", async ({ page }) => {
    // 31 sign-in attempts, each a deliberate password hash.
    test.setTimeout(120_000);
    await query(`DELETE FROM "RateLimit" WHERE key = 'ip:127.0.0.1'`);
    const tag = randomBytes(3).toString("hex");
    const emails = Array.from({ length: 31 }, (_, i) => `nobody-${tag}-${i}@keyed.test`);
    try {
      await page.goto("/sign-in");
      const action = await captureServerAction(page, () => submitSignIn(page, emails[0]!, "not-the-password"));
      await expect(page.locator("form").getByRole("alert")).toHaveText("Email or password is wrong.");
      const answers: string[] = [];
      for (const [i, email] of emails.slice(1).entries()) {
        const forged = `203.0.113.${i + 1}`;
        const res = await page.request.post(action.url, {
          headers: { ...action.headers, origin: APP_URL, "x-forwarded-for": forged, "x-real-ip": forged, "x-keyed-peer": forged },
          data: action.body.replace(emails[0]!, email),
          maxRedirects: 0,
        });
        answers.push(await res.text());
      }
      // 30 failures from one address lock it, whatever the header says.
      expect(answers.slice(0, 29).every((a) => a.includes("Email or password is wrong."))).toBe(true);
      expect(answers.at(-1)).toContain("Too many failed sign-in attempts. Wait 30 minutes");
      const ips = await query<{ ip: string | null }>(`SELECT DISTINCT ip FROM "AuditEvent" WHERE details->>'email' = ANY($1)`, [emails]);
      expect(ips).toEqual([{ ip: "127.0.0.1" }]);
    } finally {
      await query(`DELETE FROM "RateLimit" WHERE key = 'ip:127.0.0.1' OR key = ANY($1)`, [emails.map((e) => `email:${e}`)]);
    }
  });
});
