// "12,50" in the amount was read as $1,250.00 and charged (issue 14, item 1). A comma is only a
// thousands separator; anything else is refused at the field, and what the button will charge is
// read back next to the field as it is typed.
import { expect, test } from "../support/fixtures";
import { signIn } from "../support/auth";
import { amountField, chooseAccount, fillBilling, fillCard, ledgerCount, transactionCount, uniqueTag } from "./terminal-helpers";

test("a decimal comma is refused at the amount, before anything is charged; the amount is read back as typed", async ({ page }) => {
  await signIn(page, "clerk");
  const lastName = `Comma${uniqueTag()}`;
  await chooseAccount(page, "seed-roverpay");
  await fillBilling(page, { firstName: "Ivan", lastName, address1: "5 Elm Street", postalCode: "12345" });
  // Rover Pay takes no security code: none is asked for.
  await fillCard(page, { number: "4111111111111111" });
  const preview = page.getByTestId("amount-preview");

  await amountField(page).fill("1,250.00");
  await expect(preview).toHaveText(/^Will charge \$1,250\.00/);
  await amountField(page).fill("12,50");
  await expect(preview).toHaveText("Use a dot for cents, e.g. 12.50");

  const sales = await ledgerCount("roverpay");
  await amountField(page).press("Enter");
  await expect(page.getByText("Use a dot for cents, e.g. 12.50").first()).toBeVisible();
  await expect(amountField(page)).toBeFocused();
  expect(await ledgerCount("roverpay")).toBe(sales);
  expect(await transactionCount(`billing->>'lastName' = $1`, [lastName])).toBe(0);

  await amountField(page).fill("12.50");
  await expect(preview).toHaveText(/^Will charge \$12\.50/);
});
