// Issue 16, recurring charges: a clerk sets up a monthly plan on a saved card from an approved sale's
// result; the test moves the plan's due time into the past (the clock forward, for this schedule only:
// nothing in the app can move its clock); the app's own job (every 2 s here, lib/cli/e2e-server.ts)
// charges it once — while this process runs the charger too, as a second node would, and again after,
// as a restarted node would. A decline is retried on the plan, then the schedule is past due and a
// manager cancels it. Bad input is refused at the field.
import type { Page } from "@playwright/test";
import { createDb, type Db } from "../../lib/db";
import { chargeDue } from "../../lib/services/recurring";
import { dayIn, addDays } from "../../lib/time";
import { signIn } from "../support/auth";
import { query } from "../support/db";
import { DATABASE_URL, ENCRYPTION_KEY } from "../support/env";
import { expect, test } from "../support/fixtures";
import { prepareRecords, type Records } from "../support/pages";
import { ledgerCount } from "../terminal/terminal-helpers";

const NY = "America/New_York";
const tomorrow = () => addDays(dayIn(new Date(), NY), 1);

let records: Records;
/** This process as a second node on the e2e database (the app's key opens the saved tokens). */
let secondNode: Db;

test.beforeAll(async ({ browser }) => {
  records = await prepareRecords(browser);
  process.env.APP_ENCRYPTION_KEY ||= ENCRYPTION_KEY;
  secondNode = createDb(DATABASE_URL);
});
test.afterAll(async () => {
  await secondNode?.$disconnect();
});

const scheduleIdOf = (page: Page) => new URL(page.url()).pathname.split("/").pop()!;
const charges = (scheduleId: string) =>
  query<{ status: string; attempts: number; dueDate: string; tx: number }>(
    `SELECT c.status, c.attempts, c."dueDate"::text AS "dueDate", (SELECT count(*)::int FROM "RecurringChargeAttempt" a WHERE a."chargeId" = c.id AND a."transactionId" IS NOT NULL) AS tx
       FROM "RecurringCharge" c WHERE c."scheduleId" = $1 ORDER BY c."dueDate"`,
    [scheduleId],
  );
/** Moves the schedule's next payment to a minute ago, as if the clock had reached it. */
const makeDue = (scheduleId: string) => query(`UPDATE "RecurringSchedule" SET "nextDueAt" = $2::timestamp WHERE id = $1`, [scheduleId, new Date(Date.now() - 60_000).toISOString()]);
const makeRetryDue = (scheduleId: string) =>
  query(`UPDATE "RecurringCharge" SET "nextAttemptAt" = $2::timestamp WHERE "scheduleId" = $1 AND status = 'retrying'`, [scheduleId, new Date(Date.now() - 60_000).toISOString()]);

async function fillSchedule(page: Page, values: { amount?: string; startDate?: string; every?: string }): Promise<void> {
  const form = page.getByRole("form", { name: "Set up recurring payments" });
  if (values.amount !== undefined) await form.getByLabel(/^Amount/).fill(values.amount);
  if (values.startDate !== undefined) await form.getByLabel("First payment").fill(values.startDate);
  if (values.every !== undefined) await form.getByLabel("Every").fill(values.every);
  await expect(form.getByLabel("Interval")).toHaveValue("month");
}

test("a clerk sets up a monthly plan from an approved sale; when due it is charged once, with a second node and after a restart", async ({ page }) => {
  await signIn(page, "clerk");
  await page.goto(`/terminal/result/${records.transactionId}`);
  await page.getByRole("link", { name: "Set up recurring" }).click();
  await page.waitForURL(/\/schedules\/new\?/);
  const form = page.getByRole("form", { name: "Set up recurring payments" });
  await expect(form.getByLabel(/^Amount/)).toHaveValue("1235.00");
  await fillSchedule(page, { amount: "25.00", startDate: tomorrow() });
  await form.getByRole("button", { name: "Set up recurring payments" }).click();
  await page.waitForURL(/\/schedules\/c[a-z0-9]+$/);
  const id = scheduleIdOf(page);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("$25.00 · Monthly on the");
  await expect(page.getByTestId("schedule-status").first()).toHaveAttribute("data-status", "active");
  await expect(page.getByTestId("upcoming-payments").getByRole("listitem")).toHaveCount(6);
  expect(await charges(id)).toEqual([]);

  const salesBefore = await ledgerCount("bluepay");
  await makeDue(id);
  // The app's job and this process charge at the same moment: one of them claims the due date.
  await Promise.all([chargeDue({ db: secondNode }), chargeDue({ db: secondNode })]);
  await expect.poll(async () => (await charges(id))[0]?.status, { timeout: 20_000 }).toBe("paid");
  // A node restarted with the same due date in the past, and two more passes of the app's job: nothing more.
  await chargeDue({ db: secondNode });
  await page.waitForTimeout(4_500);
  expect(await charges(id)).toEqual([{ status: "paid", attempts: 1, dueDate: tomorrow(), tx: 1 }]);
  expect((await ledgerCount("bluepay")) - salesBefore).toBe(1);

  await page.reload();
  const row = page.getByTestId("schedule-charge");
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("schedule-status")).toHaveAttribute("data-status", "paid");
  await row.getByRole("link", { name: "#1 approved" }).click();
  await page.waitForURL(/\/transactions\//);
  await expect(page.getByTestId("status-badge").first()).toHaveAttribute("data-status", "approved");
  await expect(page.getByText("$25.00").first()).toBeVisible();
});

