// Issue 18: AVS/CVV rules and the repeat window, as a clerk meets them. The BluePay sandbox returns
// the first letter of address line 1 as the AVS code and of line 2 as the CVV2 code in test mode
// (../shared/gateways/bluepay.md §7.3, confirmed by the vendor's 2023 test captures), so "N…" in both
// forces AVS N (neither street nor ZIP matches) and CVV N (no match).
// Each test works on a BluePay account of its own and a clerk of its own: a warning blocks that
// clerk's next sale and rules are per account, so nothing leaks into the specs running beside it.
import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "../support/fixtures";
import { DEMO, signIn, signInWith } from "../support/auth";
import { query } from "../support/db";
import { captureServerAction, replayServerAction } from "../support/server-actions";
import { amountField, chooseAccount, expectResult, fillBilling, fillCard, screenshot, transactionCount, uniqueTag } from "./terminal-helpers";

// Two users' sign-ins, sales and axe scans in light and dark each take longer than the default 30 s.
test.describe.configure({ timeout: 90_000 });

const HOLD = "The customer may still see a temporary hold for this amount on their card for a few days";

/** The page's WCAG A/AA violations (contrast included) in light and in dark: the banners are new colours on both. */
async function violationsInBothModes(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
    found.push(...violations.map((v) => `${colorScheme} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`));
  }
  await page.emulateMedia({ colorScheme: "light" });
  return found;
}

/** A copy of the seeded BluePay account (same sandbox credentials) with the default rules. */
async function ownAccount(repeatWindowSeconds = 0): Promise<string> {
  const id = `e2e-risk-${randomBytes(5).toString("hex")}`;
  await query(
    `INSERT INTO "GatewayAccount" (id, label, kind, mode, "baseUrl", currency, "maxAmount", "timeoutMs", settings, secrets, "repeatWindowSeconds", "updatedAt")
     SELECT $1, $2, kind, mode, "baseUrl", currency, "maxAmount", "timeoutMs", settings, secrets, $3, now() FROM "GatewayAccount" WHERE id = 'seed-bluepay'`,
    [id, `Risk e2e ${id.slice(-4)}`, repeatWindowSeconds],
  );
  return id;
}

/** A clerk of this test's own, signing in with the demo clerk's password and authenticator. */
async function ownClerk(browser: Browser): Promise<Page> {
  const email = `risk-${randomBytes(4).toString("hex")}@keyed.test`;
  await query(
    `INSERT INTO "User" (id, email, name, "passwordHash", role, "totpSecret", "totpEnabledAt", "updatedAt")
     SELECT $1, $2, 'Rhea Risk', "passwordHash", 'clerk', "totpSecret", "totpEnabledAt", now() FROM "User" WHERE email = $3`,
    [`e2e-${randomBytes(6).toString("hex")}`, email, DEMO.clerk.email],
  );
  const page = await (await browser.newContext()).newPage();
  await signInWith(page, email, DEMO.clerk.password);
  await page.waitForURL("**/terminal");
  return page;
}

async function keySale(page: Page, accountId: string, o: { lastName: string; address1: string; address2?: string; amount: string }): Promise<void> {
  await chooseAccount(page, accountId);
  await fillBilling(page, { firstName: "Rae", lastName: o.lastName, address1: o.address1, address2: o.address2, postalCode: "62701" });
  await fillCard(page, { number: "4111111111111111", cvv: "737" });
  await page.getByLabel("Save card to this customer").uncheck();
  await amountField(page).fill(o.amount);
  await page.getByTestId("submit-payment").click();
}

