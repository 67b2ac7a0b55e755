// Level 2/3 data (tax, PO number, line items) on a Rover Pay sale: offered only where the account's
// gateway takes it, checked at the field before anything is charged, shown on the result, the
// transaction's page and the printed receipt.
import type { Page } from "@playwright/test";
import { expect, test } from "../support/fixtures";
import { signIn } from "../support/auth";
import { query } from "../support/db";
import { amountField, chooseAccount, expectResult, fillBilling, fillCard, ledgerCount, submitPayment, uniqueTag } from "./terminal-helpers";

const openSection = (page: Page) => page.getByRole("button", { name: "Add tax / PO / line items" });
const item = (page: Page, n: number) => page.getByRole("group", { name: `Item ${n}` });

async function fillItem(page: Page, n: number, v: { description: string; code?: string; qty: string; price: string; tax: string }) {
  const row = item(page, n);
  await row.getByLabel(`Item ${n} description`).fill(v.description);
  if (v.code) await row.getByLabel("Product code").fill(v.code);
  await row.getByLabel("Qty").fill(v.qty);
  await row.getByLabel("Unit price").fill(v.price);
  await row.getByLabel("Tax", { exact: true }).fill(v.tax);
}

test.describe("terminal: tax, PO and line items (Level 2/3)", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, "clerk");
  });

  test("offered only for an account whose gateway takes it (Rover Pay), closed by default", async ({ page }) => {
    await expect(page.getByLabel("Gateway account")).toHaveValue("seed-bluepay");
    await expect(openSection(page)).toHaveCount(0);
    await chooseAccount(page, "seed-roverpay");
    await expect(openSection(page)).toBeVisible();
    await expect(page.getByLabel("PO number")).toHaveCount(0);
    await chooseAccount(page, "seed-bepaid");
    await expect(openSection(page)).toHaveCount(0);
    await chooseAccount(page, "seed-paycore");
    await expect(openSection(page)).toHaveCount(0);
  });

  test("a bad line item is refused at its field with nothing charged; fixed, the sale carries tax, PO and items to the detail and the receipt", async ({ page }) => {
    const lastName = `Lvl${uniqueTag()}`;
    const po = `PO-${uniqueTag()}`;
    await chooseAccount(page, "seed-roverpay");
    await fillBilling(page, { firstName: "Lena", lastName, address1: "5 Elm Street", postalCode: "92614" });
    await fillCard(page, { number: "4111111111111111" });
    await amountField(page).fill("12.30");

    await openSection(page).click();
    await expect(page.getByLabel("PO number")).toBeFocused();
    await page.getByLabel("PO number").fill(po);
    await page.getByLabel("Tax (USD)").fill("0.80");
    await page.getByRole("button", { name: "Add line item" }).click();
    await fillItem(page, 1, { description: "Blue widget", code: "WIDGET-100", qty: "2", price: "5.00", tax: "0.80" });
    await page.getByRole("button", { name: "Add line item" }).click();
    // A comma for the cents: refused at that item's field.
    await fillItem(page, 2, { description: "Ground shipping", qty: "1", price: "1,50", tax: "0" });
    await page.getByLabel("Ship-from ZIP").fill("85284");
    await page.getByLabel("Ship-to ZIP").fill("92614");

    const salesBefore = await ledgerCount("roverpay");
    await submitPayment(page);
    await expect(item(page, 2).getByLabel("Unit price")).toHaveAttribute("aria-invalid", "true");
    await expect(item(page, 2).getByRole("alert")).toHaveText("Use a dot for cents, e.g. 1.25");
    await expect(item(page, 2).getByLabel("Unit price")).toBeFocused();
    expect(await ledgerCount("roverpay")).toBe(salesBefore);

    await item(page, 2).getByLabel("Unit price").fill("1.50");
    await expect(page.getByTestId("level23-totals")).toHaveText("Items $11.50 + tax $0.80 = $12.30");
    await submitPayment(page);
    await page.waitForURL(/\/terminal\/result\//);
    await expectResult(page, "approved");
    const id = page.url().split("/").pop()!;

    const details = page.getByTestId("level23-details");
    await expect(details.getByTestId("level23-po")).toHaveText(po);
    await expect(details.getByTestId("level23-tax")).toHaveText("$0.80");
    await expect(details.getByTestId("level23-items").locator("tbody tr")).toHaveCount(2);
    await expect(details.getByTestId("level23-items")).toContainText("Blue widget");
    await expect(details.getByTestId("level23-warnings")).toHaveCount(0);

    const [row] = await query<{ level23: { poNumber: string; taxAmount: number; order: { items: { netAmount: number }[] } }; rawRequest: { level23: { taxamnt: string; items: { netamnt: string }[] } } }>(
      `SELECT level23, "rawRequest" FROM "Transaction" WHERE id = $1`,
      [id],
    );
    expect(row!.level23).toMatchObject({ poNumber: po, taxAmount: 80, order: { items: [{ netAmount: 1000 }, { netAmount: 150 }] } });
    expect(row!.rawRequest.level23).toMatchObject({ ponumber: po, taxamnt: "80", items: [{ netamnt: "1000" }, { netamnt: "150" }] });

    await page.goto(`/transactions/${id}`);
    await expect(page.getByTestId("level23-details").getByTestId("level23-po")).toHaveText(po);
    await expect(page.getByTestId("level23-details").getByTestId("level23-items")).toContainText("Ground shipping");

    await page.goto(`/receipt/${id}`);
    const receipt = page.getByTestId("receipt-level23");
    await expect(receipt).toContainText(po);
    await expect(receipt).toContainText("$0.80");
    await expect(receipt.getByRole("list", { name: "Line items" }).getByRole("listitem")).toHaveCount(2);
    await expect(receipt).toContainText("2 EA × $5.00 · WIDGET-100 · tax $0.80");
  });

  test("the items' tax must add up to the order's tax, said next to the tax", async ({ page }) => {
    await chooseAccount(page, "seed-roverpay");
    await openSection(page).click();
    await page.getByLabel("Tax (USD)").fill("1.00");
    await page.getByRole("button", { name: "Add line item" }).click();
    await fillItem(page, 1, { description: "Blue widget", qty: "2", price: "5.00", tax: "0.80" });
    await page.getByLabel("Ship-from ZIP").fill("85284");
    await page.getByLabel("Ship-to ZIP").fill("9261");
    await submitPayment(page);
    await expect(page.getByText("The line items' tax adds up to $0.80; the order's tax must be the same")).toBeVisible();
    await expect(page.getByLabel("Tax (USD)")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Ship-to ZIP")).toHaveAttribute("aria-invalid", "true");
  });
});
