// The System page: admins see every gateway account's calls, the job queue with its failed jobs and
// the reconciler's backlog; clerks and managers have no link to it and get 403.
import { expect, failedToLoad, test } from "../support/fixtures";
import { signIn } from "../support/auth";
import { query } from "../support/db";

const FAILURE = "e2e: the gateway kept refusing (system page)";

test.afterAll(async () => {
  await query(`DELETE FROM pgboss.job WHERE output->>'message' = $1`, [FAILURE]);
});

test("an admin opens System from the administration and sees the accounts, the queue and a failed job's error", async ({ page }) => {
  await query(`INSERT INTO pgboss.job (name, data, state, output, completed_on) VALUES ('reconcile', '{}', 'failed', $1, now())`, [JSON.stringify({ message: FAILURE })]);
  const accounts = await query<{ label: string }>(`SELECT label FROM "GatewayAccount" ORDER BY label`);
  expect(accounts.length).toBeGreaterThan(0);

  await signIn(page, "admin");
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "System" }).click();
  await expect(page).toHaveURL(/\/admin\/system$/);
  await expect(page.getByRole("heading", { name: "System", exact: true })).toBeVisible();
  await expect(page.getByLabel("Version")).toContainText(/Keyed\s*\d+\.\d+\.\d+/);

  const accountTable = page.getByRole("table", { name: "Gateway accounts' calls" });
  for (const { label } of accounts) await expect(accountTable.getByRole("row").filter({ hasText: label })).toHaveCount(1);

  const reconcile = page.getByRole("table", { name: "Job queues" }).getByRole("row").filter({ hasText: "reconcile" });
  await expect(reconcile).toHaveCount(1);
  await expect(page.getByRole("table", { name: "Failed jobs" }).getByRole("row").filter({ hasText: FAILURE })).toContainText("reconcile");
  await expect(page.getByRole("list", { name: "Reconciler backlog" })).toContainText(/unknown: \d+ open/i);
});

for (const role of ["clerk", "manager"] as const) {
  test(`a ${role} has no link to System and gets 403 there`, async ({ page, allowConsoleError }) => {
    allowConsoleError(failedToLoad(403));
    await signIn(page, role);
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await expect(page.getByRole("link", { name: "System", exact: true })).toHaveCount(0);
    const response = await page.goto("/admin/system");
    expect(response?.status()).toBe(403);
    await expect(page.getByText(FAILURE)).toHaveCount(0);
  });
}
