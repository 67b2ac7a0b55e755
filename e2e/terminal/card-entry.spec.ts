// Issue 14, item 6: the form asks only for what the chosen gateway uses and what is not on file.
// Rover Pay takes no security code, yet the form demanded one; an expiry typed "1/29" became "12/9";
// the cardholder name sat before the billing names and was typed twice; a saved-card sale asked for
// the whole billing address again although the customer had one on file.
import { expect, test } from "../support/fixtures";
import { signIn } from "../support/auth";
import { query } from "../support/db";
import { amountField, chooseAccount, expectResult, fillBilling, screenshot, submitPayment, uniqueTag } from "./terminal-helpers";

const savedCard = async (lastName: string) =>
  (
    await query<{ expMonth: number; expYear: number; holderName: string }>(
      `SELECT pm."expMonth", pm."expYear", pm."holderName" FROM "PaymentMethod" pm JOIN "Customer" c ON c.id = pm."customerId" WHERE c."lastName" = $1`,
      [lastName],
    )
  )[0];

test.beforeEach(async ({ page }) => {
  await signIn(page, "clerk");
});

test("Rover Pay asks for no security code; '1/29' stays January 2029; the name on the card is the billing name, typed once", async ({ page }) => {
  const lastName = `Rover${uniqueTag()}`;
  await chooseAccount(page, "seed-roverpay");
  await page.getByLabel("Card number").pressSequentially("5454545454545454");
  await page.getByLabel("Expiry (MM/YY)").pressSequentially("1/29");
  await expect(page.getByLabel("Expiry (MM/YY)")).toHaveValue("01/29");
  await expect(page.getByLabel(/^CVV/)).toHaveCount(0);
  await expect(page.getByTestId("no-security-code")).toBeVisible();
  await expect(page.getByLabel("Cardholder name")).toHaveCount(0);
  await fillBilling(page, { firstName: "Rita", lastName, address1: "5 Elm Street", postalCode: "12345" });
  await expect(page.getByTestId("holder-name")).toHaveText(`Rita ${lastName}`);
  await amountField(page).fill("6.00");
  await screenshot(page, "rover-pay-card-entry");
  await submitPayment(page);
  await page.waitForURL(/\/terminal\/result\//);
  await expectResult(page, "approved");
  expect(await savedCard(lastName)).toEqual({ expMonth: 1, expYear: 2029, holderName: `Rita ${lastName}` });

  // A gateway that takes the code asks for it.
  await page.goto("/terminal");
  await chooseAccount(page, "seed-bluepay");
  await page.getByLabel("Card number").pressSequentially("4111111111111111");
  await page.getByLabel("Expiry (MM/YY)").pressSequentially("1229");
  await expect(page.getByLabel("Expiry (MM/YY)")).toHaveValue("12/29");
  await fillBilling(page, { firstName: "Rita", lastName: `${lastName}b`, address1: "5 Elm Street", postalCode: "12345" });
  await amountField(page).fill("3.00");
  await submitPayment(page);
  await expect(page.getByLabel(/^CVV/)).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Enter the 3-digit security code")).toBeVisible();
});

test("a different name on the card is typed once and kept when the billing name changes; MM/YYYY is read as typed", async ({ page }) => {
  const lastName = `Holder${uniqueTag()}`;
  await chooseAccount(page, "seed-bluepay");
  await page.getByLabel("Card number").pressSequentially("4111111111111111");
  await page.getByLabel("Expiry (MM/YY)").pressSequentially("12/2031");
  await expect(page.getByLabel("Expiry (MM/YY)")).toHaveValue("12/2031");
  await page.getByLabel(/^CVV/).fill("737");
  await page.getByRole("button", { name: "Different name on card" }).click();
  await expect(page.getByLabel("Cardholder name")).toBeFocused();
  await page.getByLabel("Cardholder name").fill("R PETROVA");
  await fillBilling(page, { firstName: "Raisa", lastName, address1: "5 Elm Street", postalCode: "12345" });
  await expect(page.getByLabel("Cardholder name")).toHaveValue("R PETROVA");
  await amountField(page).fill("3.00");
  await submitPayment(page);
  await page.waitForURL(/\/terminal\/result\//);
  await expectResult(page, "approved");
  expect(await savedCard(lastName)).toEqual({ expMonth: 12, expYear: 2031, holderName: "R PETROVA" });
});

test("a saved-card sale shows the customer's address on file instead of asking for it again, and it can still be edited", async ({ page }) => {
  const lastName = `OnFile${uniqueTag()}`;
  const name = `Olga ${lastName}`;
  await chooseAccount(page, "seed-bluepay");
  await fillBilling(page, { firstName: "Olga", lastName, address1: "12 Birch Lane", city: "Dover", state: "DE", postalCode: "19901" });
  await page.getByLabel("Card number").pressSequentially("4111111111111111");
  await page.getByLabel("Expiry (MM/YY)").pressSequentially("1230");
  await page.getByLabel(/^CVV/).fill("737");
  await amountField(page).fill("3.00");
  await submitPayment(page);
  await page.waitForURL(/\/terminal\/result\//);
  await expectResult(page, "approved");

  await page.getByRole("link", { name: `New sale for ${name}` }).click();
  await expect(page.getByRole("radio", { name: /Visa •••• 1111/ })).toBeChecked();
  const onFile = page.getByTestId("billing-on-file");
  await expect(onFile).toContainText("12 Birch Lane");
  await expect(onFile).toContainText("Dover, DE, 19901");
  await expect(page.getByLabel("First name")).toHaveCount(0);
  await screenshot(page, "billing-on-file");
  await amountField(page).fill("5.00");
  await amountField(page).press("Enter");
  await page.waitForURL(/\/terminal\/result\//);
  await expectResult(page, "approved");
  await expect(page.getByTestId("billing-block")).toContainText("12 Birch Lane");

  // Editable: the fields open filled in, and the change goes with the sale.
  await page.getByRole("link", { name: `New sale for ${name}` }).click();
  await page.getByRole("button", { name: "Edit billing details" }).click();
  await expect(page.getByLabel("First name")).toBeFocused();
  await expect(page.getByLabel("Address", { exact: true })).toHaveValue("12 Birch Lane");
  await page.getByLabel("Address line 2").fill("Flat 3");
  await amountField(page).fill("7.00");
  await submitPayment(page);
  await page.waitForURL(/\/terminal\/result\//);
  await expectResult(page, "approved");
  await expect(page.getByTestId("billing-block")).toContainText("Flat 3");
});
