import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../../../sandbox/app";
import { DEMO_CREDENTIALS } from "../../../sandbox/bluepay/accounts";
import type { BillingDetails, CardInput, GatewayAccountConfig, GatewayResult, ParentRef } from "../types";
import { bluepayDefinition } from "./index";
import { sandboxClient } from "../../testing/sandbox-client";

// Test data from the spec §7: 4111111111111111 / 1225-style expiry, odd dollars approve, even decline;
// ADDR1's / ADDR2's first character forces the AVS / CVV2 code.
const PAN = "4111111111111111";
const CVV = "987";
const card: CardInput = { number: PAN, expMonth: 12, expYear: new Date().getFullYear() + 2, cvv: CVV, holderName: "Pat Doe" };
const billing: BillingDetails = { firstName: "Pat", lastName: "Doe", address1: "Main Street 1", address2: "Match", city: "Springfield", postalCode: "62701", country: "US" };
const usd = (amount: number) => ({ amount, currency: "USD" });

let sandbox: Sandbox;
let n = 0;
const ref = () => `ref-${Date.now()}-${++n}`;

function client(over: Partial<GatewayAccountConfig> = {}, creds: Record<string, string> = DEMO_CREDENTIALS) {
  return sandboxClient(bluepayDefinition, sandbox.url, { currency: "USD", credentials: creds, timeoutMs: 2000 }, over);
}

function parentOf(r: GatewayResult, kind: ParentRef["kind"], amount: number): ParentRef {
  expect(r.gatewayTransactionId).toMatch(/^\d{12}$/);
  return { gatewayTransactionId: r.gatewayTransactionId!, kind, amount: usd(amount), extra: r.extra };
}

