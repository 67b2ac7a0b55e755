import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, failedToLoad, test } from "../support/fixtures";
import { formatDateTime } from "../../lib/time";
import { DEMO, enrollMfa, signIn, signInWith, signOut, submitSignIn } from "../support/auth";
import { query } from "../support/db";
import { MERCHANT_DEFAULTS } from "../../lib/services/settings";

test("an admin creates a user with a temporary password; the user signs in and changes it; the audit log shows both and exports them", async ({ page, allowConsoleError }) => {
  const email = `new-${randomBytes(4).toString("hex")}@keyed.test`;
  const newPassword = `a long new passphrase ${randomBytes(2).toString("hex")}`;

  await signIn(page, "admin");
  await page.goto("/admin/users");
  const create = page.getByRole("form", { name: "New user" });
  await create.getByRole("button", { name: "Create user" }).click();
  await expect(create.getByText("Enter a name")).toBeVisible();
  await create.getByLabel("Name").fill("Nia New");
  await create.getByLabel("Email").fill(email);
  await create.getByLabel("Role").selectOption("manager");
  await create.getByRole("button", { name: "Create user" }).click();
  const temporary = (await page.getByTestId("temporary-password").textContent())!.trim();
  expect(temporary).toMatch(/^[A-Za-z0-9]{16}$/);
  await expect(page.getByTestId(`user-${email}`)).toContainText("Nia New");

  // The last admin cannot demote themselves.
  const me = page.getByTestId("user-admin@keyed.test");
  page.once("dialog", (d) => void d.accept());
  await me.getByLabel("Role of admin@keyed.test").selectOption("manager");
  await expect(me.locator("xpath=following-sibling::tr[1]")).toContainText("last active admin");
  await page.reload();
  await expect(page.getByTestId("user-admin@keyed.test").getByLabel("Role of admin@keyed.test")).toHaveValue("admin");
  await signOut(page);

  // PCI DSS 8.3.5: the password an admin handed out is changed before anything else.
  await submitSignIn(page, email, temporary);
  await page.waitForURL("**/setup/password");
  await page.goto("/transactions");
  await expect(page).toHaveURL(/\/setup\/password$/);
  const change = page.getByRole("form", { name: "Change password" });
  await change.getByLabel("Current password").fill(temporary);
  await change.getByLabel("New password", { exact: true }).fill("password1234");
  await change.getByLabel("Repeat the new password").fill("password1234");
  await change.getByRole("button", { name: "Change password" }).click();
  await expect(change.getByText("That password is too common. Choose another one.")).toBeVisible();
  await change.getByLabel("New password", { exact: true }).fill(newPassword);
  await change.getByLabel("Repeat the new password").fill(newPassword);
  await change.getByRole("button", { name: "Change password" }).click();
  // Then the second factor (a manager reaches card data: PCI DSS 8.4.2).
  const { secret } = await enrollMfa(page);
  await signOut(page);
  await signInWith(page, email, newPassword, secret);
  await page.waitForURL("**/dashboard");
  // A manager may not open the audit log.
  allowConsoleError(failedToLoad(403));
  expect((await page.goto("/admin/audit"))?.status()).toBe(403);
  await signOut(page);

  await signIn(page, "admin");
  await page.goto("/admin/audit");
  const filter = page.getByRole("form", { name: "Filter the audit log" });
  await filter.getByLabel("Actor").fill(email);
  await filter.getByRole("button", { name: "Filter" }).click();
  const table = page.getByRole("table", { name: "Audit events" });
  await expect(table).toContainText("user.password_change");
  await expect(table).not.toContainText("user.create"); // done by the admin, not by the new user

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await (await download).createReadStream();
  let csv = "";
  for await (const chunk of file) csv += String(chunk);
  expect(csv.split("\r\n")[0]).toBe("time_utc,actor_email,actor_id,action,target_type,target_id,ip,details");
  expect(csv).toContain("user.password_change");
  expect(csv).not.toContain(temporary);
  expect(csv).not.toContain(newPassword);

  await page.goto("/admin/audit?action=audit.export");
  await expect(page.getByRole("table", { name: "Audit events" })).toContainText(email); // the export's filter is recorded
});

