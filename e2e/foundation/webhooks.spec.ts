// The gateway callback endpoint needs no session (issue 13, finding 6): it must not read bodies of any
// size, and junk from one source is counted and then refused, not audited one row per request.
import { DEMO_CREDENTIALS as BEPAID } from "../../sandbox/bepaid/accounts";
import { signIn } from "../support/auth";
import { query } from "../support/db";
import { SANDBOX_URL } from "../support/env";
import { expect, test } from "../support/fixtures";
import { createGatewayAccount } from "../support/gateway-accounts";
import { amountField, chooseAccount, expectResult, fillBilling, fillCard, uniqueTag } from "../terminal/terminal-helpers";

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

test("a bePaid account with the shop's public key gets its webhooks, signed and verified; a forged signature is refused", async ({ browser, request }) => {
  const label = `bePaid hooks ${uniqueTag()}`;
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, "admin");
  const { publicKey } = (await (await fetch(`${SANDBOX_URL}/_sandbox/bepaid/webhook-key`)).json()) as { publicKey: string };
  const accountId = await createGatewayAccount(admin, {
    label,
    gateway: "bePaid",
    fields: { "Shop ID": BEPAID.shopId, "Secret key": BEPAID.secretKey, "Webhook public key (optional)": publicKey },
  });
  try {
    const clerk = await (await browser.newContext()).newPage();
    await signIn(clerk, "clerk");
    await chooseAccount(clerk, accountId);
    await fillBilling(clerk, { firstName: "Hook", lastName: `Bepaid${uniqueTag()}`, address1: "Main Street 5", postalCode: "62701" });
    await fillCard(clerk, { number: "4200000000000000", cvv: "123" });
    await amountField(clerk).fill("3.00");
    await clerk.getByTestId("submit-payment").click();
    await clerk.waitForURL(/\/terminal\/result\//);
    await expectResult(clerk, "approved");
    // The sandbox notifies the app as bePaid would; the app verifies the RSA signature and records it.
    await expect
      .poll(async () => (await query(`SELECT 1 FROM "AuditEvent" WHERE action = 'webhook.received' AND "targetId" = $1`, [accountId])).length, { timeout: 20_000 })
      .toBeGreaterThan(0);

    const since = new Date();
    const forged = await request.post("/api/webhooks/bepaid", {
      data: JSON.stringify({ transaction: { uid: "forged-uid", status: "successful", type: "payment", amount: 300, currency: "USD" } }),
      headers: {
        "content-type": "application/json",
        authorization: `Basic ${Buffer.from(`${BEPAID.shopId}:${BEPAID.secretKey}`).toString("base64")}`,
        "content-signature": Buffer.from("not a signature").toString("base64"),
      },
    });
    expect(forged.status()).toBe(401);
    const accepted = await query(`SELECT 1 FROM "AuditEvent" WHERE action = 'webhook.received' AND "createdAt" >= $1 AND details->>'gatewayTransactionId' = 'forged-uid'`, [since]);
    expect(accepted).toHaveLength(0);
  } finally {
    await query(`UPDATE "GatewayAccount" SET active = false WHERE id = $1`, [accountId]);
  }
});