/** No PAN, no CVV value, no secret anywhere in the stored raw exchange. */
function expectClean(r: GatewayResult) {
  const text = JSON.stringify(r.raw);
  expect(text).not.toContain(PAN);
  expect(text).not.toContain(DEMO_CREDENTIALS.secretKey);
  expect(text).not.toMatch(/"TAMPER_PROOF_SEAL":"[0-9a-f]{8,}/i);
  expect(text).not.toMatch(/"BP_STAMP":"[0-9A-F]{8,}/i);
  const strings: string[] = [];
  JSON.parse(text, (_k, v: unknown) => (typeof v === "string" && strings.push(v), v));
  expect(strings).not.toContain(CVV);
}

beforeAll(async () => {
  sandbox = await createSandbox({ port: 0, dailyCutoff: false });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => sandbox.reset());

describe("BluePay client against the simulator", () => {
  it("tokenize ($0.00 AUTH) → sale by token → void", async () => {
    const c = client();
    const tok = await c.tokenize({ card, billing, currency: "USD", orderId: "o-1", reference: ref() });
    expect(tok.status).toBe("approved");
    expect(tok.message).toBe("INFORMATION STORED");
    expect(tok.token).toMatch(/^\d{12}$/);
    expect(tok.card).toMatchObject({ brand: "visa", last4: "1111" });
    expectClean(tok);

    const sale = await c.sale({ source: { type: "token", token: tok.token! }, amount: usd(300), billing, orderId: "o-1", reference: ref() });
    expect(sale.status).toBe("approved");
    expect(sale.authCode).toMatch(/^[A-Z]{6}$/);
    expect(sale.card?.last4).toBe("1111");
    expect(sale.amount).toEqual(usd(300));
    expectClean(sale);

    const v = await c.void({ parent: parentOf(sale, "sale", 300), amount: usd(300), reference: ref() });
    expect(v.status).toBe("approved");
    expect(v.extra?.transType).toBe("VOID");
    expectClean(v);

    const again = await c.void({ parent: parentOf(sale, "sale", 300), amount: usd(300), reference: ref() });
    expect(again).toMatchObject({ status: "error", errorKind: "rejected", message: "Already Voided" });
  });

  it("sale → settle → partial refund → a refund beyond the total is refused", async () => {
    const c = client();
    const sale = await c.sale({ source: { type: "card", card }, amount: usd(1150), billing, orderId: "o-2", reference: ref() });
    expect(sale.status).toBe("approved");
    expect(sale.card).toMatchObject({ masked: "411111******1111", last4: "1111" });
    sandbox.settle("bluepay");

    const voidAfter = await c.void({ parent: parentOf(sale, "sale", 1150), amount: usd(1150), reference: ref() });
    expect(voidAfter).toMatchObject({ status: "error", errorKind: "rejected", message: "Cannot VOID a settled transaction." });

    const r1 = await c.refund({ parent: parentOf(sale, "sale", 1150), amount: usd(700), reference: ref() });
    expect(r1.status).toBe("approved");
    expect(r1.message).toBe("Approved Return");
    expect(r1.amount).toEqual(usd(700));
    expectClean(r1);

    const r2 = await c.refund({ parent: parentOf(sale, "sale", 1150), amount: usd(500), reference: ref() });
    expect(r2).toMatchObject({ status: "error", errorKind: "rejected", message: "Refund/VOID amount cannot exceed original charge amount" });

    const q = await c.inquire({ operation: "sale", gatewayTransactionId: sale.gatewayTransactionId, reference: "x" });
    expect(q).toMatchObject({ found: true, status: "approved", settled: true, voided: false, refundedAmount: 700 });
  });

  it("authorize → capture, with AVS/CVV match codes and meanings", async () => {
    const c = client();
    const auth = await c.authorize({ source: { type: "card", card }, amount: usd(501), billing, orderId: "o-3", reference: ref() });
    expect(auth.status).toBe("approved");
    expect(auth.avs).toMatchObject({ code: "M", category: "match" });
    expect(auth.avs?.meaning).toMatch(/match/i);
    expect(auth.cvv).toMatchObject({ code: "M", category: "match" });
    const cap = await c.capture({ parent: parentOf(auth, "auth", 501), amount: usd(501), reference: ref() });
    expect(cap.status).toBe("approved");
    expect(cap.authCode).toBe(auth.authCode);
    const twice = await c.capture({ parent: parentOf(auth, "auth", 501), amount: usd(501), reference: ref() });
    expect(twice).toMatchObject({ errorKind: "rejected", message: "Already Captured" });
  });

  it("AVS and CVV2 mismatches come back with codes and meanings", async () => {
    const c = client();
    const r = await c.sale({ source: { type: "card", card }, amount: usd(100), billing: { ...billing, address1: "North Road 5", address2: "No unit" }, orderId: "o-4", reference: ref() });
    expect(r.status).toBe("approved");
    expect(r.avs).toMatchObject({ code: "N", category: "no_match" });
    expect(r.cvv).toMatchObject({ code: "N", category: "no_match" });
    expect(r.cvv?.meaning).toMatch(/does not match/);
  });

  it("even dollars decline", async () => {
    const r = await client().sale({ source: { type: "card", card }, amount: usd(1000), billing, orderId: "o-5", reference: ref() });
    expect(r).toMatchObject({ status: "declined", errorKind: "declined", message: "Declined Sale" });
    expect(r.gatewayTransactionId).toMatch(/^\d{12}$/);
    expect(r.authCode).toBeUndefined();
    expectClean(r);
  });

  it("refuses bad credentials and invalid requests as rejected", async () => {
    const bad = client({}, { accountId: DEMO_CREDENTIALS.accountId, secretKey: "B".repeat(32) });
    const r = await bad.sale({ source: { type: "card", card }, amount: usd(300), billing, orderId: "o-6", reference: ref() });
    expect(r).toMatchObject({ status: "error", errorKind: "rejected", message: "SECURITY ERROR" });
    expectClean(r);
    expect((await bad.testConnection()).outcome).toBe("bad_credentials");
    expect((await client().testConnection()).outcome).toBe("connected");

    const luhn = await client().sale({ source: { type: "card", card: { ...card, number: "4111111111111112" } }, amount: usd(300), billing, orderId: "o-7", reference: ref() });
    expect(luhn).toMatchObject({ status: "error", errorKind: "rejected", message: "CARD ACCOUNT NOT VALID" });
    expect(JSON.stringify(luhn.raw)).not.toContain("4111111111111112");

    const expired = await client().sale({ source: { type: "card", card: { ...card, expYear: 2020 } }, amount: usd(300), billing, orderId: "o-8", reference: ref() });
    expect(expired).toMatchObject({ errorKind: "rejected", message: "Card Expired" });
    expect(sandbox.state.bluepay).toMatchObject({ txns: [] });
  });

  it("timeout → unknown outcome within the deadline, then inquiry finds the processed sale", async () => {
    const c = client({ timeoutMs: 400 });
    sandbox.faults.add({ gateway: "bluepay", mode: "timeout", count: 1 });
    const reference = ref();
    const started = Date.now();
    const r = await c.sale({ source: { type: "card", card }, amount: usd(300), billing, orderId: "o-9", reference });
    expect(Date.now() - started).toBeLessThan(700);
    expect(r).toMatchObject({ status: "error", errorKind: "unknown_outcome" });
    expectClean(r);

    const q = await c.inquire({ operation: "sale", reference, amount: usd(300) });
    expect(q).toMatchObject({ found: true, status: "approved", settled: false, voided: false, refundedAmount: 0, amount: usd(300) });
    expect(q.gatewayTransactionId).toMatch(/^\d{12}$/);
    expectClean(q);

    const none = await c.inquire({ operation: "sale", reference: "never-sent" });
    expect(none.found).toBe(false);
  });

  it("5xx and garbled replies are unknown outcomes, never thrown", async () => {
    const c = client();
    sandbox.faults.add({ gateway: "bluepay", mode: "5xx", count: 1 });
    const r = await c.sale({ source: { type: "card", card }, amount: usd(300), billing, orderId: "o-10", reference: ref() });
    expect(r).toMatchObject({ status: "error", errorKind: "unknown_outcome" });

    sandbox.faults.add({ gateway: "bluepay", mode: "malformed", pathIncludes: "stq", count: 1 });
    const q = await c.inquire({ operation: "sale", reference: "whatever" });
    expect(q).toMatchObject({ found: false, status: "error", errorKind: "unknown_outcome" });

    const unreachable = client({ baseUrl: "http://127.0.0.1:1/bluepay" });
    const u = await unreachable.sale({ source: { type: "card", card }, amount: usd(300), billing, orderId: "o-11", reference: ref() });
    expect(u).toMatchObject({ status: "error", errorKind: "unknown_outcome" });
    expectClean(u);
    expect((await unreachable.testConnection()).outcome).toBe("unreachable");
  });

  it("a forged, unstamped or truncated bp10emu reply is an unknown outcome, not an approval", async () => {
    const replies = [
      // forged: plausible approval with a stamp made with the wrong key
      "Result=APPROVED&RRNO=100000000099&MESSAGE=Approved%20Sale&AMOUNT=3.00&ISSUE_DATE=2024-01-15%2010%3A30%3A00.123456&TPS_HASH_TYPE=HMAC_SHA512&BP_STAMP_DEF=RRNO%20ISSUE_DATE%20Result&BP_STAMP=" + "A".repeat(128),
      // no stamp at all
      "Result=APPROVED&RRNO=100000000099&MESSAGE=Approved%20Sale&AMOUNT=3.00",
      // cut off before Result
      "RRNO=100000000099&MESS",
    ];
    let i = 0;
    const fake = createServer((_req, res) => {
      res.writeHead(302, { location: `/interfaces/wlcatch?${replies[i++] ?? ""}` });
      res.end();
    });
    await new Promise<void>((resolve) => fake.listen(0, "127.0.0.1", resolve));
    const { port } = fake.address() as AddressInfo;
    const c = client({ baseUrl: `http://127.0.0.1:${port}` });
    try {
      for (let k = 0; k < replies.length; k++) {
        const r = await c.sale({ source: { type: "card", card }, amount: usd(300), billing, orderId: "o-12", reference: ref() });
        expect(r).toMatchObject({ status: "error", errorKind: "unknown_outcome" });
        expectClean(r);
      }
    } finally {
      await new Promise<void>((resolve) => fake.close(() => resolve()));
    }
  });

  it("a truncated Location reply on bp10emu is an unknown outcome, and inquiry finds the sale", async () => {
    // The sandbox's "malformed" fault processes the sale, then cuts the Location header in half.
    sandbox.faults.add({ gateway: "bluepay", mode: "malformed", pathIncludes: "bp10emu", count: 1 });
    const reference = ref();
    const c = client();
    const r = await c.sale({ source: { type: "card", card }, amount: usd(300), billing, orderId: "o-13", reference });
    expect(r).toMatchObject({ status: "error", errorKind: "unknown_outcome" });
    const found = await c.inquire({ operation: "sale", reference });
    expect(found).toMatchObject({ found: true, status: "approved" });
  });

  it("reports every money-moving transaction in the simulator ledger with the reference", async () => {
    const c = client();
    const reference = ref();
    const sale = await c.sale({ source: { type: "card", card }, amount: usd(300), billing, orderId: "o-14", reference });
    const res = await fetch(`${sandbox.url}/_sandbox/ledger/bluepay`);
    const { entries } = (await res.json()) as { entries: { gatewayTransactionId: string; reference?: string; kind: string; amount: number }[] };
    expect(entries).toContainEqual(expect.objectContaining({ gatewayTransactionId: sale.gatewayTransactionId, reference, kind: "sale", amount: 300 }));
  });
});

describe("BluePay settlement listing (bpdailyreport2)", () => {
  const range = () => ({ from: new Date(Date.now() - 86_400_000), to: new Date(Date.now() + 86_400_000) });

  it("lists each transaction with its settle date and batch once the batch closes; a voided sale never settles", async () => {
    const c = client();
    const reference = ref();
    const sale = await c.sale({ source: { type: "card", card }, amount: usd(500), billing, orderId: "o-s1", reference });
    const voided = await c.sale({ source: { type: "card", card }, amount: usd(700), billing, orderId: "o-s2", reference: ref() });
    expect((await c.void({ parent: parentOf(voided, "sale", 700), amount: usd(700), reference: ref() })).status).toBe("approved");

    const before = await c.settlements!(range());
    expect(before.ok && before.entries.find((e) => e.gatewayTransactionId === sale.gatewayTransactionId)).toMatchObject({ kind: "sale", approved: true, settledAt: undefined, reference });

    sandbox.settle("bluepay");
    const after = await c.settlements!(range());
    if (!after.ok) throw new Error(after.message);
    const settled = after.entries.find((e) => e.gatewayTransactionId === sale.gatewayTransactionId)!;
    expect(settled).toMatchObject({ kind: "sale", approved: true, voided: false, amount: usd(500), batch: expect.stringMatching(/^\d+$/) });
    expect(Math.abs(Date.parse(settled.settledAt!) - Date.now())).toBeLessThan(60_000);
    expect(after.entries.find((e) => e.gatewayTransactionId === voided.gatewayTransactionId)).toMatchObject({ voided: true, settledAt: undefined });
    // The inquiry carries the same date.
    const q = await c.inquire({ operation: "sale", gatewayTransactionId: sale.gatewayTransactionId, reference });
    expect(q).toMatchObject({ settled: true, settledAt: settled.settledAt });
  });

  it("refused credentials, a garbled report and an unreachable gateway are reasons, never thrown", async () => {
    const bad = await client({}, { ...DEMO_CREDENTIALS, secretKey: "X".repeat(32) }).settlements!(range());
    expect(bad).toEqual({ ok: false, message: "BluePay refused the transaction report: SECURITY ERROR" });

    sandbox.faults.add({ gateway: "bluepay", mode: "malformed", pathIncludes: "bpdailyreport2", count: 1 });
    const garbled = await client().settlements!(range());
    expect(garbled).toMatchObject({ ok: false, message: expect.stringMatching(/not in the expected format/) });

    const down = await client({ baseUrl: "http://127.0.0.1:1/bluepay" }).settlements!(range());
    expect(down).toMatchObject({ ok: false, message: expect.stringMatching(/did not answer/) });
  });
});
