// A new-card sale (approved, card saved, AVS/CVV shown) and a declined sale through each gateway,
// keyed as a clerk would. Each gateway's sandbox decides by its documented test data.
import type { Page } from "@playwright/test";
import { expect, test } from "../support/fixtures";
import { signIn } from "../support/auth";
import { query } from "../support/db";
import { amountField, chooseAccount, expectResult, fillBilling, fillCard, ledgerCount, screenshot, submitPayment, uniqueTag } from "./terminal-helpers";

async function savedCardsOf(lastName: string): Promise<string[]> {
  const rows = await query<{ last4: string }>(
    `SELECT pm.last4 FROM "PaymentMethod" pm JOIN "Customer" c ON c.id = pm."customerId" WHERE c."lastName" = $1 AND pm."removedAt" IS NULL`,
    [lastName],
  );
  return rows.map((r) => r.last4);
}

async function codeText(page: Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).textContent())?.replace(/\s+/g, " ") ?? "";
}

/** From the result screen: "New sale for <customer>" opens the terminal with their saved card chosen. */
async function newSaleForSameCustomer(page: Page, name: string): Promise<void> {
  await page.getByRole("link", { name: `New sale for ${name}` }).click();
  await page.waitForURL(/\/terminal\?customer=/);
  await expect(page.getByTestId("selected-customer")).toContainText(name);
}

/** A decline comes back to the terminal with the message and everything but the card number and CVV. */
async function expectDeclineKeptValues(page: Page, opts: { amount: string; firstName: string; address1: string; message: RegExp }) {
  await page.waitForURL(/\/terminal\?retry=/);
  await expect(page.getByTestId("inline-result")).toBeVisible();
  await expect(page.getByTestId("status-badge").first()).toHaveAttribute("data-status", "declined");
  await expect(page.getByTestId("inline-result").getByTestId("gateway-message")).toHaveText(opts.message);
  await expect(amountField(page)).toHaveValue(opts.amount);
  await expect(page.getByLabel("First name")).toHaveValue(opts.firstName);
  await expect(page.getByLabel("Address", { exact: true })).toHaveValue(opts.address1);
}

