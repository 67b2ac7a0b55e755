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
