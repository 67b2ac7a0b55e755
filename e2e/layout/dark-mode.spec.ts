// Issue 14, item 9: the system's dark setting is honoured (prefers-color-scheme), with contrast that
// stays WCAG AA, a visible focus ring, and a receipt that still prints dark on white.
import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
import { signIn } from "../support/auth";
import { focusRingContrast } from "../support/contrast";
import { expect, test } from "../support/fixtures";
import { openPage, prepareRecords, type Records } from "../support/pages";

test.use({ colorScheme: "dark" });

let records: Records;
test.beforeAll(async ({ browser }) => {
  records = await prepareRecords(browser);
});

/** Relative luminance (0 black … 1 white) of an element's computed colour property. */
async function luminance(target: Locator, property: "backgroundColor" | "color"): Promise<number> {
  return target.evaluate((el, prop) => {
    const ctx = document.createElement("canvas").getContext("2d", { willReadFrequently: true })!;
    ctx.fillStyle = getComputedStyle(el)[prop];
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b] = Array.from(ctx.getImageData(0, 0, 1, 1).data).map((c) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  }, property);
}

async function violations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  return violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 4).map((n) => n.target.join(" ")).join(" | ")}`);
}

test("with the system set to dark, pages are dark with light text", async ({ page }) => {
  await signIn(page, "clerk");
  const html = page.locator("html");
  expect(await luminance(html, "backgroundColor")).toBeLessThan(0.05);
  expect(await luminance(html, "color")).toBeGreaterThan(0.7);
  expect(await luminance(page.getByRole("region", { name: "Gateway" }), "backgroundColor")).toBeLessThan(0.05);
  expect(await luminance(page.getByLabel("First name"), "backgroundColor")).toBeLessThan(0.05);
});

test("in dark, a few pages of each kind have no WCAG A/AA violation, contrast included", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto("/sign-in");
  const found: Record<string, string[]> = {};
  const scan = async (path: string) => {
    const v = await violations(page);
    if (v.length) found[path] = v;
  };
  await scan("/sign-in");
  await signIn(page, "admin");
  const admin = ["/admin/users", "/admin/gateways/seed-bluepay", "/admin/gateways/seed-bluepay/risk", "/admin/system"];
  for (const path of ["/dashboard", "/terminal", "/transactions", `/transactions/${records.transactionId}`, `/customers/${records.customerId}`, ...admin]) {
    await openPage(page, path);
    await scan(path);
  }
  expect(found).toEqual({});
});

test("in dark, the Charge button's focus ring contrasts at least 3:1 with what is around it", async ({ page }) => {
  await signIn(page, "clerk");
  const ring = await focusRingContrast(page.getByLabel("Gateway account"), page.getByTestId("submit-payment"));
  expect(ring.focusVisible).toBe(true);
  expect(ring.ratio, `${ring.ring} on ${ring.around}`).toBeGreaterThanOrEqual(3);
});

test("a receipt printed from a dark screen is dark text on white", async ({ page }) => {
  await signIn(page, "clerk");
  await openPage(page, `/receipt/${records.transactionId}`);
  const amount = page.getByTestId("receipt-amount");
  expect(await luminance(amount, "color")).toBeGreaterThan(0.5);
  await page.emulateMedia({ media: "print", colorScheme: "dark" });
  expect(await luminance(amount, "color")).toBeLessThan(0.1);
});
