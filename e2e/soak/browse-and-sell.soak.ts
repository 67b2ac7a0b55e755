// The users' path for a long while (issue 12): every page of every role and sales on all four
// gateways, round after round for SOAK_MINUTES (10 by default), with idle gaps longer than the
// database pool's idle timeout between rounds, against `npm start` on the embedded database
// (playwright.soak.config.ts). Passes only with no HTTP 5xx, no error page and every sale approved.
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "../support/fixtures";
import { signIn, type DemoRole } from "../support/auth";
import { query } from "../support/db";
import { appLog } from "../support/logs";
import { amountField, chooseAccount, expectResult, fillBilling, fillCard, submitPayment, uniqueTag } from "../terminal/terminal-helpers";

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
/** Longer than pg.Pool's idleTimeoutMillis (10 s): every round starts on connections opened anew. */
const IDLE_GAP_MS = Number(process.env.SOAK_IDLE_GAP_MS ?? 12_000);

const CLERK_PAGES = ["/terminal", "/customers", "/customers/new", "/transactions", "/schedules", "/account"];
const ADMIN_PAGES = ["/admin", "/admin/gateways", "/admin/gateways/new", "/admin/users", "/admin/audit", "/admin/security", "/admin/settings", "/admin/system", "/admin/limits"];
const MANAGER_PAGES = [...CLERK_PAGES, "/dashboard", "/dashboard?range=today", "/dashboard?range=last30", "/approvals", "/reports/settlement"];
const PAGES: Record<DemoRole, string[]> = { clerk: CLERK_PAGES, manager: MANAGER_PAGES, admin: [...MANAGER_PAGES, ...ADMIN_PAGES] };

/** Approving test data per gateway (README "Sandbox test data"). */
const SALES = [
  { account: "seed-bluepay", card: "4111111111111111", cvv: "737", amount: "3.00" },
  { account: "seed-bepaid", card: "4200000000000000", cvv: "111", amount: "5.37" },
  // Rover Pay takes no security code: the terminal does not ask for one.
  { account: "seed-roverpay", card: "5454545454545454", cvv: undefined, amount: "6.00" },
  { account: "seed-paycore", card: "5519283812030000", cvv: "737", amount: "9.00" },
] as const;

interface Tally {
  pages: number;
  sales: number;
  errors: string[];
}

function watchResponses(page: Page, tally: Tally): void {
  page.on("response", (res) => {
    if (res.status() >= 500) tally.errors.push(`HTTP ${res.status()} ${res.request().method()} ${new URL(res.url()).pathname}`);
  });
}

async function visit(page: Page, path: string, tally: Tally): Promise<void> {
  const res = await page.goto(path);
  tally.pages++;
  if (!res || res.status() >= 400) tally.errors.push(`${path}: HTTP ${res?.status() ?? "no response"}`);
  if (await page.getByTestId("server-error").count()) tally.errors.push(`${path}: the error page`);
}

/** Links to pages that exist only for data: a customer, a transaction, its receipt, a recurring schedule, a gateway account. */
async function dataPages(role: DemoRole): Promise<string[]> {
  const [tx] = await query<{ id: string }>(`SELECT id FROM "Transaction" ORDER BY "createdAt" DESC LIMIT 1`);
  const [customer] = await query<{ id: string }>(`SELECT id FROM "Customer" ORDER BY "createdAt" DESC LIMIT 1`);
  const out = customer ? [`/customers/${customer.id}`, `/customers/${customer.id}/edit`] : [];
  if (tx) out.push(`/transactions/${tx.id}`, `/terminal/result/${tx.id}`, `/receipt/${tx.id}`);
  const [schedule] = await query<{ id: string }>(`SELECT id FROM "RecurringSchedule" ORDER BY "createdAt" DESC LIMIT 1`);
  if (schedule) out.push(`/schedules/${schedule.id}`);
  if (role === "admin") out.push("/admin/gateways/seed-bluepay", "/admin/gateways/seed-bluepay/risk");
  return out;
}

async function sell(page: Page, sale: (typeof SALES)[number], tally: Tally): Promise<void> {
  await page.goto("/terminal");
  await chooseAccount(page, sale.account);
  await fillBilling(page, { firstName: "Soak", lastName: `Run${uniqueTag()}`, address1: "1 Main St", postalCode: "10001" });
  await fillCard(page, { number: sale.card, cvv: sale.cvv });
  await amountField(page).fill(sale.amount);
  await submitPayment(page);
  await page.waitForURL(/\/terminal\/result\//);
  await expectResult(page, "approved");
  tally.sales++;
}

async function session(browser: Browser, role: DemoRole, tally: Tally, round: number): Promise<void> {
  const context = await browser.newContext();
  const page = await context.newPage();
  watchResponses(page, tally);
  try {
    await signIn(page, role);
    for (const path of [...PAGES[role], ...(await dataPages(role))]) await visit(page, path, tally);
    if (role === "clerk") await sell(page, SALES[round % SALES.length]!, tally);
  } finally {
    await context.close();
  }
}

test("browse every page of every role and sell on every gateway for SOAK_MINUTES, with idle gaps, and no error", async ({ browser }) => {
  const until = Date.now() + MINUTES * 60_000;
  test.setTimeout(MINUTES * 60_000 + 5 * 60_000);
  const tally: Tally = { pages: 0, sales: 0, errors: [] };
  const logStart = appLog().length;
  let round = 0;
  do {
    for (const role of ["clerk", "manager", "admin"] as const) await session(browser, role, tally, round);
    round++;
    if (Date.now() + IDLE_GAP_MS < until) await new Promise((r) => setTimeout(r, IDLE_GAP_MS));
  } while (Date.now() < until || round < SALES.length);

  // The server's own account of the run: Next.js marks a failed request with ⨯.
  const serverErrors = appLog()
    .slice(logStart)
    .split("\n")
    .filter((l) => l.includes("⨯") || /\berror\b.*prepared statement|embedded PostgreSQL: closing/.test(l));
  console.log(`soak: ${round} rounds in ${MINUTES} min, ${tally.pages} pages, ${tally.sales} sales, ${tally.errors.length} errors, ${serverErrors.length} server errors`);
  expect(tally.errors).toEqual([]);
  expect(serverErrors).toEqual([]);
  expect(tally.sales).toBeGreaterThanOrEqual(SALES.length);
});