async function createUser(page: Page, name: string, email: string, role: string): Promise<void> {
  const create = page.getByRole("form", { name: "New user" });
  await create.getByLabel("Name").fill(name);
  await create.getByLabel("Email").fill(email);
  await create.getByLabel("Role").selectOption(role);
  await create.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByTestId(`user-${email}`)).toContainText(name);
}

test("changing a role asks first, and then says it was done; declining changes nothing", async ({ page }) => {
  const email = `role-${randomBytes(4).toString("hex")}@keyed.test`;
  const storedRole = async () => (await query<{ role: string }>(`SELECT role FROM "User" WHERE email = $1`, [email]))[0]?.role;
  await signIn(page, "admin");
  await page.goto("/admin/users");
  await createUser(page, "Rita Role", email, "clerk");
  const row = page.getByTestId(`user-${email}`);
  const role = row.getByLabel(`Role of ${email}`);

  let asked = "";
  page.once("dialog", (d) => {
    asked = d.message();
    void d.dismiss();
  });
  await role.selectOption("manager");
  await expect.poll(() => asked).toBe(`Change the role of ${email} from Clerk to Manager? It applies from their next request.`);
  await expect(role).toHaveValue("clerk");
  expect(await storedRole()).toBe("clerk");

  page.once("dialog", (d) => void d.accept());
  await role.selectOption("manager");
  await expect(row.locator("xpath=following-sibling::tr[1]").getByRole("status")).toHaveText(`The role of ${email} was changed from Clerk to Manager.`);
  await expect(role).toHaveValue("manager");
  expect(await storedRole()).toBe("manager");
  await page.reload();
  await expect(page.getByTestId(`user-${email}`).getByLabel(`Role of ${email}`)).toHaveValue("manager");
});

test.describe("in a browser in another time zone than the merchant's", () => {
  test.use({ timezoneId: "Pacific/Auckland" });

  test("the users page shows times in the merchant's time zone, as the other pages do", async ({ page }) => {
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await signIn(page, "admin");
    await page.goto("/admin/settings");
    const timeZone = await page.getByLabel("Time zone").inputValue();
    // Read as text: Prisma stores UTC in a timestamp without time zone, which node-postgres would read in this process's zone.
    const [admin] = await query<{ changed: string }>(`SELECT to_char("passwordChangedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS changed FROM "User" WHERE email = $1`, [
      DEMO.admin.email,
    ]);

    await page.goto("/admin/users");
    const changed = page.getByTestId(`user-${DEMO.admin.email}`).getByRole("cell").nth(4);
    await expect(changed).toHaveText(formatDateTime(new Date(admin!.changed), { timeZone }));
    expect(errors).toEqual([]);
  });
});

// react-hook-form fills a field only once the page's script runs; until then (a slow connection, or
// a test reading the page at once) the settings page showed empty fields and each list's first entry.
test("before its script runs, the settings page shows the saved settings, not each list's first entry", async ({ page, browser, baseURL }) => {
  await signIn(page, "admin", { stay: true });
  const saved = await query<{ key: string; value: string }>(`SELECT key, value #>> '{}' AS value FROM "AppSetting" WHERE key IN ('merchant.name', 'merchant.timeZone', 'security.clerkMfa')`);
  const setting = (key: string, fallback: string) => saved.find((r) => r.key === key)?.value || fallback;

  const noScript = await browser.newContext({ baseURL, javaScriptEnabled: false, storageState: await page.context().storageState() });
  try {
    const html = await noScript.newPage();
    await html.goto("/admin/settings");
    await expect(html.getByLabel("Merchant name")).toHaveValue(setting("merchant.name", MERCHANT_DEFAULTS.merchantName));
    await expect(html.getByLabel("Time zone")).toHaveValue(setting("merchant.timeZone", MERCHANT_DEFAULTS.timeZone));
    await expect(html.getByLabel("Two-step sign-in for clerks")).toHaveValue(setting("security.clerkMfa", MERCHANT_DEFAULTS.clerkMfa));
  } finally {
    await noScript.close();
  }
});
