// Static files skipped the security headers (issue 13, finding 7): a script or image the browser
// sniffs into another type is an XSS vector.
import { expect, test } from "@playwright/test";

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
