// Issue 14, item 9: keyboard shortcuts for the terminal — `/` to find a customer, `n` for a new
// sale, `?` lists them — that never fire while typing in a field, and can be turned off (WCAG 2.1.4).
import type { Page } from "@playwright/test";
import { signIn } from "../support/auth";
import { expect, test } from "../support/fixtures";

test.beforeEach(async ({ page }) => {
  await signIn(page, "clerk");
});

const customerSearch = (page: Page) => page.getByRole("combobox", { name: /customer/i });

// A page is visible before it is hydrated, and a key pressed before the shortcuts listen is lost (as
// it would be for a person); press again until the page has answered, as a person would.
async function pressShortcut(page: Page, key: string, answered: () => Promise<void>) {
  await expect(async () => {
    await page.keyboard.press(key);
    await answered();
  }).toPass({ timeout: 15_000 });
}

test("? lists the shortcuts, / finds a customer, n starts a new sale", async ({ page }) => {
  await page.getByRole("heading", { name: "Terminal" }).click(); // away from the field that has the focus on arrival
  const overlay = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await pressShortcut(page, "?", () => expect(overlay).toBeVisible({ timeout: 1000 }));
  await expect(overlay).toContainText("Find a customer");
  await expect(overlay).toContainText("New sale");
  await page.keyboard.press("Escape");
  await expect(overlay).toBeHidden();

  // The dialog hands the focus back as it closes; the key goes to the page once that is done.
  await expect.poll(() => page.evaluate(() => document.activeElement === document.body || document.activeElement === null)).toBe(true);
  await page.keyboard.press("/");
  await expect(customerSearch(page)).toBeFocused();
  await expect(customerSearch(page)).toHaveValue("");

  await page.goto("/transactions");
  await expect(page.getByRole("heading", { name: "Transactions" })).toBeVisible();
  await pressShortcut(page, "n", () => page.waitForURL("**/terminal", { timeout: 2000 }));
  await expect(customerSearch(page)).toBeFocused();

  await page.goto("/customers");
  await pressShortcut(page, "/", () => expect(page.getByRole("searchbox", { name: "Search customers" })).toBeFocused({ timeout: 1000 }));
});

test("typing n, / or ? into a field types them and does nothing else", async ({ page }) => {
  await page.getByLabel("Description").fill("");
  await page.getByLabel("Description").pressSequentially("n/?n");
  await expect(page.getByLabel("Description")).toHaveValue("n/?n");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page).toHaveURL(/\/terminal$/);

  await page.goto("/transactions");
  await page.getByLabel("Search").pressSequentially("n?");
  await expect(page.getByLabel("Search")).toHaveValue("n?");
  await page.waitForTimeout(500); // time for a navigation the `n` must not start
  // Still the history: the search box applies itself as typed (?q=n%3F), nothing navigated away.
  await expect(page).toHaveURL((url) => url.pathname === "/transactions");
});

test("the shortcuts can be turned off, and stay off in this browser", async ({ page }) => {
  await page.goto("/transactions");
  await page.getByRole("button", { name: "Shortcuts" }).click();
  const overlay = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await overlay.getByLabel("Single-key shortcuts on").uncheck();
  await overlay.getByRole("button", { name: "Close" }).click();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Transactions" })).toBeVisible();
  await page.keyboard.press("n");
  await page.keyboard.press("?");
  await page.waitForTimeout(500); // what would have happened by now: a navigation, the overlay
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page).toHaveURL(/\/transactions$/);
});
