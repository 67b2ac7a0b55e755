// What must never go wrong at the terminal: a double submit or a replayed request charging twice,
// bad input reaching the gateway, or a lost gateway answer being treated as a decline.
import { expect, test } from "../support/fixtures";
import { signIn } from "../support/auth";
import { query } from "../support/db";
import { sandbox } from "../support/sandbox";
import { captureServerAction, replayServerAction } from "../support/server-actions";
import { amountField, expectResult, fillBilling, fillCard, ledgerCount, screenshot, transactionCount, uniqueTag } from "./terminal-helpers";

test.describe("terminal: safety", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, "clerk");
  });

  test("a double click and replayed requests make exactly one transaction and one gateway sale", async ({ page }) => {
    const lastName = `Dbl${uniqueTag()}`;
    const salesBefore = await ledgerCount("bluepay");
    await fillBilling(page, { firstName: "Dora", lastName, address1: "Main Street 2", postalCode: "62701" });
    await fillCard(page, { number: "4111111111111111", cvv: "737" });
    await page.getByLabel("Save card to this customer").uncheck();
    await amountField(page).fill("7.00");

    const action = await captureServerAction(page, () => page.getByTestId("submit-payment").dblclick());
    await page.waitForURL(/\/terminal\/result\//);
    await expectResult(page, "approved");
    const transactionId = page.url().split("/").pop()!;
    const [input] = JSON.parse(action.body) as [{ idempotencyKey: string; amount: string }];

    // The browser retrying, or someone re-posting the captured request: the first result comes back.
    for (let i = 0; i < 2; i++) {
      const res = await replayServerAction(page.request, action);
      expect(res.status()).toBe(200);
      expect(await res.text()).toContain(transactionId);
    }
    expect(await transactionCount(`"idempotencyKey" = $1`, [input.idempotencyKey])).toBe(1);
    expect(await transactionCount(`"customerId" IN (SELECT id FROM "Customer" WHERE "lastName" = $1)`, [lastName])).toBe(1);
    expect(await ledgerCount("bluepay")).toBe(salesBefore + 1);

    // The server re-validates: a forged body with a fresh key and a bad amount is refused, nothing is sent.
    const forged = JSON.stringify([{ ...input, idempotencyKey: crypto.randomUUID(), amount: "0.001" }]);
    const res = await replayServerAction(page.request, action, forged);
    expect(await res.text()).toContain("decimal places");
    expect(await ledgerCount("bluepay")).toBe(salesBefore + 1);
  });

  test("bad input gets a message at its field, focus on the first one, and nothing reaches the gateway", async ({ page }) => {
    const before = { sales: await ledgerCount("bluepay"), tokens: await ledgerCount("bluepay", "tokenize") };
    const transactionsBefore = await transactionCount("true", []);
    let actionsSent = 0;
    const customerSearches: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST" && r.headers()["next-action"]) actionsSent++;
      if (r.url().includes("/api/customers/search")) customerSearches.push(r.url());
    });

    // A search by card number says how to search instead, and is never sent (it would travel in the URL).
    const find = page.getByRole("combobox", { name: "Find customer" });
    await find.fill("4111 1111 1111 1111");
    await expect(page.getByText("Search by the card's last 4 digits, never its full number")).toBeVisible();
    await expect(find).toHaveAttribute("aria-invalid", "true");
    await find.press("Enter");
    await page.waitForTimeout(400); // past the type-ahead's debounce, when it would have searched
    // An ordinary search afterwards is sent: the only one.
    const searched = page.waitForRequest((r) => r.url().includes("/api/customers/search?q=Val"));
    await find.fill("Val");
    await searched;
    expect(customerSearches).toHaveLength(1);
    await find.fill("");
    await fillBilling(page, { firstName: "Val", lastName: `Bad${uniqueTag()}`, address1: "Main Street 3", postalCode: "62701" });
    const number = page.getByLabel("Card number");
    const expiry = page.getByLabel("Expiry (MM/YY)");
    const cvv = page.getByLabel(/^CVV/);
    const amount = amountField(page);
    const submit = () => amount.press("Enter");

    // Invalid number (fails Luhn).
    await fillCard(page, { number: "4111111111111112", cvv: "737" });
    await amount.fill("3.00");
    await submit();
    await expect(number).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("This card number is not valid — check the digits")).toBeVisible();
    await expect(number).toBeFocused();

    // Past expiry.
    await number.fill("4111111111111111");
    await expiry.fill("01/20");
    await submit();
    await expect(page.getByText("This card has expired")).toBeVisible();
    await expect(expiry).toBeFocused();

    // A 3-digit CVV on an Amex.
    await number.fill("");
    await number.pressSequentially("378282246310005");
    await expect(page.getByTestId("card-brand")).toHaveText("American Express");
    await expect(cvv).toHaveAccessibleName("CVV (4 digits)");
    await expiry.fill("12/30");
    await cvv.fill("123");
    await submit();
    await expect(page.getByText("Enter the 4-digit security code (4 digits on the front of an Amex card)")).toBeVisible();
    await expect(cvv).toBeFocused();
    await cvv.fill("4791");

    // Amounts: zero, three decimals, over the account's maximum ($10,000.00 by default).
    for (const [value, message] of [
      ["0", "The amount must be more than zero"],
      ["1.005", "USD amounts have at most 2 decimal places"],
      ["20000", "The amount is over this account's limit of $10,000.00"],
    ] as const) {
      await amount.fill(value);
      await submit();
      await expect(page.getByText(message)).toBeVisible();
      await expect(amount).toHaveAttribute("aria-invalid", "true");
      await expect(amount).toBeFocused();
    }

    // A card number keyed into the description, which would be stored and sent to the gateway.
    await amount.fill("3.00");
    const description = page.getByLabel("Description");
    await description.fill("card 4111 1111 1111 1111 exp 12/30");
    await submit();
    await expect(page.getByText("Description must not hold a card number: key the card in the card number field only")).toBeVisible();
    await expect(description).toBeFocused();

    expect(actionsSent).toBe(0);
    expect(await ledgerCount("bluepay")).toBe(before.sales);
    expect(await ledgerCount("bluepay", "tokenize")).toBe(before.tokens);
    expect(await transactionCount("true", [])).toBe(transactionsBefore);
  });

  test.describe("lost gateway answers", () => {
    test.afterEach(async () => {
      await sandbox.clearFaults();
      await query(`UPDATE "GatewayAccount" SET "timeoutMs" = 15000 WHERE id = 'seed-bluepay'`);
    });

    async function keySaleIntoTimeout(page: import("@playwright/test").Page, mode: "timeout" | "timeout-before", amount: string) {
      await query(`UPDATE "GatewayAccount" SET "timeoutMs" = 1500 WHERE id = 'seed-bluepay'`);
      await sandbox.addFault({ gateway: "bluepay", mode, count: 1 });
      await fillBilling(page, { firstName: "Tim", lastName: `Out${uniqueTag()}`, address1: "Main Street 4", postalCode: "62701" });
      await fillCard(page, { number: "4111111111111111", cvv: "737" });
      await page.getByLabel("Save card to this customer").uncheck();
      await amountField(page).fill(amount);
      await amountField(page).press("Enter");
      await page.waitForURL(/\/terminal\/result\//);
      await expectResult(page, "unknown");
      await expect(page.getByText("We don't know yet whether the card was charged.")).toBeVisible();
    }

    test("a timeout after the gateway charged shows unknown, and Check now resolves it to approved without charging again", async ({ page }) => {
      const salesBefore = await ledgerCount("bluepay");
      await keySaleIntoTimeout(page, "timeout", "13.00");
      await screenshot(page, "unknown");
      await page.getByRole("button", { name: "Check now" }).click();
      await expectResult(page, "approved");
      await expect(page.getByText("We don't know yet")).toHaveCount(0);
      expect(await ledgerCount("bluepay")).toBe(salesBefore + 1);
    });

    test("a timeout before the gateway saw the sale resolves to an error that says nothing was charged", async ({ page }) => {
      const salesBefore = await ledgerCount("bluepay");
      await keySaleIntoTimeout(page, "timeout-before", "15.00");
      await page.getByRole("button", { name: "Check now" }).click();
      await expectResult(page, "error");
      await expect(page.getByTestId("gateway-message")).toContainText("nothing was charged");
      await expect(page.getByRole("link", { name: "Edit and retry" })).toBeVisible();
      await screenshot(page, "error");
      expect(await ledgerCount("bluepay")).toBe(salesBefore);

      // Edit and retry: the terminal comes back with everything but the card number and CVV.
      await page.getByRole("link", { name: "Edit and retry" }).click();
      await page.waitForURL(/\/terminal\?retry=/);
      await expect(amountField(page)).toHaveValue("15.00");
      await expect(page.getByLabel("Address", { exact: true })).toHaveValue("Main Street 4");
      await expect(page.getByLabel("Card number")).toHaveValue("");
      await expect(page.getByLabel(/^CVV/)).toHaveValue("");
      await expect(page.getByLabel("Card number")).toBeFocused();
    });
  });
});