test("AVS N and CVV N: the default rules void the approved sale at once, say so with the hold sentence, and the void is in the timeline", async ({ browser }) => {
  const accountId = await ownAccount();
  const clerk = await ownClerk(browser);
  await keySale(clerk, accountId, { lastName: `Void${uniqueTag()}`, address1: "North Road 1", address2: "No. 2", amount: "3.00" });
  await clerk.waitForURL(/\/terminal\/result\//);
  await expectResult(clerk, "voided");
  const banner = clerk.getByTestId("risk-banner");
  await expect(banner).toHaveAttribute("data-action", "void");
  await expect(banner).toContainText("The billing address did not match and the security code (CVV) did not match.");
  await expect(banner).toContainText("voided this sale automatically");
  await expect(banner).toContainText(HOLD);
  await screenshot(clerk, "risk-auto-void");
  expect(await violationsInBothModes(clerk)).toEqual([]);

  const saleId = clerk.url().split("/").pop()!;
  await clerk.goto(`/transactions/${saleId}`);
  const voidEntry = clerk.getByTestId("timeline-entry").and(clerk.locator('[data-kind="void"]'));
  await expect(voidEntry).toHaveAttribute("data-status", "approved");
  await expect(voidEntry).toContainText("Automatic, by the AVS/CVV rules: the billing address did not match and the security code (CVV) did not match");
  const actions = await query<{ action: string }>(`SELECT action FROM "AuditEvent" WHERE "targetId" = $1 ORDER BY "createdAt"`, [saleId]);
  expect(actions.map((a) => a.action)).toEqual(["payment.sale", "risk.auto_void"]);

  // History finds it under "Auto-voided by a rule".
  await clerk.goto(`/transactions?risk=auto_voided&account=${accountId}`);
  await expect(clerk.locator(`a[href="/transactions/${saleId}"]`).first()).toBeVisible();
});

test("with CVV no match set to warn, the sale stands with an amber warning that must be acknowledged before the next sale", async ({ browser }) => {
  const accountId = await ownAccount();
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, "admin");
  await admin.goto(`/admin/gateways/${accountId}/risk`);
  await expect(admin.getByLabel("Security code (CVV): No match")).toHaveValue("void");
  await admin.getByLabel("Security code (CVV): No match").selectOption("warn");
  // A rule that would void nearly everything is questioned before it is saved.
  await admin.getByLabel("Address (AVS): Unavailable").selectOption("void");
  await expect(admin.getByTestId("void-most-warning")).toBeVisible();
  expect(await violationsInBothModes(admin)).toEqual([]);
  await admin.getByRole("button", { name: "Save risk rules" }).click();
  await expect(admin.getByTestId("void-most-warning")).toContainText("Confirm to save them anyway");
  await admin.getByLabel("Address (AVS): Unavailable").selectOption("allow");
  await expect(admin.getByTestId("void-most-warning")).toHaveCount(0);
  const save = await captureServerAction(admin, () => admin.getByRole("button", { name: "Save risk rules" }).click());
  await expect(admin.getByText("Saved. The next sale on this account uses these rules.")).toBeVisible();
  const audit = await query<{ details: { changes: Record<string, unknown> } }>(`SELECT details FROM "AuditEvent" WHERE action = 'gateway_account.risk_rules' AND "targetId" = $1`, [accountId]);
  expect(audit).toHaveLength(1);
  expect(Object.keys(audit[0]!.details.changes)).toEqual(["cvv.no_match"]);

  const clerk = await ownClerk(browser);
  // A clerk replaying the admin's save (rules of their own choosing) is refused.
  const forged = await replayServerAction(clerk.request, save, save.body.replace('"no_match":"warn"', '"no_match":"allow"'));
  expect(forged.status()).toBe(403);
  expect(await query(`SELECT action FROM "AuditEvent" WHERE action = 'gateway_account.risk_rules' AND "targetId" = $1`, [accountId])).toHaveLength(1);

  await keySale(clerk, accountId, { lastName: `Warn${uniqueTag()}`, address1: "Main Street 1", address2: "No. 2", amount: "5.00" });
  await clerk.waitForURL(/\/terminal\/result\//);
  await expectResult(clerk, "approved");
  const banner = clerk.getByTestId("risk-banner");
  await expect(banner).toHaveAttribute("data-action", "warn");
  await expect(banner).toContainText("The security code (CVV) did not match.");
  await expect(banner).toContainText("The card was charged.");
  await screenshot(clerk, "risk-warn");
  expect(await violationsInBothModes(clerk)).toEqual([]);

  // The next sale waits for the acknowledgement: the terminal says so, and a submit is refused.
  await clerk.getByRole("link", { name: "New sale", exact: true }).click();
  await clerk.waitForURL(/\/terminal$/);
  await expect(clerk.getByTestId("pending-risk-warning")).toContainText("was approved with a warning");
  const lastName = `Next${uniqueTag()}`;
  await keySale(clerk, accountId, { lastName, address1: "Main Street 1", amount: "7.00" });
  await expect(clerk.getByText(/^Acknowledge the AVS\/CVV warning on your sale at \d{1,2}:\d{2} [AP]M before the next sale\.$/)).toBeVisible();
  expect(await transactionCount(`billing->>'lastName' = $1`, [lastName])).toBe(0);

  await clerk.getByTestId("pending-risk-warning").getByTestId("risk-acknowledge").click();
  await expect(clerk.getByTestId("pending-risk-warning")).toHaveCount(0);
  await clerk.getByTestId("submit-payment").click();
  await clerk.waitForURL(/\/terminal\/result\//);
  await expectResult(clerk, "approved");
  expect(await transactionCount(`billing->>'lastName' = $1`, [lastName])).toBe(1);
});

test("the same card, amount and customer again within the window asks 'charge again?' and needs the confirmation", async ({ browser }) => {
  const accountId = await ownAccount(120);
  const clerk = await ownClerk(browser);
  const lastName = `Again${uniqueTag()}`;
  await keySale(clerk, accountId, { lastName, address1: "Main Street 1", amount: "9.00" });
  await clerk.waitForURL(/\/terminal\/result\//);
  await expectResult(clerk, "approved");

  await clerk.goto("/terminal");
  await keySale(clerk, accountId, { lastName, address1: "Main Street 1", amount: "9.00" });
  const hold = clerk.getByTestId("repeat-hold");
  await expect(hold).toContainText(/This looks like a repeat of the sale at \d{1,2}:\d{2} [AP]M — charge again\?/);
  await screenshot(clerk, "risk-repeat");
  expect(await violationsInBothModes(clerk)).toEqual([]);
  expect(await transactionCount(`billing->>'lastName' = $1`, [lastName])).toBe(1);

  await hold.getByTestId("repeat-confirm").click();
  await clerk.waitForURL(/\/terminal\/result\//);
  await expectResult(clerk, "approved");
  expect(await transactionCount(`billing->>'lastName' = $1`, [lastName])).toBe(2);
  const confirmed = await query(
    `SELECT 1 FROM "AuditEvent" WHERE action = 'payment.repeat_confirmed' AND "targetId" IN (SELECT id FROM "Transaction" WHERE billing->>'lastName' = $1)`,
    [lastName],
  );
  expect(confirmed).toHaveLength(1);
});
