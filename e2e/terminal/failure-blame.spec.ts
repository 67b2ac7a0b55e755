// A failure names the party that has to act. Wrong gateway credentials are the account's problem,
// not the card's: the clerk is told to ask an admin, the card typed stays in the form (it was never
// the problem, and re-keying it costs the customer on the phone time), and the account shows a
// "not working" badge in the terminal's chooser and the admin list until a connection test passes.
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "../support/fixtures";
import { DEMO_CREDENTIALS } from "../../sandbox/bluepay/accounts";
import { signIn } from "../support/auth";
import { createGatewayAccount } from "../support/gateway-accounts";
import { query } from "../support/db";
import { amountField, chooseAccount, expectResult, fillBilling, fillCard, ledgerCount, screenshot, uniqueTag } from "./terminal-helpers";

const WRONG_SECRET = "WRONGSECRETKEY0000000000000000E2";

async function pageAs(browser: Browser, role: "admin" | "clerk"): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, role);
  return page;
}

const accountRow = (admin: Page, label: string) => admin.getByRole("row").filter({ hasText: label });
const accountOption = (clerk: Page, label: string) => clerk.getByLabel("Gateway account").locator("option").filter({ hasText: label });

test("wrong credentials: the clerk is told the account is not working, keeps the card, and the badge stays until a connection test passes", async ({ browser }) => {
  test.setTimeout(60_000); // two people, two accounts' worth of admin steps, three gateway calls
  const label = `Blame e2e ${uniqueTag()}`;
  const lastName = `Blame${uniqueTag()}`;
  const admin = await pageAs(browser, "admin");

  // An admin adds a working BluePay sandbox account, then types a wrong secret key: the test fails, and saving is still allowed.
  const accountId = await createGatewayAccount(admin, { label, gateway: "BluePay", fields: { "Account ID": DEMO_CREDENTIALS.accountId, "Secret Key": DEMO_CREDENTIALS.secretKey } });
  await expect(accountRow(admin, label).getByTestId("account-failing")).toHaveCount(0);
  const form = admin.getByRole("form", { name: "Gateway account" });

  await admin.getByRole("link", { name: label }).click();
  await form.getByLabel("Secret Key").fill(WRONG_SECRET);
  await form.getByRole("button", { name: "Test connection" }).click();
  await expect(admin.getByTestId("connection-result")).toHaveAttribute("data-outcome", "bad_credentials");
  await form.getByRole("button", { name: "Save changes" }).click();
  await admin.waitForURL("**/admin/gateways");
  await expect(accountRow(admin, label).getByTestId("account-failing")).toContainText("failed");
  await expect(accountRow(admin, label).getByTestId("account-failing")).toContainText("SECURITY ERROR");

  // The clerk sees the warning in the chooser before keying anything.
  const clerk = await pageAs(browser, "clerk");
  await expect(accountOption(clerk, label)).toContainText("Not working — ask an admin");
  await expect(accountOption(clerk, "BluePay (sandbox)")).not.toContainText("Not working");
  await chooseAccount(clerk, accountId);
  await expect(clerk.getByTestId("chosen-account-badges").getByTestId("account-failing")).toHaveText(/Not working — ask an admin/);

  const salesBefore = await ledgerCount("bluepay");
  await fillBilling(clerk, { firstName: "Bea", lastName, address1: "Main Street 9", postalCode: "62701" });
  await fillCard(clerk, { number: "4111111111111111", cvv: "737" });
  await amountField(clerk).fill("3.00");
  await clerk.getByTestId("submit-payment").click();

  // The account, not the card, is named; nothing was charged; the form is not reloaded for re-entry.
  const result = clerk.getByTestId("inline-result");
  await expect(result).toHaveAttribute("data-fault", "merchant");
  await expect(result.getByTestId("failure-headline")).toHaveText("This gateway account is not working; ask an admin.");
  await expect(result.getByTestId("gateway-message")).toContainText("SECURITY ERROR");
  await expect(result).not.toContainText(/card could not be saved|correct them/i);
  await expect(result).toContainText("the card included");
  await expect(clerk.getByTestId("status-badge").first()).toHaveAttribute("data-status", "error");
  expect(new URL(clerk.url()).search).toBe("");
  await expect(clerk.getByLabel("Card number")).toHaveValue("4111 1111 1111 1111");
  await expect(clerk.getByLabel(/^CVV/)).toHaveValue("737");
  await expect(clerk.getByLabel("Card number")).not.toHaveAttribute("aria-invalid", "true");
  await expect(clerk.getByTestId("chosen-account-badges").getByTestId("account-failing")).toBeVisible();
  await screenshot(clerk, "account-not-working");
  const [failed] = await query<{ status: string; fault: string; message: string }>(
    // A failed attempt writes no customer (issue 14, item 4): found by its billing snapshot.
    `SELECT t.status, t.fault, t.message FROM "Transaction" t WHERE t.billing->>'lastName' = $1`,
    [lastName],
  );
  expect(failed).toMatchObject({ status: "error", fault: "merchant" });
  expect(failed!.message).not.toMatch(/card could not be saved/i);
  expect(await ledgerCount("bluepay")).toBe(salesBefore);

  // The card typed is charged through a working account without keying it again (a fresh submit, the same customer).
  await chooseAccount(clerk, "seed-bluepay");
  await clerk.getByTestId("submit-payment").click();
  await clerk.waitForURL(/\/terminal\/result\//);
  await expectResult(clerk, "approved");
  const customers = await query<{ n: string }>(`SELECT count(*)::text AS n FROM "Customer" WHERE "lastName" = $1`, [lastName]);
  expect(customers[0]!.n).toBe("1");

  // The admin puts the right key back: saved without a test, the account stays flagged; a passing test clears it.
  await admin.reload();
  await admin.getByRole("link", { name: label }).click();
  await expect(admin.getByTestId("account-failing")).toBeVisible();
  await form.getByLabel("Secret Key").fill(DEMO_CREDENTIALS.secretKey);
  await form.getByRole("button", { name: "Save changes" }).click();
  await admin.waitForURL("**/admin/gateways");
  await expect(accountRow(admin, label).getByTestId("account-failing")).toBeVisible();
  await accountRow(admin, label).getByRole("button", { name: "Test connection" }).click();
  await expect(admin.getByTestId("connection-result")).toHaveAttribute("data-outcome", "connected");
  await expect(accountRow(admin, label).getByTestId("account-failing")).toHaveCount(0);

  await clerk.goto("/terminal");
  await expect(accountOption(clerk, label)).not.toContainText("Not working");
  await expect(clerk.getByTestId("account-failing")).toHaveCount(0);

  // Leave the shared e2e database as other specs expect it: the extra account off the terminal.
  admin.once("dialog", (dialog) => void dialog.accept());
  await accountRow(admin, label).getByRole("button", { name: "Deactivate" }).click();
  await expect(accountRow(admin, label)).toContainText("Deactivated");
});
