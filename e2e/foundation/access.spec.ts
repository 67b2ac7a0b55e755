import { randomBytes } from "node:crypto";
import { expect, failedToLoad, test } from "../support/fixtures";
import { hashPassword } from "../../lib/services/passwords";
import { enrollMfa, signIn, submitSignIn } from "../support/auth";
import { query } from "../support/db";
import { captureServerAction, replayServerAction } from "../support/server-actions";

test.describe("access control", () => {
  test("a clerk sees no Admin item and /admin answers 403", async ({ page, allowConsoleError }) => {
    allowConsoleError(failedToLoad(403)); // the refused /admin below
    await signIn(page, "clerk");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Terminal" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Admin" })).toHaveCount(0);

    const response = await page.goto("/admin");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "Administration" })).toHaveCount(0);
  });

  test("an admin sees the Admin item and /admin answers 200", async ({ page }) => {
    await signIn(page, "admin");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
    await page.waitForURL("**/admin");
    const response = await page.goto("/admin");
    expect(response?.status()).toBe(200);
  });

  test("an admin-only server action replayed from a clerk's session is refused with 403", async ({ page, browser }) => {
    await signIn(page, "admin");
    await page.goto("/admin/settings");
    const form = page.getByRole("form", { name: "Merchant settings" });
    const action = await captureServerAction(page, () => form.getByRole("button", { name: "Save settings" }).click());
    await expect(form.getByRole("alert")).toHaveText("Settings saved.");
    const before = await query(`SELECT key, value FROM "AppSetting" ORDER BY key`);

    const clerk = await browser.newContext();
    try {
      const clerkPage = await clerk.newPage();
      await signIn(clerkPage, "clerk");
      const forgedName = `Forged ${randomBytes(3).toString("hex")}`;
      const forged = action.body.replace(/"merchantName":"[^"]*"/, `"merchantName":"${forgedName}"`);
      expect(forged).toContain(forgedName);

      const response = await replayServerAction(clerkPage.request, action, forged);
      expect(response.status()).toBe(403);
      expect(await response.text()).not.toContain(forgedName);
    } finally {
      await clerk.close();
    }
    expect(await query(`SELECT key, value FROM "AppSetting" ORDER BY key`)).toEqual(before);
  });

  test("a deactivated user's open session stops working on the next request", async ({ page }) => {
    const email = `leaver-${randomBytes(4).toString("hex")}@keyed.test`;
    const password = "leaver-password-1";
    await query(`INSERT INTO "User" (id, email, name, "passwordHash", role, "updatedAt") VALUES ($1, $2, 'Lee Leaver', $3, 'clerk', now())`, [
      `e2e-${randomBytes(6).toString("hex")}`,
      email,
      await hashPassword(password),
    ]);
    await page.goto("/sign-in");
    await submitSignIn(page, email, password);
    await enrollMfa(page);
    await expect(page.getByTestId("current-user")).toContainText("Lee Leaver");

    await query(`UPDATE "User" SET active = false WHERE email = $1`, [email]);
    await page.goto("/customers");
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  });
});
