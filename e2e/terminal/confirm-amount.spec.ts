// Issue 14, item 1 (last part): a sale above a per-account "confirm above" amount asks for a second
// Enter. An admin sets the amount on the gateway account; in the terminal the first Enter only says
// "Press Enter again to charge $X" by the button, with the focus left where it was, and the second
// charges once. The server refuses such a sale without the confirmation (sale.int.test.ts).
import { expect, test } from "../support/fixtures";
import { DEMO_CREDENTIALS } from "../../sandbox/bluepay/accounts";
import { signIn } from "../support/auth";
import { query } from "../support/db";
import { amountField, chooseAccount, expectResult, fillBilling, fillCard, ledgerCount, screenshot, transactionCount, uniqueTag } from "./terminal-helpers";

test("a sale above the account's 'confirm above' amount needs a second Enter; a changed amount is confirmed anew; a smaller sale goes at once", async ({ browser }) => {
  const label = `Confirm e2e ${uniqueTag()}`;
  const lastName = `Big${uniqueTag()}`;
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, "admin");
  await admin.goto("/admin/gateways/new");
  const form = admin.getByRole("form", { name: "Gateway account" });
  await form.getByLabel("Label").fill(label);
  await form.getByLabel("Gateway").selectOption({ label: "BluePay" });
  await form.getByLabel("Account ID").fill(DEMO_CREDENTIALS.accountId);
  await form.getByLabel("Secret Key").fill(DEMO_CREDENTIALS.secretKey);
  await form.getByLabel("Confirm sales above").fill("20000.00");
  await form.getByRole("button", { name: "Create account" }).click();
  await expect(form.getByText("Set it below the per-transaction maximum, or leave it empty")).toBeVisible();
  await form.getByLabel("Confirm sales above").fill("100.00");
  await form.getByRole("button", { name: "Create account" }).click();
  await admin.waitForURL("**/admin/gateways");
  const [{ id: accountId }] = (await query<{ id: string }>(`SELECT id FROM "GatewayAccount" WHERE label = $1`, [label])) as [{ id: string }];

  try {
    const clerk = await (await browser.newContext()).newPage();
    await signIn(clerk, "clerk");
    await chooseAccount(clerk, accountId);
    await fillBilling(clerk, { firstName: "Bo", lastName, address1: "Main Street 8", postalCode: "62701" });
    await fillCard(clerk, { number: "4111111111111111", cvv: "737" });
    const salesBefore = await ledgerCount("bluepay");
    const mine = () => transactionCount(`"gatewayAccountId" = $1`, [accountId]);

    await amountField(clerk).fill("151.00");
    await amountField(clerk).press("Enter");
    const prompt = clerk.getByTestId("confirm-amount");
    await expect(prompt).toHaveText("Press Enter again to charge $151.00");
    await expect(amountField(clerk)).toBeFocused();
    await screenshot(clerk, "confirm-amount");
    expect(await mine()).toBe(0);

    // Another amount is another question.
    await amountField(clerk).fill("153.00");
    await expect(prompt).toHaveText("");
    await amountField(clerk).press("Enter");
    await expect(prompt).toHaveText("Press Enter again to charge $153.00");
    expect(await mine()).toBe(0);
    await amountField(clerk).press("Enter");
    await clerk.waitForURL(/\/terminal\/result\//);
    await expectResult(clerk, "approved");
    await expect(clerk.getByTestId("amount")).toHaveText("$153.00");
    expect(await mine()).toBe(1);
    expect(await ledgerCount("bluepay")).toBe(salesBefore + 1);

    // At or below the amount, one Enter charges, as before.
    await clerk.getByRole("link", { name: `New sale for Bo ${lastName}` }).click();
    await amountField(clerk).fill("99.00");
    await amountField(clerk).press("Enter");
    await clerk.waitForURL(/\/terminal\/result\//);
    await expectResult(clerk, "approved");
    expect(await mine()).toBe(2);
  } finally {
    // Leave the shared e2e database as other specs expect it: the extra account off the terminal.
    await query(`UPDATE "GatewayAccount" SET active = false, "isDefault" = false WHERE id = $1`, [accountId]);
  }
});