test("a declined payment is retried on the plan, then the schedule is past due, listed, and a manager cancels it", async ({ page, browser }) => {
  await signIn(page, "clerk");
  await page.goto(`/customers/${records.customerId}`);
  await page.getByRole("link", { name: "Set up recurring" }).click();
  // BluePay test mode declines even whole dollars.
  await fillSchedule(page, { amount: "4.00", startDate: tomorrow() });
  await page.getByRole("button", { name: "Set up recurring payments" }).click();
  await page.waitForURL(/\/schedules\/c[a-z0-9]+$/);
  const id = scheduleIdOf(page);

  await makeDue(id);
  await expect.poll(async () => (await charges(id))[0], { timeout: 20_000 }).toMatchObject({ status: "retrying", attempts: 1 });
  await page.reload();
  await expect(page.getByTestId("schedule-charge").getByTestId("schedule-status")).toHaveAttribute("data-status", "retrying");
  await expect(page.getByTestId("schedule-charge")).toContainText("next try");
  // The default plan: 1, 3 and 7 days after the due date. Each retry is made due in turn.
  for (const attempts of [2, 3, 4]) {
    await makeRetryDue(id);
    await expect.poll(async () => (await charges(id))[0]?.attempts, { timeout: 20_000 }).toBe(attempts);
  }
  await expect.poll(async () => (await charges(id))[0]?.status, { timeout: 20_000 }).toBe("failed");
  expect((await charges(id))[0]!.tx).toBe(4);

  const context = await browser.newContext();
  const manager = await context.newPage();
  await signIn(manager, "manager");
  await manager.goto("/schedules?status=past_due");
  await manager.getByTestId("schedule-row").getByRole("link").filter({ hasText: "Pia" }).first().click();
  await manager.waitForURL(`**/schedules/${id}`);
  await expect(manager.getByTestId("schedule-reason")).toContainText("failed after 4 attempts");
  await manager.getByRole("button", { name: "Cancel schedule" }).click();
  await expect(manager.getByRole("group", { name: "Confirm" })).toContainText("This cannot be undone");
  await manager.getByRole("button", { name: "Yes, cancel schedule" }).click();
  await expect(manager.getByTestId("schedule-status").first()).toHaveAttribute("data-status", "cancelled");
  const [audit] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE "targetId" = $1 AND action = 'recurring.cancel'`, [id]);
  expect(audit!.n).toBe(1);
  await context.close();
});

test("bad input is refused at its field and nothing is set up; a clerk has no manager controls", async ({ page }) => {
  await signIn(page, "clerk");
  await page.goto(`/schedules/new?customer=${records.customerId}`);
  const form = page.getByRole("form", { name: "Set up recurring payments" });
  const before = await query<{ n: number }>(`SELECT count(*)::int AS n FROM "RecurringSchedule"`);

  await fillSchedule(page, { amount: "0", startDate: tomorrow(), every: "0" });
  await form.getByRole("button", { name: "Set up recurring payments" }).click();
  await expect(form.getByText("The amount must be more than zero")).toBeVisible();
  await expect(form.getByText("The interval must be at least 1")).toBeVisible();
  await expect(form.getByLabel(/^Amount/)).toHaveAttribute("aria-invalid", "true");

  await fillSchedule(page, { amount: "10.00", startDate: addDays(dayIn(new Date(), NY), -1), every: "1" });
  await form.getByRole("button", { name: "Set up recurring payments" }).click();
  await expect(form.getByRole("alert")).toHaveText(/^The first payment cannot be in the past: choose \d{4}-\d{2}-\d{2} or later$/);
  await expect(form.getByLabel("First payment")).toHaveAttribute("aria-invalid", "true");
  // What was typed stays.
  await expect(form.getByLabel(/^Amount/)).toHaveValue("10.00");
  expect(await query<{ n: number }>(`SELECT count(*)::int AS n FROM "RecurringSchedule"`)).toEqual(before);

  const [any] = await query<{ id: string }>(`SELECT id FROM "RecurringSchedule" LIMIT 1`);
  if (any) {
    await page.goto(`/schedules/${any.id}`);
    await expect(page.getByRole("button", { name: /Pause|Cancel schedule|Resume/ })).toHaveCount(0);
  }
});