test.describe("terminal: sales through each gateway", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, "clerk");
  });

  test("BluePay: $3.00 new card approved with AVS/CVV and saved; $4.00 from the saved token declined with values kept; the fast path", async ({ page }) => {
    const lastName = `Blue${uniqueTag()}`;
    const name = `Ada ${lastName}`;
    const salesBefore = await ledgerCount("bluepay");

    await expect(page.getByTestId("terminal-account")).toContainText("TEST");
    await fillBilling(page, { firstName: "Ada", lastName, address1: "Main Street 1", address2: "Match unit", postalCode: "62701" });
    await fillCard(page, { number: "4111111111111111", cvv: "737" });
    await expect(page.getByLabel("Card number")).toHaveValue("4111 1111 1111 1111");
    await expect(page.getByTestId("card-brand")).toHaveText("Visa");
    await expect(page.getByTestId("holder-name")).toHaveText(name);
    await expect(page.getByLabel("Save card to this customer")).toBeChecked();
    await amountField(page).fill("3.00");
    await amountField(page).press("Enter");

    await page.waitForURL(/\/terminal\/result\//);
    await expectResult(page, "approved");
    await expect(page.getByTestId("amount")).toHaveText("$3.00");
    expect(await codeText(page, "avs-result")).toMatch(/M — Address and postal code match/);
    expect(await codeText(page, "cvv-result")).toMatch(/M — CVV2 matches/);
    await expect(page.getByTestId("auth-code")).not.toContainText("—");
    await expect(page.getByTestId("card")).toContainText("Visa •••• 1111");
    await expect(page.getByTestId("billing-block")).toContainText("Main Street 1");
    await expect(page.getByTestId("gateway-account")).toContainText("TEST");
    await screenshot(page, "approved");
    expect(await savedCardsOf(lastName)).toEqual(["1111"]);
    expect(await ledgerCount("bluepay")).toBe(salesBefore + 1);

    await newSaleForSameCustomer(page, name);
    await expect(page.getByRole("radio", { name: /Visa •••• 1111/ })).toBeChecked();
    await expect(amountField(page)).toBeFocused();
    await amountField(page).fill("4.00");
    await amountField(page).press("Enter");
    await expectDeclineKeptValues(page, { amount: "4.00", firstName: "Ada", address1: "Main Street 1", message: /\S/ });
    await expect(page.getByRole("radio", { name: /Visa •••• 1111/ })).toBeChecked();
    await screenshot(page, "declined");
    expect(await ledgerCount("bluepay")).toBe(salesBefore + 2);

    // The fast path for a repeat customer, keyboard only: search, Enter, amount, Enter.
    await page.goto("/terminal");
    await expect(page.getByRole("combobox", { name: "Find customer" })).toBeFocused();
    let actions = 0;
    const type = async (text: string) => {
      await page.keyboard.type(text);
      actions += text.length;
    };
    const press = async (key: string) => {
      await page.keyboard.press(key);
      actions += 1;
    };
    await type(lastName.toLowerCase());
    await press("Enter");
    await expect(page.getByTestId("selected-customer")).toContainText(name);
    await type("5");
    await press("Enter");
    await page.waitForURL(/\/terminal\/result\//);
    await expectResult(page, "approved");
    await expect(page.getByTestId("amount")).toHaveText("$5.00");
    expect(actions).toBeLessThanOrEqual(12);
  });

  test("bePaid: new card approved (AVS M) and saved; a .51 amount from the saved token is declined for insufficient funds", async ({ page }) => {
    const lastName = `Bep${uniqueTag()}`;
    await chooseAccount(page, "seed-bepaid");
    await expect(amountField(page)).toBeVisible();
    await fillBilling(page, { firstName: "Boris", lastName, address1: "1 Main St", postalCode: "10001" });
    await fillCard(page, { number: "4200000000000000", cvv: "111" });
    await amountField(page).fill("5.37");
    await submitPayment(page);
    await page.waitForURL(/\/terminal\/result\//);
    await expectResult(page, "approved");
    expect(await codeText(page, "avs-result")).toMatch(/M — \S/);
    // The sale runs on the token made by the tokenization call, so the CVV result is the sale's own.
    expect(await codeText(page, "cvv-result")).toMatch(/\w — \S/);
    await expect(page.getByTestId("gateway-account")).toContainText("bePaid");
    expect(await savedCardsOf(lastName)).toEqual(["0000"]);

    await newSaleForSameCustomer(page, `Boris ${lastName}`);
    await expect(page.getByLabel("Gateway account")).toHaveValue("seed-bepaid");
    await expect(page.getByRole("radio", { name: /•••• 0000/ })).toBeChecked();
    await amountField(page).fill("7.51");
    await amountField(page).press("Enter");
    await expectDeclineKeptValues(page, { amount: "7.51", firstName: "Boris", address1: "1 Main St", message: /insufficient funds/i });
  });

  test("Rover Pay: Mastercard approved with AVS Y and saved (no CVV asked for); a .01 amount from the saved token is declined", async ({ page }) => {
    const lastName = `Rov${uniqueTag()}`;
    await chooseAccount(page, "seed-roverpay");
    await expect(page.getByTestId("no-security-code")).toHaveText("Rover Pay takes no security code, so none is asked for.");
    await fillBilling(page, { firstName: "Rita", lastName, address1: "5 Elm Street", postalCode: "12345" });
    await fillCard(page, { number: "5454545454545454" });
    await expect(page.getByTestId("card-brand")).toHaveText("Mastercard");
    await amountField(page).fill("6.00");
    await submitPayment(page);
    await page.waitForURL(/\/terminal\/result\//);
    await expectResult(page, "approved");
    expect(await codeText(page, "avs-result")).toMatch(/Y — \S/);
    await expect(page.getByTestId("card")).toContainText("Mastercard •••• 5454");
    expect(await savedCardsOf(lastName)).toEqual(["5454"]);

    await newSaleForSameCustomer(page, `Rita ${lastName}`);
    await amountField(page).fill("8.01");
    await amountField(page).press("Enter");
    await expectDeclineKeptValues(page, { amount: "8.01", firstName: "Rita", address1: "5 Elm Street", message: /\S/ });
  });

  test("PayCore: pending until the gateway's callback approves (card saved); a declined card turns declined and Edit and retry keeps the values", async ({ page }) => {
    const lastName = `Pay${uniqueTag()}`;
    await chooseAccount(page, "seed-paycore");
    await expect(page.getByRole("radio", { name: "Authorize only" })).toHaveCount(0);
    await fillBilling(page, { firstName: "Pia", lastName, address1: "9 Dock Road", postalCode: "02110" });
    await fillCard(page, { number: "5519283812030000", cvv: "737" });
    await amountField(page).fill("9.00");
    await submitPayment(page);
    await page.waitForURL(/\/terminal\/result\//);
    // Sales come back pending; the screen polls until PayCore's callback settles it.
    await expectResult(page, "approved");
    await expect(page.getByTestId("avs-result")).toContainText(/not returned|unavailable|—/i);
    await expect.poll(() => savedCardsOf(lastName)).toEqual(["0000"]);

    await newSaleForSameCustomer(page, `Pia ${lastName}`);
    await expect(page.getByLabel("Gateway account")).toHaveValue("seed-paycore");
    await page.getByRole("radio", { name: "New card" }).check();
    await fillCard(page, { number: "4302912837020000", cvv: "737" });
    await page.getByLabel("Save card to this customer").uncheck();
    await amountField(page).fill("10.00");
    await submitPayment(page);
    // Declines arrive by callback too: the result screen turns declined, and Edit and retry brings the form back.
    await page.waitForURL(/\/terminal\/result\//);
    await expectResult(page, "declined");
    await expect(page.getByTestId("gateway-message")).not.toBeEmpty();
    await page.getByRole("link", { name: "Edit and retry" }).click();
    await expectDeclineKeptValues(page, { amount: "10.00", firstName: "Pia", address1: "9 Dock Road", message: /\S/ });
    await expect(page.getByLabel("Gateway account")).toHaveValue("seed-paycore");
    await expect(page.getByRole("radio", { name: "New card" })).toBeChecked();
    await expect(page.getByLabel("Card number")).toHaveValue("");
    await expect(page.getByLabel("Card number")).toBeFocused();
  });

  test("PayCore: a payment the gateway keeps pending says what it waits for", async ({ page }) => {
    await chooseAccount(page, "seed-paycore");
    await fillBilling(page, { firstName: "Paul", lastName: `Pend${uniqueTag()}`, address1: "3 Quay", postalCode: "02110" });
    await fillCard(page, { number: "5519283812030000", cvv: "737" });
    await page.getByLabel("Save card to this customer").uncheck();
    await amountField(page).fill("11.13");
    await submitPayment(page);
    await page.waitForURL(/\/terminal\/result\//);
    await expectResult(page, "pending");
    await expect(page.getByTestId("pending-note")).toContainText("Waiting for PayCore to confirm the payment…");
    await screenshot(page, "pending");
  });
});
