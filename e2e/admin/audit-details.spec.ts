import { expect, test } from "../support/fixtures";
import { approvedSale } from "../terminal/terminal-helpers";

test("audit details read as labelled values with money formatted, and link to the transaction", async ({ page }) => {
  const transactionId = await approvedSale(page, "admin");
  await page.goto(`/admin/audit?action=payment.sale`);
  const row = page.getByRole("table", { name: "Audit events" }).getByRole("row").filter({ hasText: transactionId });
  const details = row.getByTestId("audit-details");
  await expect(details).toContainText("Amount$9.00");
  await expect(details).not.toContainText("amount");
  await expect(details).not.toContainText("{");
  await row.getByRole("link", { name: `Transaction ${transactionId}` }).click();
  await page.waitForURL(`**/transactions/${transactionId}`);
});
