// The customer pages: create and edit with field errors, a customer's saved cards and transactions,
// and removing a card (asked first, soft-deleted, audited, gone from the terminal).
import { expect, test } from "../support/fixtures";
import { signIn } from "../support/auth";
import { query } from "../support/db";
import { amountField, expectResult, fillBilling, fillCard, uniqueTag } from "./terminal-helpers";

test.describe("customers", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, "clerk");
  });

  test("create with a field error, fix it, edit, and find the customer by search", async ({ page }) => {
    const lastName = `Cust${uniqueTag()}`;
    await page.goto("/customers/new");
    await fillBilling(page, { firstName: "Carl", lastName, address1: "8 Pine Road", postalCode: "30301", city: "Atlanta", state: "GA" });
    await page.getByLabel("Email").fill("not-an-email");
    await page.getByRole("button", { name: "Create customer" }).click();
    await expect(page.getByText("Enter a valid email")).toBeVisible();
    await expect(page.getByLabel("Email")).toBeFocused();
    await page.getByLabel("Email").fill(`carl.${lastName}@example.com`);
    await page.getByRole("button", { name: "Create customer" }).click();
    await page.waitForURL(/\/customers\/(?!new)[^/]+$/);
    await expect(page.getByRole("heading", { name: `Carl ${lastName}` })).toBeVisible();
    await expect(page.getByText("No saved cards.")).toBeVisible();
    await expect(page.getByText("No transactions yet.")).toBeVisible();

    await page.getByRole("link", { name: "Edit" }).click();
    await page.getByLabel("City").fill("Savannah");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.waitForURL(/\/customers\/[^/]+$/);
    await expect(page.getByTestId("billing-block")).toContainText("Savannah");

    await page.goto("/customers");
    await page.getByRole("searchbox", { name: "Search customers" }).fill(lastName);
    await page.getByRole("searchbox", { name: "Search customers" }).press("Enter");
    await expect(page.getByRole("link", { name: `Carl ${lastName}` })).toBeVisible();
    const actions = await query<{ action: string }>(
      `SELECT action FROM "AuditEvent" WHERE "targetId" = (SELECT id FROM "Customer" WHERE "lastName" = $1) ORDER BY "createdAt"`,
      [lastName],
    );
    expect(actions.map((a) => a.action)).toEqual(["customer.created", "customer.updated"]);
  });

  test("a saved card is listed with its transactions and can be removed after confirming", async ({ page }) => {
    const lastName = `Vault${uniqueTag()}`;
    await fillBilling(page, { firstName: "Vera", lastName, address1: "Main Street 5", postalCode: "62701" });
    await fillCard(page, { number: "4111111111111111", cvv: "737" });
    await amountField(page).fill("17.00");
    await amountField(page).press("Enter");
    await page.waitForURL(/\/terminal\/result\//);
    await expectResult(page, "approved");

    await page.getByRole("link", { name: "Customers" }).click();
    await page.getByRole("searchbox", { name: "Search customers" }).fill(lastName);
    await page.getByRole("searchbox", { name: "Search customers" }).press("Enter");
    await page.getByRole("link", { name: `Vera ${lastName}` }).click();
    await expect(page.getByTestId("saved-card")).toHaveCount(1);
    await expect(page.getByTestId("saved-card")).toContainText("Visa •••• 1111");
    await expect(page.getByTestId("saved-card")).toContainText("BluePay (sandbox)");
    await expect(page.getByTestId("customer-transaction")).toHaveCount(1);
    await expect(page.getByTestId("customer-transaction")).toContainText("$17.00");

    await page.getByRole("button", { name: "Remove" }).click();
    await expect(page.getByText("Remove this card? It can no longer be charged.")).toBeVisible();
    await page.getByRole("button", { name: "Keep" }).click();
    await expect(page.getByTestId("saved-card")).toHaveCount(1);
    await page.getByRole("button", { name: "Remove" }).click();
    await page.getByRole("button", { name: "Yes, remove" }).click();
    await expect(page.getByText("No saved cards.")).toBeVisible();

    const rows = await query<{ removed: boolean; audited: string }>(
      `SELECT pm."removedAt" IS NOT NULL AS removed, (SELECT count(*)::text FROM "AuditEvent" a WHERE a."targetId" = pm.id AND a.action = 'card.removed') AS audited
       FROM "PaymentMethod" pm JOIN "Customer" c ON c.id = pm."customerId" WHERE c."lastName" = $1`,
      [lastName],
    );
    expect(rows).toEqual([{ removed: true, audited: "1" }]);

    await page.getByRole("link", { name: "New sale" }).click();
    await expect(page.getByTestId("selected-customer")).toContainText(lastName);
    await expect(page.getByRole("radio", { name: /1111/ })).toHaveCount(0);
    await expect(page.getByTestId("new-card")).toBeVisible();
  });
});
