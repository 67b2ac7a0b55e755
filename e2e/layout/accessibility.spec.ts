// Issue 14, "Done when": an axe scan of every page of every role, at desktop and phone width, finds
// no WCAG 2 A or AA violation; each page's screenshot is written to test-results/screenshots/
// as <role>-<page>-<width>.png (sign-in-<width>.png for the sign-in page).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { signIn, submitSignIn, DEMO } from "../support/auth";
import { focusRingContrast } from "../support/contrast";
import { expect, test } from "../support/fixtures";
import { openPage, pagesFor, prepareRecords, ROLES, type Records } from "../support/pages";

const SIZES = [
  { width: 1366, height: 900 },
  { width: 390, height: 844 },
];
const SCREENSHOTS = join(process.cwd(), "test-results", "screenshots");

let records: Records;
test.beforeAll(async ({ browser }) => {
  records = await prepareRecords(browser);
});

/** Each violation as one line: rule, what it means, and the first elements it was found on. */
async function violations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 4).map((n) => n.target.join(" ")).join(" | ")}`);
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

for (const size of SIZES) {
  test.describe(`at ${size.width} px`, () => {
    test.use({ viewport: size });

    for (const role of ROLES) {
      test(`every page ${role === "admin" ? "an" : "a"} ${role} can open has no WCAG A/AA violation`, async ({ page }) => {
        test.setTimeout(120_000);
        await signIn(page, role);
        const found: Record<string, string[]> = {};
        for (const { name, path } of pagesFor(role, records)) {
          await openPage(page, path);
          const v = await violations(page);
          if (v.length) found[path] = v;
          await screenshot(page, `${role}-${name}-${size.width}`);
        }
        expect(found).toEqual({});
      });
    }

    test("the sign-in page and its second step have no WCAG A/AA violation", async ({ page }) => {
      await page.goto("/sign-in");
      expect(await violations(page)).toEqual([]);
      await screenshot(page, `sign-in-${size.width}`);
      await submitSignIn(page, DEMO.clerk.email, DEMO.clerk.password);
      await expect(page.getByLabel("Authentication code")).toBeVisible();
      expect(await violations(page)).toEqual([]);
    });
  });
}

test.describe("at 390 px, with the menu and the filter drawer open", () => {
  test.use({ viewport: SIZES[1] });

  test("no WCAG A/AA violation", async ({ page }) => {
    await signIn(page, "manager");
    await openPage(page, "/transactions");
    await page.getByRole("button", { name: "Menu" }).click();
    await page.getByRole("button", { name: /^Filters/ }).click();
    await expect(page.getByLabel("Search")).toBeVisible();
    expect(await violations(page)).toEqual([]);
    await screenshot(page, "manager-menu-and-filters-open-390");
  });
});

test("the Charge button's focus ring contrasts at least 3:1 with what is around it", async ({ page }) => {
  await signIn(page, "clerk");
  const ring = await focusRingContrast(page.getByLabel("Gateway account"), page.getByTestId("submit-payment"));
  expect(ring.focusVisible, "a visible focus outline of at least 2 px").toBe(true);
  expect(ring.ratio, `${ring.ring} on ${ring.around}`).toBeGreaterThanOrEqual(3);
});
