// Settlement, as a manager sees it: after the gateway's cut-off (/_sandbox/settle) a sale on each
// gateway reads "Settled" with the date and offers a refund instead of a void; the settlement report
// totals the day and flags a row Keyed and the gateway disagree on; its CSV and printable page say the same.
import type { Page } from "@playwright/test";
import { expect, failedToLoad, test } from "../support/fixtures";
import { signIn } from "../support/auth";
import { query } from "../support/db";
import { sandbox, type Gateway } from "../support/sandbox";
import { amountField, chooseAccount, expectResult, fillBilling, fillCard, submitPayment, uniqueTag } from "../terminal/terminal-helpers";

const SALES: Record<Gateway, { card: { number: string; cvv?: string }; amount: string }> = {
  bluepay: { card: { number: "4111111111111111", cvv: "737" }, amount: "13.00" },
  bepaid: { card: { number: "4200000000000000", cvv: "111" }, amount: "13.37" },
  roverpay: { card: { number: "5454545454545454" }, amount: "13.00" },
  paycore: { card: { number: "5519283812030000", cvv: "737" }, amount: "13.00" },
};

async function saleOn(page: Page, gateway: Gateway, lastName: string, amount = SALES[gateway].amount): Promise<string> {
  await page.goto("/terminal");
  await chooseAccount(page, `seed-${gateway}`);
  await fillBilling(page, { firstName: "Sol", lastName, address1: "Main Street 1", postalCode: "62701" });
  await fillCard(page, SALES[gateway].card);
  await page.getByLabel("Save card to this customer").uncheck();
  await amountField(page).fill(amount);
  await submitPayment(page);
  await page.waitForURL(/\/terminal\/result\//, { timeout: 20_000 });
  await expectResult(page, "approved");
  return new URL(page.url()).pathname.split("/").pop()!;
}

const settledAt = async (id: string) => (await query<{ settledAt: Date | null }>(`SELECT "settledAt" FROM "Transaction" WHERE id = $1`, [id]))[0]!.settledAt;

test.describe("settlement as a manager", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, "manager");
  });

  for (const gateway of ["bluepay", "bepaid", "roverpay"] as const) {
    test(`${gateway}: unsettled, a sale offers a void; after the cut-off it reads Settled with the date and offers a refund`, async ({ page }) => {
      const id = await saleOn(page, gateway, `Settle${uniqueTag()}`);
      await page.goto(`/transactions/${id}`);
      await expect(page.getByTestId("settled")).toHaveText("Not yet");
      await expect(page.getByRole("button", { name: "Void…" })).toBeVisible();
      await expect(page.getByRole("button", { name: "Refund…" })).toHaveCount(0);

      const before = Date.now();
      expect((await sandbox.settle(gateway)).settled[gateway]).toBeGreaterThan(0);
      await page.goto(`/transactions/${id}`); // the detail page asks the gateway whether it settled
      await expect(page.getByTestId("settled")).toHaveText(/^Yes, [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M$/);
      await expect(page.getByRole("button", { name: "Refund…" })).toBeVisible();
      await expect(page.getByRole("button", { name: "Void…" })).toHaveCount(0);
      // The gateway's own settlement time where it gives one (BluePay settle_date has whole seconds).
      expect((await settledAt(id))!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    });
  }

  test("paycore: a processed invoice is final — Settled with the date, a refund and never a void", async ({ page }) => {
    const id = await saleOn(page, "paycore", `Settle${uniqueTag()}`);
    await sandbox.settle("paycore");
    await page.goto(`/transactions/${id}`);
    await expect(page.getByTestId("settled")).toHaveText(/^Yes, [A-Z][a-z]{2} \d{1,2}, \d{4}/);
    await expect(page.getByRole("button", { name: "Refund…" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Void…" })).toHaveCount(0);
  });

  test("the settlement report totals the day and flags a deliberately mismatched row; CSV and printable page agree", async ({ page }) => {
    const tag = uniqueTag();
    const kept = await saleOn(page, "bluepay", `Kept${tag}`, "15.00");
    const lost = await saleOn(page, "bluepay", `Lost${tag}`, "17.00");
    await sandbox.settle("bluepay");
    // The deliberate mismatch: Keyed holds as declined a sale the gateway approved and settled.
    const [row] = await query<{ gatewayTransactionId: string }>(`UPDATE "Transaction" SET status = 'declined' WHERE id = $1 RETURNING "gatewayTransactionId"`, [lost]);
    const lostGatewayId = row!.gatewayTransactionId;

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settlement" }).click();
    await page.waitForURL("**/reports/settlement");
    await page.getByLabel("Gateway account").selectOption("seed-bluepay");
    await page.getByRole("button", { name: "Show report" }).click();
    await page.waitForURL(/account=seed-bluepay/);
    await expect(page.getByText("From the gateway's own transaction report.")).toBeVisible();

    const flag = page.locator('[data-testid="settlement-flag"][data-reason="settled_not_approved"]').filter({ hasText: lostGatewayId });
    await expect(flag).toHaveCount(1);
    await expect(flag).toContainText("Settled by the gateway, not approved in Keyed");
    await expect(flag).toContainText("$17.00");
    await expect(flag.getByRole("link", { name: "Declined" })).toHaveAttribute("href", `/transactions/${lost}`);
    // The settled sale counts on its day and now reads settled in Keyed.
    expect(await settledAt(kept)).not.toBeNull();
    const total = page.getByTestId("settlement-total");
    await expect(total).toBeVisible();
    expect(Number(await total.locator("td").nth(5).textContent())).toBeGreaterThanOrEqual(1);

    // CSV: the same flag, by the gateway's id.
    const query_ = new URL(page.url()).search;
    const csv = await page.request.get(`/api/reports/settlement/export${query_}`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const text = await csv.text();
    expect(text.split("\r\n")[0]).toBe("section,day,sales,refunds,voids,net,count,flags,currency");
    expect(text).toMatch(new RegExp(`^flag,[\\d-]+,"?Settled by the gateway, not approved in Keyed"?,sale,17\\.00,declined,${lost},[^,]*,${lostGatewayId},`, "m"));

    // Printable: no navigation, the same flag.
    await page.getByRole("link", { name: "Printable page" }).click();
    await page.waitForURL(/\/reports\/settlement\/print\?/);
    await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Settlement report");
    await expect(page.locator('[data-testid="settlement-flag"]').filter({ hasText: lostGatewayId })).toHaveCount(1);
    await expect(page.getByRole("button", { name: "Print" })).toBeVisible();
  });

  test("an inverted or ten-year range is refused next to the field, the page still answers; the CSV says why", async ({ page }) => {
    const inverted = await page.goto("/reports/settlement?account=seed-bluepay&from=2026-03-10&to=2026-03-01");
    expect(inverted?.status()).toBe(200);
    await expect(page.getByRole("alert").filter({ hasText: "The last day is before the first day" }).first()).toBeVisible();
    await expect(page.getByLabel("Last day")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByTestId("settlement-day")).toHaveCount(7); // the last 7 days instead

    await page.goto("/reports/settlement?account=seed-bluepay&from=2016-01-01&to=2026-01-01");
    await expect(page.getByRole("alert").filter({ hasText: "Choose at most 31 days at a time" }).first()).toBeVisible();

    const csv = await page.request.get("/api/reports/settlement/export?account=seed-bluepay&from=2026-03-10&to=2026-03-01");
    expect(csv.status()).toBe(422);
    expect(await csv.json()).toMatchObject({ fieldErrors: { to: "The last day is before the first day" } });
    const unknownAccount = await page.request.get("/api/reports/settlement/export?account=nope&from=2026-03-01&to=2026-03-02");
    expect(unknownAccount.status()).toBe(422);
  });
});

test("a clerk has no Settlement item, and the report and its CSV answer 403", async ({ page, allowConsoleError }) => {
  allowConsoleError(failedToLoad(403));
  await signIn(page, "clerk");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settlement" })).toHaveCount(0);
  expect((await page.goto("/reports/settlement"))?.status()).toBe(403);
  expect((await page.goto("/reports/settlement/print"))?.status()).toBe(403);
  expect((await page.request.get("/api/reports/settlement/export")).status()).toBe(403);
});
