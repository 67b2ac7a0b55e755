// The gateway callback endpoint needs no session (issue 13, finding 6): it must not read bodies of any
// size, and junk from one source is counted and then refused, not audited one row per request.
import { expect, test } from "@playwright/test";
import { query } from "../support/db";

const SOURCE = "webhook:127.0.0.1";

test.afterEach(async () => {
  // The sandbox's real callbacks come from this address too.
  await query(`DELETE FROM "RateLimit" WHERE key = $1`, [SOURCE]);
});

test("a callback body over 64 kB is refused with 413 without being read whole", async ({ request }) => {
  await query(`DELETE FROM "RateLimit" WHERE key = $1`, [SOURCE]);
  const res = await request.post("/api/webhooks/paycore", { data: "x".repeat(8 * 1024 * 1024), headers: { "content-type": "application/json" } });
  expect(res.status()).toBe(413);
  expect(await res.json()).toEqual({ ok: false, error: "a callback is at most 64 kB" });
});

test("unsigned callbacks from one source: 401, then 429 after 20, with two audit rows in all", async ({ request }) => {
  await query(`DELETE FROM "RateLimit" WHERE key = $1`, [SOURCE]);
  const since = new Date();
  const statuses: number[] = [];
  for (let i = 0; i < 25; i++) {
    const res = await request.post(i % 2 ? "/api/webhooks/paycore" : "/api/webhooks/nonesuch", {
      data: JSON.stringify({ data: { id: `cpi_junk_${i}`, attributes: { status: "processed" } } }),
      headers: { "content-type": "application/json", "x-signature": "forged" },
    });
    statuses.push(res.status());
  }
  expect(statuses.slice(0, 20).every((s) => s === 401 || s === 404)).toBe(true);
  expect(statuses.slice(20)).toEqual([429, 429, 429, 429, 429]);
  const audit = await query<{ action: string }>(`SELECT action FROM "AuditEvent" WHERE action LIKE 'webhook.%' AND "createdAt" >= $1 AND ip = '127.0.0.1' ORDER BY "createdAt"`, [since]);
  expect(audit.map((a) => a.action)).toEqual(["webhook.rejected", "webhook.source_blocked"]);
});
