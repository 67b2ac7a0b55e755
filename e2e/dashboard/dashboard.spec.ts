// Issue 17: the dashboard is where managers and admins land; its totals are the history's totals
// for the same days; clerks keep the terminal and are refused the dashboard.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { addDays } from "../../lib/time";
import { signIn } from "../support/auth";
import { expect, failedToLoad, test } from "../support/fixtures";
import { approvedSale } from "../terminal/terminal-helpers";

const SCREENSHOTS = join(process.cwd(), "test-results", "screenshots");

/** The history's "Approved volume" and "Refunded volume" in USD for a query string. */
async function historyTotals(page: Page, query: string): Promise<string[]> {
  await page.goto(`/transactions?${query}`);
  const usd = page.getByTestId("history-totals").locator("dl", { hasText: "Transactions (USD)" });
  await expect(usd).toBeVisible();
  return [await usd.locator("div", { hasText: "Approved volume" }).locator("dd").innerText(), await usd.locator("div", { hasText: "Refunded volume" }).locator("dd").innerText()];
}

async function dashboardTotals(page: Page, query: string): Promise<string[]> {
  await page.goto(`/dashboard?${query}`);
  const usd = page.getByTestId("totals-USD");
  return [await usd.getByTestId("sales-amount").innerText(), await usd.getByTestId("refunds-amount").innerText()];
}

test("a clerk lands on the terminal, sees no dashboard in the menu and is refused it", async ({ page, allowConsoleError }) => {
  await signIn(page, "clerk");
  await page.goto("/");
  await expect(page).toHaveURL(/\/terminal$/);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" })).toHaveCount(0);
  allowConsoleError(failedToLoad(403));
  expect((await page.goto("/dashboard"))?.status()).toBe(403);
});

test("a manager lands on the dashboard, whose totals for today, 7 and 30 days equal the history's, with a chart that also reads as a table", async ({ page }) => {
  test.setTimeout(90_000);
  // A sale through the terminal, so today has volume whatever ran before.
  await approvedSale(page, "manager");
  await page.goto("/");
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();

  // Other specs may sell in parallel: compare the two pages until they agree for one moment.
  await expect(async () => {
    const dashboard = await dashboardTotals(page, "range=today");
    expect(dashboard).toEqual(await historyTotals(page, "range=today"));
  }).toPass({ timeout: 30_000 });
  const [sales] = await dashboardTotals(page, "range=today");
  expect(Number(sales!.replace(/[$,]/g, ""))).toBeGreaterThanOrEqual(9);

  // The same through the custom period form (the merchant's today, as the history shows it).
  await page.goto("/transactions?range=today");
  const today = await page.getByLabel("From", { exact: true }).inputValue();
  // Several days are read from the days counted in the merchant's zone (not from hours): the same totals.
  for (const query of ["range=last7", `from=${addDays(today, -29)}&to=${today}`]) {
    await expect(async () => {
      expect(await dashboardTotals(page, query), query).toEqual(await historyTotals(page, query));
    }).toPass({ timeout: 30_000 });
  }
  await page.goto("/dashboard");
  await page.getByLabel("From", { exact: true }).fill(today);
  await page.getByLabel("To", { exact: true }).fill(today);
  await page.getByRole("button", { name: "Show period" }).click();
  await expect(page).toHaveURL(new RegExp(`from=${today}&to=${today}`));
  await expect(async () => {
    expect(await dashboardTotals(page, `from=${today}&to=${today}`)).toEqual(await historyTotals(page, `from=${today}&to=${today}`));
  }).toPass({ timeout: 30_000 });

  // One day is charted per hour; the chart is a canvas with a sentence and a table for those who cannot see it.
  await page.goto(`/dashboard?from=${today}&to=${today}`);
  const chart = page.getByTestId("volume-chart-USD");
  await expect(chart.locator("canvas").first()).toBeVisible();
  await expect(chart).toContainText("Bar chart of sales and refunds in USD per hour over 24 hours");
  await chart.getByRole("button", { name: "Show as table" }).click();
  await expect(chart.getByRole("table")).toBeVisible();
  await expect(chart.getByRole("row")).toHaveCount(25);
  await chart.getByRole("button", { name: "Show chart" }).click();
  await expect(chart.locator("canvas").first()).toBeVisible();

  // Each "needs attention" line opens the history filtered to it.
  await page.getByTestId("attention").getByRole("link", { name: "Outcome unknown" }).click();
  await expect(page).toHaveURL(/\/transactions\?status=unknown$/);

  await page.goto("/dashboard?range=last30");
  await expect(page.getByTestId("volume-chart-USD").locator("canvas").first()).toBeVisible();
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, "manager-dashboard-last30.png"), fullPage: true });
});

test("a period that is inverted or ten years long is refused with a message next to the field, not an error page", async ({ page }) => {
  await signIn(page, "manager", { stay: true });
  for (const [query, message] of [
    ["from=2026-03-10&to=2026-03-01", "The last day is before the first day"],
    ["from=2016-01-01&to=2026-01-01", "Choose at most 366 days"],
    ["from=2026-13-45&to=2026-01-01", "That date does not exist"],
  ] as const) {
    const response = await page.goto(`/dashboard?${query}`);
    expect(response?.status(), query).toBe(200);
    await expect(page.getByRole("alert").filter({ hasText: message }).first()).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  }
});
