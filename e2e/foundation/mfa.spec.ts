// Two-step sign-in (PCI DSS 8.4.2): every role signs in with a password and a TOTP code (the whole
// suite does, through e2e/support/auth.ts); these specs attack it.
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, test } from "../support/fixtures";
import { codeAt, timeStep } from "../../lib/auth/totp";
import { hashPassword } from "../../lib/services/passwords";
import { DEMO, enrollMfa, freshCode, signIn, signOut, submitCode, submitSignIn } from "../support/auth";
import { query } from "../support/db";

async function newClerk(): Promise<{ email: string; password: string }> {
  const email = `mfa-${randomBytes(4).toString("hex")}@keyed.test`;
  const password = "clerk passphrase 77";
  await query(`INSERT INTO "User" (id, email, name, "passwordHash", role, "updatedAt") VALUES ($1, $2, 'Mo Factor', $3, 'clerk', now())`, [
    `e2e-${randomBytes(6).toString("hex")}`,
    email,
    await hashPassword(password),
  ]);
  return { email, password };
}

const codeField = (page: Page) => page.getByLabel("Authentication code");

test.describe("two-step sign-in", () => {
  test("the right password alone does not sign in; a code that was already used is refused", async ({ page }) => {
    await submitSignIn(page, DEMO.manager.email, DEMO.manager.password);
    await expect(codeField(page)).toBeFocused();
    expect((await page.context().cookies()).some((c) => c.name.includes("session-token"))).toBe(false);
    await page.goto("/transactions");
    await expect(page).toHaveURL(/\/sign-in/);

    await page.goto("/sign-in");
    await submitSignIn(page, DEMO.manager.email, DEMO.manager.password);
    const code = await freshCode(DEMO.manager.email);
    await codeField(page).fill(code);
    await page.getByRole("button", { name: "Verify" }).click();
    await page.waitForURL("**/dashboard");
    await signOut(page);

    // Replayed within its 30 seconds: refused, and counted like a wrong password.
    await submitSignIn(page, DEMO.manager.email, DEMO.manager.password);
    await codeField(page).fill(code);
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page.locator("form").getByRole("alert")).toHaveText(
      "That code is wrong or was already used. Enter the newest code from your authenticator app.",
    );
    await expect(page).toHaveURL(/\/sign-in/);
    const [failed] = await query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "AuditEvent" WHERE action = 'auth.sign_in_failed' AND details->>'email' = $1 AND details->>'reason' = 'wrong_code'`,
      [DEMO.manager.email],
    );
    expect(failed!.n).toBeGreaterThan(0);
    await query(`DELETE FROM "RateLimit" WHERE key = $1`, [`email:${DEMO.manager.email}`]);
  });

  test("a user without a second factor reaches only the set-up page until one is confirmed; then recovery codes sign in once each", async ({ page }) => {
    const { email, password } = await newClerk();
    await submitSignIn(page, email, password);
    await page.waitForURL("**/setup/mfa");
    await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();

    // Nothing else answers: pages send back here, data routes are forbidden.
    await page.goto("/terminal");
    await expect(page).toHaveURL(/\/setup\/mfa$/);
    expect((await page.request.get("/api/transactions")).status()).toBe(403);

    // A code from another key does not turn it on.
    await page.getByLabel("Code from the app").fill(codeAt("JBSWY3DPEHPK3PXP", timeStep()));
    await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
    await expect(page.getByText("That code is wrong or was already used.")).toBeVisible();

    const { secret, recoveryCodes } = await enrollMfa(page);
    expect(recoveryCodes).toHaveLength(10);
    const [stored] = await query<{ totpSecret: string }>(`SELECT "totpSecret" FROM "User" WHERE email = $1`, [email]);
    expect(stored!.totpSecret).not.toContain(secret); // encrypted at rest
    expect((await page.request.get("/api/transactions")).status()).toBe(200);
    await signOut(page);

    for (const expected of ["/terminal", "/sign-in"]) {
      await submitSignIn(page, email, password);
      await codeField(page).fill(recoveryCodes[0]!);
      await page.getByRole("button", { name: "Verify" }).click();
      await expect(page).toHaveURL(new RegExp(`${expected}$`));
      if (expected === "/terminal") await signOut(page);
    }
    await expect(page.locator("form").getByRole("alert")).toContainText("wrong or was already used");
    await submitCode(page, email, secret);
    await page.waitForURL("**/terminal");
  });

  test("an admin's reset of a user's second factor ends their session, is audited, and they set up a new one", async ({ page, browser }) => {
    const { email, password } = await newClerk();
    await submitSignIn(page, email, password);
    await enrollMfa(page);

    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    await signIn(admin, "admin");
    await admin.goto("/admin/users");
    const row = admin.getByTestId(`user-${email}`);
    await expect(row).toContainText("Two-step sign-in on");
    admin.once("dialog", (d) => void d.accept());
    await row.getByRole("button", { name: "Reset two-step" }).click();
    await expect(row).toContainText("No second factor yet");
    await admin.goto("/admin/audit?action=user.mfa_reset");
    await expect(admin.getByRole("table", { name: "Audit events" })).toContainText(email);
    await adminContext.close();

    await page.goto("/customers");
    await expect(page).toHaveURL(/\/sign-in/);
    await submitSignIn(page, email, password);
    await page.waitForURL("**/setup/mfa");
  });

  test("a merchant may let clerks sign in with a password only, after a warning that it breaks PCI DSS 8.4.2", async ({ page, browser }) => {
    await signIn(page, "admin");
    await page.goto("/admin/settings");
    const form = page.getByRole("form", { name: "Merchant settings" });
    await form.getByLabel("Two-step sign-in for clerks").selectOption("optional");
    await expect(form.getByText("breaks PCI DSS requirement 8.4.2")).toBeVisible();
    await form.getByRole("button", { name: "Save settings" }).click();
    await expect(form.getByRole("alert")).toHaveText("Settings saved.");
    try {
      const { email, password } = await newClerk();
      const context = await browser.newContext();
      const clerk = await context.newPage();
      await submitSignIn(clerk, email, password);
      await clerk.waitForURL("**/terminal");
      await context.close();
    } finally {
      await form.getByLabel("Two-step sign-in for clerks").selectOption("required");
      await form.getByRole("button", { name: "Save settings" }).click();
      await expect(form.getByRole("alert")).toHaveText("Settings saved.");
    }
  });
});
