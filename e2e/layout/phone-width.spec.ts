// Issue 14, item 5: at phone width (390×844) the header did not collapse (the page was 612 px
// wide, Account and Sign out off-screen), the history's filters filled the first screen and the
// amounts needed sideways scrolling.
import type { Page } from "@playwright/test";
import { expect, test } from "../support/fixtures";
import { signIn } from "../support/auth";
import { openPage, pagesFor, prepareRecords, ROLES, type Records } from "../support/pages";

const PHONE = { width: 390, height: 844 };

test.use({ viewport: PHONE });

let records: Records;
test.beforeAll(async ({ browser }) => {
  records = await prepareRecords(browser);
});

/** Tables may scroll inside their own box; the page itself never sideways. */
async function expectNoSidewaysScroll(page: Page, path: string): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `${path} is ${scrollWidth} px wide`).toBeLessThanOrEqual(innerWidth);
}

async function expectOnScreen(page: Page, locator: ReturnType<Page["locator"]>): Promise<void> {
  const box = (await locator.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height);
}

for (const role of ROLES) {
  test(`every page ${role === "admin" ? "an" : "a"} ${role} can open fits 390 px with no sideways scroll`, async ({ page }) => {
    await signIn(page, role);
    const widths: Record<string, number> = {};
    for (const { path } of pagesFor(role, records)) {
      await openPage(page, path);
      widths[path] = await page.evaluate(() => document.scrollingElement!.scrollWidth);
    }
    expect(Object.entries(widths).filter(([, w]) => w > PHONE.width)).toEqual([]);
  });
}

test("the sign-in page fits 390 px", async ({ page }) => {
  await page.goto("/sign-in");
  await expectNoSidewaysScroll(page, "/sign-in");
});

test("the header collapses into a menu button that works by keyboard", async ({ page }) => {
  await signIn(page, "admin");
  const menu = page.getByRole("button", { name: "Menu" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  const panel = page.locator(`#${await menu.getAttribute("aria-controls")}`);
  await expect(panel).toBeHidden();
  await expect(page.getByRole("link", { name: "Account" })).toBeHidden();

  await menu.focus();
  await page.keyboard.press("Enter");
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expect(panel).toBeVisible();
  for (const name of ["Dashboard", "Terminal", "Customers", "Transactions", "Admin"]) await expectOnScreen(page, page.getByRole("navigation", { name: "Main" }).getByRole("link", { name }));
  await expectOnScreen(page, page.getByRole("link", { name: "Account" }));
  await expectOnScreen(page, page.getByRole("button", { name: "Sign out" }));
  await page.keyboard.press("Tab");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(menu).toBeFocused();
  await expect(panel).toBeHidden();

  await page.keyboard.press("Enter");
  await page.getByRole("link", { name: "Account" }).click();
  await page.waitForURL("**/account");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByRole("heading", { name: "Account" })).toBeVisible();

  await menu.click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL("**/sign-in**");
});

test("at desktop width the navigation shows without a menu button", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 800 });
  await signIn(page, "clerk");
  await expect(page.getByRole("button", { name: "Menu" })).toBeHidden();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Customers" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Account" })).toBeVisible();
});

test("the history's filters sit in a drawer; the first rows and their amounts are on the first screen", async ({ page }) => {
  await signIn(page, "manager");
  await page.goto("/transactions");
  const row = page.locator(`[data-testid="history-row"][data-id="${records.transactionId}"]`);
  await expect(row).toBeVisible();
  await expect(page.getByLabel("Search")).toBeHidden();
  await expectOnScreen(page, row.getByTestId("history-amount"));
  await expect(row.getByTestId("history-amount")).toContainText("$1,235.00");

  const drawer = page.getByRole("button", { name: /^Filters/ });
  await expect(drawer).toHaveAttribute("aria-expanded", "false");
  await drawer.click();
  await expect(drawer).toHaveAttribute("aria-expanded", "true");
  await expect(page.locator(`#${await drawer.getAttribute("aria-controls")}`)).toBeVisible();
  await page.getByLabel("Order number").fill("no-such-order");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/order=no-such-order/);
  await expect(page.getByTestId("history-empty")).toBeVisible();
  // Closed again after applying, and it says that filters are on.
  await expect(page.getByRole("button", { name: "Filters (1 on)" })).toHaveAttribute("aria-expanded", "false");
  await expectNoSidewaysScroll(page, "/transactions?order=no-such-order");
});
