// Contract tests: the real Rover Pay client over HTTP against the sandbox simulator.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../../../sandbox/app";
import { DEMO_CREDENTIALS } from "../../../sandbox/roverpay/accounts";
import type { LedgerEntry } from "../../../sandbox/types";
import { luhnValid } from "../../card";
import type { BillingDetails, CardInput, GatewayAccountConfig, GatewayClient, GatewayResult, ParentRef } from "../types";
import { roverpayDefinition } from "./index";
import { sandboxClient } from "../../testing/sandbox-client";

const VISA = "4111111111111111";
const DECLINE_CARD = "4000000000000002";
const NSF_CARD = "4000000000009995";
const CVV_MISMATCH_CARD = "4000000000000101";
const CVV = "987";

let sandbox: Sandbox;
let seq = 0;
const ref = () => `T${Date.now().toString(36)}-${++seq}`;

beforeAll(async () => {
  sandbox = await createSandbox({ port: 0, dailyCutoff: false });
});
afterAll(async () => {
  await sandbox.close();
});
afterEach(() => {
  sandbox.faults.clear();
});

function client(overrides: Partial<GatewayAccountConfig> = {}): GatewayClient {
  return sandboxClient(roverpayDefinition, sandbox.url, { currency: "USD", credentials: DEMO_CREDENTIALS, timeoutMs: 3000 }, overrides);
}

const card = (number = VISA, expYear = 2030): CardInput => ({ number, expMonth: 12, expYear, cvv: CVV, holderName: "Pat Tester" });
const billing = (postalCode = "12345"): BillingDetails => ({
  firstName: "Pat",
  lastName: "Tester",
  address1: "1 Main St",
  city: "Irvine",
  state: "CA",
  postalCode,
  country: "US",
});
const usd = (amount: number) => ({ amount, currency: "USD" });

function parentOf(r: GatewayResult, kind: ParentRef["kind"], amount: number): ParentRef {
  expect(r.gatewayTransactionId).toBeTruthy();
  return { gatewayTransactionId: r.gatewayTransactionId ?? "", kind, amount: usd(amount), token: r.token, extra: r.extra };
}

async function ledger(): Promise<LedgerEntry[]> {
  const res = await fetch(`${sandbox.url}/_sandbox/ledger/roverpay`);
  return ((await res.json()) as { entries: LedgerEntry[] }).entries;
}

/** No PAN, no CVV, no atoken anywhere in what the app stores. */
function expectClean(r: GatewayResult, pan = VISA) {
  const raw = JSON.stringify(r.raw);
  expect(raw).not.toContain(pan);
  // Tokens and ids may be long digit runs; nothing that could be a card number (Luhn-valid) may be.
  expect((raw.match(/\d{13,19}/g) ?? []).filter(luhnValid)).toEqual([]);
  expect(raw).not.toContain(DEMO_CREDENTIALS.atoken);
  expect(raw).not.toContain(`"${CVV}"`);
  expect(raw).not.toMatch(/"cvv2?"\s*:/i);
  expect(r.message).not.toContain(pan);
}

async function tokenize(c = client(), number = VISA, zip = "12345") {
  const r = await c.tokenize({ card: card(number), billing: billing(zip), currency: "USD", orderId: "O-1", reference: ref() });
  expect(r.status).toBe("approved");
  expect(r.token).toMatch(/^9\d{15}:\d{4}$/);
  return r;
}

