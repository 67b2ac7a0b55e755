// Every page of the app, per role, for the specs that look at all of them (phone width, axe,
// screenshots). The pages about one payment or customer need one: `prepareRecords` makes a sale
// for a new customer, with the card saved, as a clerk would.
import { expect, type Browser, type Page } from "@playwright/test";
import { signIn, type DemoRole } from "./auth";
import { query } from "./db";
import { amountField, expectResult, fillBilling, fillCard, uniqueTag } from "../terminal/terminal-helpers";

export interface AppPage {
  /** Names the screenshot: `<role>-<name>-<width>.png`. */
  name: string;
  path: string;
}

export interface Records {
  transactionId: string;
  customerId: string;
}

export const ROLES: readonly DemoRole[] = ["clerk", "manager", "admin"];

export function pagesFor(role: DemoRole, { transactionId, customerId }: Records): AppPage[] {
  const pages: AppPage[] = [
    { name: "terminal", path: "/terminal" },
    { name: "payment-result", path: `/terminal/result/${transactionId}` },
    { name: "transactions", path: "/transactions" },
    { name: "transaction", path: `/transactions/${transactionId}` },
    { name: "receipt", path: `/receipt/${transactionId}` },
    { name: "customers", path: "/customers" },
    { name: "customer", path: `/customers/${customerId}` },
    { name: "customer-new", path: "/customers/new" },
    { name: "customer-edit", path: `/customers/${customerId}/edit` },
    { name: "account", path: "/account" },
    { name: "schedules", path: "/schedules" },
    { name: "schedule-new", path: `/schedules/new?customer=${customerId}` },
  ];
  if (role === "clerk") return pages;
  pages.push(
    { name: "dashboard", path: "/dashboard" },
    { name: "dashboard-today", path: "/dashboard?range=today" },
    { name: "approvals", path: "/approvals" },
    { name: "settlement", path: "/reports/settlement" },
    { name: "settlement-print", path: "/reports/settlement/print" },
  );
  if (role !== "admin") return pages;
  return [
    ...pages,
    { name: "admin", path: "/admin" },
    { name: "admin-gateways", path: "/admin/gateways" },
    { name: "admin-gateway-new", path: "/admin/gateways/new" },
    { name: "admin-gateway", path: "/admin/gateways/seed-bluepay" },
    { name: "admin-gateway-risk", path: "/admin/gateways/seed-bluepay/risk" },
    { name: "admin-users", path: "/admin/users" },
    { name: "admin-limits", path: "/admin/limits" },
    { name: "admin-audit", path: "/admin/audit" },
    { name: "admin-settings", path: "/admin/settings" },
    { name: "admin-system", path: "/admin/system" },
  ];
}

/** A BluePay sale (odd dollars approve) for a new customer whose card is saved. */
export async function prepareRecords(browser: Browser): Promise<Records> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await signIn(page, "clerk");
    await fillBilling(page, { firstName: "Pia", lastName: `Pages${uniqueTag()}`, address1: "Main Street 9", postalCode: "62701" });
    await fillCard(page, { number: "4111111111111111", cvv: "737" });
    await amountField(page).fill("1235.00");
    await amountField(page).press("Enter");
    await page.waitForURL(/\/terminal\/result\//, { timeout: 20_000 });
    await expectResult(page, "approved");
    const transactionId = new URL(page.url()).pathname.split("/").pop()!;
    const [row] = await query<{ customerId: string }>(`SELECT "customerId" FROM "Transaction" WHERE id = $1`, [transactionId]);
    return { transactionId, customerId: row!.customerId };
  } finally {
    await context.close();
  }
}

/** Opens a page and waits until what it loads in the browser (the history's rows) is there. */
export async function openPage(page: Page, path: string): Promise<void> {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  await expect(page.locator("h1").first()).toBeVisible();
  if (path === "/transactions") await expect(page.getByTestId("history-row").first()).toBeVisible();
}
