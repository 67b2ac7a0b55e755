// Issue 14, item 8: "Save card only" puts a keyed card in a customer's vault without charging it,
// where the gateway can tokenize without a sale (BluePay: a $0.00 authorization). The result shows
// the saved card, and charging it later needs no card number.
import { expect, test } from "../support/fixtures";
import { signIn } from "../support/auth";
import { query } from "../support/db";
import { amountField, chooseAccount, expectResult, fillBilling, fillCard, ledgerCount, screenshot, uniqueTag } from "./terminal-helpers";

test("BluePay: a card is saved to a new customer without a sale, shown, and charged from the vault later; PayCore does not offer it", async ({ page }) => {
  const lastName = `Vault${uniqueTag()}`;
  const name = `Vera ${lastName}`;
  await signIn(page, "clerk");
  await chooseAccount(page, "seed-bluepay");
  const [salesBefore, tokensBefore] = [await ledgerCount("bluepay"), await ledgerCount("bluepay", "tokenize")];
  await fillBilling(page, { firstName: "Vera", lastName, address1: "Main Street 6", postalCode: "62701" });
  await fillCard(page, { number: "4111111111111111", expiry: "11/31", cvv: "737" });
  // No amount: saving a card charges nothing, so none is asked for.
  await page.getByTestId("save-card-only").click();

  const result = page.getByTestId("card-saved");
  await expect(result).toContainText("Card saved; nothing was charged");
  await expect(result.getByTestId("saved-card")).toHaveText("Visa •••• 1111 · exp 11/31");
  await expect(result).toContainText(`for ${name} at BluePay (sandbox)`);
  await expect(result.getByRole("link", { name: "Charge this card" })).toBeFocused();
  await screenshot(page, "card-saved");
  const rows = await query<{ last4: string; expMonth: number; expYear: number; holderName: string; transactions: string }>(
    `SELECT pm.last4, pm."expMonth", pm."expYear", pm."holderName",
            (SELECT count(*)::text FROM "Transaction" t WHERE t."customerId" = c.id) AS transactions
       FROM "PaymentMethod" pm JOIN "Customer" c ON c.id = pm."customerId" WHERE c."lastName" = $1`,
    [lastName],
  );
  expect(rows).toEqual([{ last4: "1111", expMonth: 11, expYear: 2031, holderName: name, transactions: "0" }]);
  expect(await ledgerCount("bluepay")).toBe(salesBefore);
  expect(await ledgerCount("bluepay", "tokenize")).toBe(tokensBefore + 1);

  await result.getByRole("link", { name: "Charge this card" }).click();
  await page.waitForURL(/\/terminal\?customer=/);
  await expect(page.getByRole("radio", { name: /Visa •••• 1111/ })).toBeChecked();
  await amountField(page).fill("9.00");
  await amountField(page).press("Enter");
  await page.waitForURL(/\/terminal\/result\//);
  await expectResult(page, "approved");
  expect(await ledgerCount("bluepay")).toBe(salesBefore + 1);

  await page.goto("/terminal");
  await expect(page.getByTestId("save-card-only")).toBeVisible();
  await chooseAccount(page, "seed-paycore");
  await expect(page.getByTestId("save-card-only")).toHaveCount(0);
});

test("a card the gateway will not save stays in the form, with the reason, and nothing is written", async ({ page }) => {
  const lastName = `NoSave${uniqueTag()}`;
  await signIn(page, "clerk");
  await chooseAccount(page, "seed-bepaid");
  await fillBilling(page, { firstName: "Nils", lastName, address1: "Main Street 9", postalCode: "62701" });
  // bePaid's sandbox declines this card.
  await fillCard(page, { number: "4005550000000019", cvv: "737" });
  await page.getByTestId("save-card-only").click();
  await expect(page.getByTestId("save-failed")).not.toBeEmpty();
  await expect(page.getByText("The card was not saved; nothing was charged")).toBeVisible();
  await expect(page.getByLabel("Card number")).toHaveValue("4005 5500 0000 0019");
  await expect(page.getByLabel(/^CVV/)).toHaveValue("737");
  expect(await query(`SELECT id FROM "Customer" WHERE "lastName" = $1`, [lastName])).toEqual([]);
});
