// Static files skipped the security headers (issue 13, finding 7): a script or image the browser
// sniffs into another type is an XSS vector.
import { signIn } from "../support/auth";
import { expect, failedToLoad, test } from "../support/fixtures";

test("pages and static files are served with X-Content-Type-Options: nosniff", async ({ page, request }) => {
  const scripts: string[] = [];
  page.on("response", (r) => {
    if (new URL(r.url()).pathname.startsWith("/_next/static/")) scripts.push(r.url());
  });
  const res = await page.goto("/sign-in");
  expect(res?.headers()["x-content-type-options"]).toBe("nosniff");
  await expect.poll(() => scripts.length).toBeGreaterThan(0);
  for (const url of scripts.slice(0, 3)) expect((await request.get(url)).headers()["x-content-type-options"], url).toBe("nosniff");
});

test("a forged X-Forwarded-Host is not reflected into a cookie or a redirect", async ({ request }) => {
  for (const path of ["/api/auth/csrf", "/sign-in", "/api/auth/session"]) {
    const res = await request.get(path, { headers: { "x-forwarded-host": "evil.test" }, maxRedirects: 0 });
    const cookies = res.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie").map((h) => h.value);
    expect(cookies.join("\n"), path).not.toContain("evil.test");
    expect(res.headers().location ?? "", path).not.toContain("evil.test");
  }
});

test("the 404 page's scripts run under the CSP: it is rendered with the response's nonce, not ahead of time", async ({ page, allowConsoleError }) => {
  allowConsoleError(failedToLoad(404)); // the page is a 404 on purpose; a script the CSP refused would still fail the test
  await signIn(page, "clerk"); // signed out, an unknown address goes to sign-in
  const res = await page.goto("/no-such-page");
  expect(res?.status()).toBe(404);
  const nonce = /'nonce-([^']+)'/.exec(res?.headers()["content-security-policy"] ?? "")?.[1];
  expect(nonce).toBeTruthy();
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  expect(await page.locator("script[src]").evaluateAll((scripts, n) => scripts.every((s) => (s as HTMLScriptElement).nonce === n), nonce)).toBe(true);
});
