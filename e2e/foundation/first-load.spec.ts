// A new user's first page (issue 14): the terminal must hydrate without React throwing its HTML away
// (error #418: country names that Node and the browser spelled differently), and the browser's
// request for the site's icon must not 404.
import type { Page } from "@playwright/test";
import { expect, test } from "../support/fixtures";
import { signIn } from "../support/auth";

// A browser in another time zone than the server and the merchant: what either side renders from its own clock or Intl shows.
test.use({ timezoneId: "Pacific/Auckland" });

/** Console errors, uncaught page errors and failed requests, from now on. */
function problems(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") seen.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => seen.push(`page: ${e.message}`));
  page.on("response", (r) => {
    if (r.status() >= 400) seen.push(`${r.status()} ${r.url()}`);
  });
  return seen;
}

test("the terminal loads signed in with no console error, page error or failed request", async ({ page }) => {
  const seen = problems(page);
  await signIn(page, "clerk");
  await page.reload();
  await expect(page.getByLabel("Country")).toHaveValue("US");
  await page.waitForLoadState("networkidle");
  expect(seen).toEqual([]);
});

test("the site's icon answers 200, at the address the page declares and at /favicon.ico", async ({ page, request }) => {
  await page.goto("/sign-in");
  const declared = await page.locator('link[rel="icon"]').evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href));
  expect(declared.length).toBeGreaterThan(0);
  for (const href of [...declared, "/favicon.ico"]) {
    const res = await request.get(href);
    expect(res.status(), href).toBe(200);
    expect(res.headers()["content-type"], href).toMatch(/^image\//);
  }
});
