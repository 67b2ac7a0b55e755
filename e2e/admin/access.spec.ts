import { randomBytes } from "node:crypto";
import { expect, failedToLoad, test } from "../support/fixtures";
import { DEMO_CREDENTIALS } from "../../sandbox/bepaid/accounts";
import { signIn, type DemoRole } from "../support/auth";
import { query } from "../support/db";
import { captureServerAction, replayServerAction } from "../support/server-actions";

const ADMIN_PAGES = ["/admin", "/admin/gateways", "/admin/gateways/new", "/admin/gateways/seed-bepaid", "/admin/users", "/admin/audit", "/admin/security", "/admin/settings", "/admin/system"];

for (const role of ["clerk", "manager"] as const satisfies DemoRole[]) {
  test(`a ${role} gets 403 from every admin page and the audit export`, async ({ page, allowConsoleError }) => {
    allowConsoleError(failedToLoad(403)); // each admin page is refused, as this test expects
    await signIn(page, role);
    for (const path of ADMIN_PAGES) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
    }
    const csv = await page.request.get("/api/admin/audit/export");
    expect(csv.status()).toBe(403);
    expect(await csv.text()).not.toContain("auth.sign_in");
  });
}

test("admin server actions replayed from a clerk's or manager's session answer 403 and change nothing", async ({ page, browser }) => {
  const label = `Forgery target ${randomBytes(3).toString("hex")}`;
  await signIn(page, "admin");
  await page.goto("/admin/gateways/new");
  const form = page.getByRole("form", { name: "Gateway account" });
  await form.getByLabel("Label").fill(label);
  await form.getByLabel("Gateway").selectOption({ label: "bePaid" });
  await form.getByLabel("Shop ID").fill(DEMO_CREDENTIALS.shopId);
  await form.getByLabel("Secret key").fill(DEMO_CREDENTIALS.secretKey);
  const create = await captureServerAction(page, () => form.getByRole("button", { name: "Create account" }).click());
  await page.waitForURL("**/admin/gateways");
  expect(create.body).toContain(label);

  await page.goto("/admin/users");
  page.on("dialog", (d) => void d.accept()); // a role change asks first
  const clerkRow = page.getByTestId("user-clerk@keyed.test");
  const promote = await captureServerAction(page, async () => {
    await clerkRow.getByLabel("Role of clerk@keyed.test").selectOption("admin");
  });
  await expect(clerkRow.getByLabel("Role of clerk@keyed.test")).toHaveValue("admin");
  // Put the clerk back before replaying, so the replay is what would promote them.
  await clerkRow.getByLabel("Role of clerk@keyed.test").selectOption("clerk");
  await expect.poll(async () => (await query(`SELECT role FROM "User" WHERE email = 'clerk@keyed.test'`))[0]?.role).toBe("clerk");

  const accountsBefore = await query(`SELECT id, label, "updatedAt" FROM "GatewayAccount" ORDER BY id`);
  for (const role of ["clerk", "manager"] as const) {
    const context = await browser.newContext();
    try {
      const other = await context.newPage();
      await signIn(other, role);
      const forgedCreate = await replayServerAction(other.request, create, create.body.replaceAll(label, `${label} forged`));
      expect(forgedCreate.status()).toBe(403);
      const forgedPromote = await replayServerAction(other.request, promote);
      expect(forgedPromote.status()).toBe(403);
    } finally {
      await context.close();
    }
  }
  expect(await query(`SELECT id, label, "updatedAt" FROM "GatewayAccount" ORDER BY id`)).toEqual(accountsBefore);
  expect(await query(`SELECT role FROM "User" WHERE email = 'clerk@keyed.test'`)).toEqual([{ role: "clerk" }]);
});
