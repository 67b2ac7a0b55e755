import { expect, test } from "../support/fixtures";
import { query } from "../support/db";
import { approvedSale } from "../terminal/terminal-helpers";

test("the receipt carries the merchant's address and phone, and is printable from the transaction's page", async ({ page }) => {
  const transactionId = await approvedSale(page, "admin");
  await page.goto("/admin/settings");
  const form = page.getByRole("form", { name: "Merchant settings" });
  const before = { address: await form.getByLabel("Address").inputValue(), phone: await form.getByLabel("Phone").inputValue() };
  await form.getByLabel("Phone").fill("4111 1111 1111 1111");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(form.getByText(/card number/i).first()).toBeVisible();
  await form.getByLabel("Address").fill("12 Harbour Road, Springfield IL 62701");
  await form.getByLabel("Phone").fill("+1 (555) 010-0199");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(form.getByRole("alert")).toHaveText("Settings saved.");
  try {
    await page.goto(`/transactions/${transactionId}`);
    const receipt = page.waitForEvent("popup");
    await page.getByRole("link", { name: "Print receipt" }).click();
    const popup = await receipt;
    await expect(popup.getByTestId("merchant-contact")).toHaveText(/12 Harbour Road, Springfield IL 62701\s*\+1 \(555\) 010-0199/);
    await expect(popup.getByTestId("receipt-amount")).toHaveText("$9.00");
    // The same receipt number as the emailed receipt, and none of the gateway's own ids.
    const [row] = await query<{ reference: string; gatewayTransactionId: string }>(
      `SELECT reference, "gatewayTransactionId" FROM "Transaction" WHERE id = $1`,
      [transactionId],
    );
    expect(row?.gatewayTransactionId, "the sale's gateway id").toBeTruthy();
    await expect(popup.getByRole("main")).toContainText(row!.reference);
    await expect(popup.getByRole("main")).not.toContainText(row!.gatewayTransactionId);
  } finally {
    await page.goto("/admin/settings");
    await form.getByLabel("Address").fill(before.address);
    await form.getByLabel("Phone").fill(before.phone);
    await form.getByRole("button", { name: "Save settings" }).click();
    await expect(form.getByRole("alert")).toHaveText("Settings saved.");
  }
});