describe("Rover Pay client ↔ simulator", () => {
  it("tokenize → sale by token → void (full refund in the open batch)", async () => {
    const c = client();
    const tok = await tokenize(c);
    expect(tok.card).toMatchObject({ brand: "visa", last4: "1111", masked: "411111******1111", expMonth: 12, expYear: 2030 });
    expect(tok.gatewayTransactionId).toMatch(/^1\*\d{5}\*110\*[0-9a-f]{8}\*1$/);

    const saleRef = ref();
    const sale = await c.sale({ source: { type: "token", token: tok.token ?? "" }, amount: usd(2599), billing: billing(), orderId: "O-1", reference: saleRef });
    expect(sale).toMatchObject({ status: "approved", message: "[D20] Charge Accepted.", gatewayCode: "D20" });
    expect(sale.authCode).toMatch(/^PPS\d{3}$/);
    expect(sale.extra?.invoice).toBe(saleRef);
    expect(sale.card?.last4).toBe("1111");

    const voided = await c.void({ parent: parentOf(sale, "sale", 2599), amount: usd(2599), reference: ref() });
    expect(voided).toMatchObject({ status: "approved", message: "[D21] Void Accepted." });
    expect(voided.extra?.processedAs).toBe("void");

    const inq = await c.inquire({ operation: "sale", gatewayTransactionId: sale.gatewayTransactionId, reference: saleRef });
    expect(inq).toMatchObject({ found: true, status: "approved", voided: true, settled: false, refundedAmount: 0 });

    const again = await c.void({ parent: parentOf(sale, "sale", 2599), amount: usd(2599), reference: ref() });
    expect(again).toMatchObject({ status: "error", errorKind: "rejected", gatewayCode: "REF03" });

    const entries = await ledger();
    expect(entries.find((e) => e.gatewayTransactionId === voided.gatewayTransactionId)).toMatchObject({ kind: "void", amount: 2599, settled: false });
  });

  it("sale → settle → partial refund → refund beyond the total is refused", async () => {
    const c = client();
    const sale = await c.sale({ source: { type: "card", card: card() }, amount: usd(10000), billing: billing(), orderId: "O-2", reference: ref() });
    expect(sale.status).toBe("approved");
    expect(sale.token).toMatch(/^9\d{11}1111:1230$/);
    expect(sandbox.settle("roverpay").roverpay).toBeGreaterThan(0);

    const parent = parentOf(sale, "sale", 10000);
    const r1 = await c.refund({ parent, amount: usd(4000), reference: ref() });
    expect(r1).toMatchObject({ status: "approved", message: "[D20] Charge Accepted." });
    expect(r1.extra?.processedAs).toBe("refund");

    const r2 = await c.refund({ parent, amount: usd(6001), reference: ref() });
    expect(r2).toMatchObject({ status: "error", errorKind: "rejected", gatewayCode: "REF02", message: "Amount exceeds refundable balance" });

    const inq = await c.inquire({ operation: "sale", gatewayTransactionId: sale.gatewayTransactionId, reference: "x" });
    expect(inq).toMatchObject({ found: true, settled: true, voided: false, refundedAmount: 4000 });

    const r3 = await c.refund({ parent, amount: usd(6000), reference: ref() });
    expect(r3.status).toBe("approved");
    const after = await c.inquire({ operation: "sale", gatewayTransactionId: sale.gatewayTransactionId, reference: "x" });
    expect(after.refundedAmount).toBe(10000);
  });

  it("void after the batch closed is processed by Rover Pay as a full refund, and says so", async () => {
    const c = client();
    const tok = await tokenize(c);
    const sale = await c.sale({ source: { type: "token", token: tok.token ?? "" }, amount: usd(1500), billing: billing(), orderId: "O", reference: ref() });
    sandbox.settle("roverpay");
    const v = await c.void({ parent: parentOf(sale, "sale", 1500), amount: usd(1500), reference: ref() });
    expect(v.status).toBe("approved");
    expect(v.extra?.processedAs).toBe("refund");
    expect(v.message).toMatch(/batch had already closed/);
  });

  it("authorize → capture, and authorize → void", async () => {
    const c = client();
    const tok = await tokenize(c);
    const auth = await c.authorize({ source: { type: "token", token: tok.token ?? "" }, amount: usd(5000), billing: billing(), orderId: "O", reference: ref() });
    expect(auth.status).toBe("approved");
    const cap = await c.capture({ parent: parentOf(auth, "auth", 5000), amount: usd(4500), reference: ref() });
    expect(cap.status).toBe("approved");
    expect(cap.gatewayTransactionId).not.toBe(auth.gatewayTransactionId);
    const twice = await c.capture({ parent: parentOf(auth, "auth", 5000), amount: usd(4500), reference: ref() });
    expect(twice).toMatchObject({ status: "error", errorKind: "rejected", gatewayCode: "FIN01" });

    const auth2 = await c.authorize({ source: { type: "card", card: card() }, amount: usd(700), billing: billing(), orderId: "O", reference: ref() });
    const v = await c.void({ parent: parentOf(auth2, "auth", 700), amount: usd(700), reference: ref() });
    expect(v).toMatchObject({ status: "approved", extra: expect.objectContaining({ processedAs: "void" }) });
  });

  it("declines: amount rules and test cards", async () => {
    const c = client();
    const tok = await tokenize(c);
    const d1 = await c.sale({ source: { type: "token", token: tok.token ?? "" }, amount: usd(2501), billing: billing(), orderId: "O", reference: ref() });
    expect(d1).toMatchObject({ status: "declined", errorKind: "declined", gatewayCode: "DEC01", message: "Declined" });
    expect(d1.gatewayTransactionId).toBeUndefined();

    const d2 = await c.sale({ source: { type: "card", card: card(DECLINE_CARD) }, amount: usd(1000), billing: billing(), orderId: "O", reference: ref() });
    expect(d2).toMatchObject({ status: "declined", gatewayCode: "DEC01" });
    expectClean(d2, DECLINE_CARD);

    const d3 = await c.sale({ source: { type: "card", card: card(NSF_CARD) }, amount: usd(1000), billing: billing(), orderId: "O", reference: ref() });
    expect(d3).toMatchObject({ status: "declined", gatewayCode: "DEC02", message: "Insufficient funds" });

    const expired = await c.sale({ source: { type: "card", card: card(VISA, 2020) }, amount: usd(1000), billing: billing(), orderId: "O", reference: ref() });
    expect(expired).toMatchObject({ status: "declined", gatewayCode: "TOK02" });

    const avs = await c.sale({ source: { type: "token", token: tok.token ?? "" }, amount: usd(1005), billing: billing(), orderId: "O", reference: ref() });
    expect(avs).toMatchObject({ status: "declined", gatewayCode: "AVS01", avs: { code: "N", category: "no_match" } });

    const entries = await ledger();
    expect(entries.filter((e) => e.status === "declined").length).toBeGreaterThanOrEqual(5);
  });

  it("errors: bad credentials, unknown entity, invalid requests are rejected", async () => {
    const bad = client({ credentials: { ...DEMO_CREDENTIALS, atoken: "AT-wrong" } });
    const r = await bad.sale({ source: { type: "card", card: card() }, amount: usd(1000), billing: billing(), orderId: "O", reference: ref() });
    expect(r).toMatchObject({ status: "error", errorKind: "rejected", gatewayCode: "AUTH01", message: "Invalid authorization token" });
    expectClean(r);
    expect(JSON.stringify(r.raw)).not.toContain("AT-wrong");
    expect(await bad.testConnection()).toMatchObject({ outcome: "bad_credentials" });

    const ent = client({ credentials: { ...DEMO_CREDENTIALS, entity: "NOPE" } });
    expect((await ent.tokenize({ card: card(), billing: billing(), currency: "USD", orderId: "O", reference: ref() })).gatewayCode).toBe("ENT01");

    const c = client();
    expect(await c.testConnection()).toMatchObject({ outcome: "connected" });
    const badPan = await c.tokenize({ card: card("4111111111111112"), billing: billing(), currency: "USD", orderId: "O", reference: ref() });
    expect(badPan).toMatchObject({ status: "error", errorKind: "rejected", gatewayCode: "CRD01" });
    const unknownToken = await c.sale({ source: { type: "token", token: "9000000000001111:1230" }, amount: usd(1000), billing: billing(), orderId: "O", reference: ref() });
    expect(unknownToken).toMatchObject({ errorKind: "rejected", gatewayCode: "TOK01" });
    const noParent = await c.refund({
      parent: { gatewayTransactionId: "1*1*110*x*1", kind: "sale", amount: usd(100) },
      amount: usd(100),
      reference: ref(),
    });
    expect(noParent).toMatchObject({ errorKind: "rejected", gatewayCode: "REF01" });
  });

  it("a re-sent attempt (same reference) is refused as a duplicate, not charged twice", async () => {
    const c = client();
    const tok = await tokenize(c);
    const input = { source: { type: "token" as const, token: tok.token ?? "" }, amount: usd(3300), billing: billing(), orderId: "O", reference: ref() };
    expect((await c.sale(input)).status).toBe("approved");
    expect(await c.sale(input)).toMatchObject({ status: "error", errorKind: "rejected", gatewayCode: "DUP01" });
  });

  it("timeout → unknown outcome within timeout + 300 ms, then inquiry finds the processed sale", async () => {
    const c = client({ timeoutMs: 400 });
    const reference = ref();
    sandbox.faults.add({ gateway: "roverpay", mode: "timeout", count: 1 });
    const started = performance.now();
    const r = await c.sale({ source: { type: "card", card: card() }, amount: usd(4200), billing: billing(), orderId: "O", reference });
    expect(performance.now() - started).toBeLessThan(700);
    expect(r).toMatchObject({ status: "error", errorKind: "unknown_outcome" });
    expectClean(r);

    const inq = await c.inquire({ operation: "sale", reference, amount: usd(4200) });
    expect(inq).toMatchObject({ found: true, status: "approved", settled: false, voided: false, amount: usd(4200) });
    expect(inq.gatewayTransactionId).toMatch(/^1\*/);
    expect(inq.extra?.invoice).toBe(reference);
    expect((await ledger()).some((e) => e.reference === reference && e.status === "approved")).toBe(true);

    const missing = await c.inquire({ operation: "sale", reference: ref() });
    expect(missing).toMatchObject({ found: false, gatewayCode: "INQ01" });
  });

  it("a declined sale found by inquiry reports declined", async () => {
    const c = client();
    const reference = ref();
    await c.sale({ source: { type: "card", card: card() }, amount: usd(2502), billing: billing(), orderId: "O", reference });
    expect(await c.inquire({ operation: "sale", reference })).toMatchObject({ found: true, status: "declined" });
  });

  it("5xx, malformed body and unreachable host → unknown outcome, never a throw", async () => {
    const c = client();
    sandbox.faults.add({ gateway: "roverpay", mode: "5xx", count: 1 });
    const r5 = await c.sale({ source: { type: "card", card: card() }, amount: usd(1100), billing: billing(), orderId: "O", reference: ref() });
    expect(r5).toMatchObject({ status: "error", errorKind: "unknown_outcome" });

    const tok = await tokenize(c);
    sandbox.faults.add({ gateway: "roverpay", mode: "malformed", count: 1 });
    const rt = await c.tokenize({ card: card(), billing: billing(), currency: "USD", orderId: "O", reference: ref() });
    expect(rt).toMatchObject({ status: "error", errorKind: "unknown_outcome" });
    expect(rt.token).toBeUndefined();
    sandbox.faults.add({ gateway: "roverpay", mode: "malformed", count: 1 });
    const rm = await c.sale({ source: { type: "token", token: tok.token ?? "" }, amount: usd(1200), billing: billing(), orderId: "O", reference: ref() });
    expect(rm).toMatchObject({ status: "error", errorKind: "unknown_outcome" });
    expectClean(rm);

    sandbox.faults.add({ gateway: "roverpay", mode: "malformed", count: 1 });
    const rv = await c.refund({ parent: { gatewayTransactionId: "1*1*1*1*1", kind: "sale", amount: usd(100) }, amount: usd(100), reference: ref() });
    expect(rv.errorKind).toBe("unknown_outcome");

    const down = client({ baseUrl: "http://127.0.0.1:9/roverpay/api", timeoutMs: 500 });
    const rd = await down.sale({ source: { type: "card", card: card() }, amount: usd(1000), billing: billing(), orderId: "O", reference: ref() });
    expect(rd).toMatchObject({ status: "error", errorKind: "unknown_outcome" });
    expect(await down.testConnection()).toMatchObject({ outcome: "unreachable" });
  });

  it("redaction: no PAN, CVV or atoken in any stored exchange", async () => {
    const c = client();
    const results: GatewayResult[] = [];
    const tok = await tokenize(c);
    results.push(tok);
    const bySource = await c.sale({ source: { type: "card", card: card() }, amount: usd(1300), billing: billing(), orderId: "O", reference: ref() });
    const byToken = await c.sale({ source: { type: "token", token: tok.token ?? "" }, amount: usd(1400), billing: billing(), orderId: "O", reference: ref() });
    const auth = await c.authorize({ source: { type: "card", card: card() }, amount: usd(1600), billing: billing(), orderId: "O", reference: ref() });
    const cap = await c.capture({ parent: parentOf(auth, "auth", 1600), amount: usd(1600), reference: ref() });
    const refund = await c.refund({ parent: parentOf(byToken, "sale", 1400), amount: usd(400), reference: ref() });
    const voided = await c.void({ parent: parentOf(bySource, "sale", 1300), amount: usd(1300), reference: ref() });
    const inq = await c.inquire({ operation: "sale", gatewayTransactionId: byToken.gatewayTransactionId, reference: "x" });
    const declined = await c.sale({ source: { type: "card", card: card() }, amount: usd(1301), billing: billing(), orderId: "O", reference: ref() });
    results.push(bySource, byToken, auth, cap, refund, voided, inq, declined);
    for (const r of results) {
      expect(r.status === "approved" || r.status === "declined").toBe(true);
      expectClean(r);
    }
    expect(JSON.stringify(bySource.raw.request)).toContain("[REDACTED]");
  });

  it("AVS and CVV results with meanings, for a match and a mismatch", async () => {
    const c = client();
    const match = await tokenize(c, VISA, "92614");
    expect(match.avs).toEqual({ code: "Y", meaning: "Street address and 5-digit ZIP match", category: "match" });
    expect(match.cvv).toEqual({ code: "M", meaning: "Card security code matches", category: "match" });

    const avsMismatch = await tokenize(c, "5454545454545454", "00000");
    expect(avsMismatch.avs).toMatchObject({ code: "N", category: "no_match" });

    const cvvMismatch = await c.sale({ source: { type: "card", card: card(CVV_MISMATCH_CARD) }, amount: usd(1700), billing: billing(), orderId: "O", reference: ref() });
    expect(cvvMismatch.status).toBe("approved");
    expect(cvvMismatch.cvv).toEqual({ code: "N", meaning: "Card security code does not match", category: "no_match" });

    // Token sales echo the AVS result of the address on file; the CVV is not re-checked.
    const byToken = await c.sale({ source: { type: "token", token: avsMismatch.token ?? "" }, amount: usd(1800), billing: billing(), orderId: "O", reference: ref() });
    expect(byToken.status).toBe("approved");
    expect(byToken.cvv).toMatchObject({ code: "X", category: "not_checked" });
    expect(byToken.avs).toMatchObject({ code: "N", category: "no_match" });
    expect(byToken.card).toMatchObject({ brand: "mastercard", last4: "5454" });
  });

  it("never sends the keyed PAN outside test mode (the simulated device then reads its default card)", async () => {
    const live = client({ mode: "live" });
    const r = await live.sale({ source: { type: "card", card: card(DECLINE_CARD) }, amount: usd(1900), billing: billing(), orderId: "O", reference: ref() });
    expect(r.status).toBe("approved");
    expect(r.card).toMatchObject({ last4: "1111", masked: "4********1111" }); // what the device read, not what was typed
    expect(r.token).toMatch(/1111:1228$/);
  });

  it("refuses currencies that are not cents without calling the gateway", async () => {
    const r = await client().sale({ source: { type: "card", card: card() }, amount: { amount: 1000, currency: "JPY" }, billing: billing(), orderId: "O", reference: ref() });
    expect(r).toMatchObject({ status: "error", errorKind: "rejected", durationMs: 0 });
  });
});
