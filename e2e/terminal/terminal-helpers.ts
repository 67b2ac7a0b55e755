// Shared steps for the terminal specs: keying a sale as a clerk would, and reading what the
// gateway sandbox and the database recorded.
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { expect, type Page } from "@playwright/test";
import { signIn, type DemoRole } from "../support/auth";
import { query } from "../support/db";
import { sandbox, type Gateway } from "../support/sandbox";

/** Every card number and security code these specs type; zz-pan-scan.spec.ts checks none was kept. */
export const TEST_PANS = ["4111111111111111", "4200000000000000", "4005550000000019", "5454545454545454", "5519283812030000", "4302912837020000", "378282246310005"];
export const TEST_CVVS = ["737", "111", "4791"];

export const FUTURE_EXPIRY = "12/30";

export function uniqueTag(): string {
  return randomBytes(2).toString("hex");
}

export interface BillingValues {
  firstName: string;
  lastName: string;
  address1: string;
  address2?: string;
  city?: string;
  state?: string;
  postalCode: string;
}

export async function fillBilling(page: Page, b: BillingValues): Promise<void> {
  await page.getByLabel("First name").fill(b.firstName);
  await page.getByLabel("Last name").fill(b.lastName);
  await page.getByLabel("Address", { exact: true }).fill(b.address1);
  await page.getByLabel("Address line 2").fill(b.address2 ?? "");
  await page.getByLabel("City").fill(b.city ?? "Springfield");
  await page.getByLabel("State / region").fill(b.state ?? "IL");
  await page.getByLabel("ZIP / postal code").fill(b.postalCode);
}

/** Types the card as a clerk would (the number is formatted as typed). No `cvv` for a gateway that takes none. */
export async function fillCard(page: Page, card: { number: string; expiry?: string; cvv?: string }): Promise<void> {
  await page.getByLabel("Card number").pressSequentially(card.number);
  await page.getByLabel("Expiry (MM/YY)").pressSequentially((card.expiry ?? FUTURE_EXPIRY).replace("/", ""));
  if (card.cvv !== undefined) await page.getByLabel(/^CVV/).fill(card.cvv);
}

export async function chooseAccount(page: Page, accountId: string): Promise<void> {
  await page.getByLabel("Gateway account").selectOption(accountId);
}

export const amountField = (page: Page) => page.getByLabel(/^Amount \(/);

export async function submitPayment(page: Page): Promise<void> {
  await page.getByTestId("submit-payment").click();
}

export async function expectResult(page: Page, status: string): Promise<void> {
  await expect(page.getByTestId("status-badge").first()).toHaveAttribute("data-status", status, { timeout: 15_000 });
}

export async function screenshot(page: Page, state: string): Promise<void> {
  const dir = join(process.cwd(), "test-results", "screens");
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${state}.png`), fullPage: true });
}

export async function ledgerCount(gateway: Gateway, kind = "sale"): Promise<number> {
  const { entries } = await sandbox.ledger<{ kind: string }>(gateway);
  return entries.filter((e) => e.kind === kind).length;
}

export async function transactionCount(where: string, params: unknown[]): Promise<number> {
  const rows = await query<{ n: string }>(`SELECT count(*)::text AS n FROM "Transaction" WHERE ${where}`, params);
  return Number(rows[0]!.n);
}

/** Signs in as `role` and charges $9.00 to a new card (BluePay test mode: odd dollars approve), without saving it. */
export async function approvedSale(page: Page, role: DemoRole): Promise<string> {
  await signIn(page, role);
  await fillBilling(page, { firstName: "Vera", lastName: `Void${uniqueTag()}`, address1: "Main Street 9", postalCode: "62701" });
  await fillCard(page, { number: "4111111111111111", cvv: "737" });
  await page.getByLabel("Save card to this customer").uncheck();
  await amountField(page).fill("9.00");
  await page.getByTestId("submit-payment").click();
  await page.waitForURL(/\/terminal\/result\//);
  await expectResult(page, "approved");
  return page.url().split("/").pop()!;
}
