// A card number typed into a search box must never reach a URL, and no page may echo one from a query
// string (issue 14, item 2: /customers?q=4111111111111111 answered "No customer matches "4111…"").
import type { Page } from "@playwright/test";
import { expect, test } from "../support/fixtures";
import { signIn } from "../support/auth";

const PAN = "4111111111111111";
const holdsPan = (text: string) => decodeURIComponent(text).replace(/\D/g, "").includes(PAN);

function watchRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on("request", (r) => urls.push(r.url()));
  return urls;
}

test("the customers search refuses a card number before any request, and no page echoes one from its URL", async ({ page }) => {
  await signIn(page, "clerk");
  await page.goto("/customers");
  const urls = watchRequests(page);
  await page.getByRole("searchbox", { name: "Search customers" }).fill("4111 1111 1111 1111");
  await page.getByRole("searchbox", { name: "Search customers" }).press("Enter");
  await expect(page.getByRole("alert").filter({ hasText: "Search by" })).toHaveText("Search by the card's last 4 digits, never its full number");
  expect(urls.filter(holdsPan)).toEqual([]);
  expect(new URL(page.url()).search).toBe("");

  for (const path of [`/customers?q=${PAN}`, `/transactions?q=${PAN}`, `/transactions?order=${PAN}`]) {
    await page.goto(path);
    const html = await page.content();
    expect(holdsPan(html.replace(/<script[\s\S]*?<\/script>/g, "")), path).toBe(false);
    await expect(page.getByText("Search by the card's last 4 digits, never its full number").first(), path).toBeVisible();
  }
});
