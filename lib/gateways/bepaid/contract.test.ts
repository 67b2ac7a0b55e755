// Contract tests: the real client over HTTP against the in-process sandbox simulator.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../../../sandbox/app";
import { DEMO_CREDENTIALS } from "../../../sandbox/bepaid/accounts";
import type { BepaidState } from "../../../sandbox/bepaid/state";
import type { BillingDetails, CardInput, GatewayAccountConfig, GatewayClient, GatewayResult, ParentRef } from "../types";
import { bepaidDefinition } from "./index";
import { sandboxClient } from "../../testing/sandbox-client";

const APPROVE_PAN = "4200000000000000"; // spec §7.2
const DECLINE_PAN = "4005550000000019"; // spec §7.2

const card = (over: Partial<CardInput> = {}): CardInput => ({ number: APPROVE_PAN, expMonth: 12, expYear: 2031, cvv: "123", holderName: "IVAN PETROV", ...over });
// Address digit 7 / ZIP digit 7 → AVS "1" (not checked) under the §7.3 emulation.
const billing = (over: Partial<BillingDetails> = {}): BillingDetails => ({
  firstName: "Ivan",
  lastName: "Petrov",
  address1: "Nezavisimosti 7",
  city: "Minsk",
  postalCode: "720030",
  country: "BY",
  email: "ivan@example.com",
  ...over,
});

let sandbox: Sandbox;
let seq = 0;
const ref = (label: string) => `${label}-${Date.now()}-${++seq}`;
const byn = (amount: number) => ({ amount, currency: "BYN" });

function client(over: Partial<GatewayAccountConfig> = {}): GatewayClient {
  return sandboxClient(bepaidDefinition, sandbox.url, { currency: "BYN", credentials: DEMO_CREDENTIALS, timeoutMs: 2000 }, over);
}

const simState = () => sandbox.state.bepaid as BepaidState;
async function ledger() {
  const res = await fetch(`${sandbox.url}/_sandbox/ledger/bepaid`);
  return ((await res.json()) as { entries: { gatewayTransactionId: string; kind: string; amount: number; status: string; reference?: string; settled: boolean }[] }).entries;
}

function parentOf(r: GatewayResult, kind: ParentRef["kind"], amount: number): ParentRef {
  expect(r.gatewayTransactionId).toBeTruthy();
  return { gatewayTransactionId: r.gatewayTransactionId!, kind, amount: byn(amount), token: r.token, extra: r.extra };
}

async function sale(amount: number, over: { card?: CardInput; billing?: BillingDetails; reference?: string } = {}) {
  return client().sale({
    source: { type: "card", card: over.card ?? card() },
    amount: byn(amount),
    billing: over.billing ?? billing(),
    orderId: "1001",
    reference: over.reference ?? ref("sale"),
  });
}

beforeAll(async () => {
  sandbox = await createSandbox({ port: 0, dailyCutoff: false });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  sandbox.reset();
});

describe("bePaid happy paths", () => {
  it("tokenize → sale by token → void (a sale is voided by a full refund before settlement)", async () => {
    const c = client();
    const tok = await c.tokenize({ card: card(), billing: billing(), currency: "BYN", orderId: "42", reference: ref("tok") });
    expect(tok.status).toBe("approved");
    expect(tok.token).toMatch(/^[0-9a-f-]{36}$/);
    expect(tok.card).toMatchObject({ brand: "visa", last4: "0000", masked: "420000******0000", expMonth: 12, expYear: 2031 });

    const s = await c.sale({ source: { type: "token", token: tok.token! }, amount: byn(2599), billing: billing(), orderId: "1001", reference: ref("sale") });
    expect(s).toMatchObject({ status: "approved", authCode: "654321", message: "Successfully processed", amount: byn(2599) });
    expect(s.card).toMatchObject({ brand: "visa", last4: "0000" });

    const v = await c.void({ parent: parentOf(s, "sale", 2599), amount: byn(2599), reference: ref("void") });
    expect(v.status).toBe("approved");
    expect(v.extra?.voidMethod).toBe("refund");
    const entries = await ledger();
    expect(entries.map((e) => [e.kind, e.status, e.amount])).toEqual([
      ["sale", "approved", 2599],
      ["refund", "approved", 2599],
    ]);
  });

  it("refuses to void a settled sale", async () => {
    const s = await sale(1200);
    sandbox.settle("bepaid");
    const v = await client().void({ parent: parentOf(s, "sale", 1200), amount: byn(1200), reference: ref("void") });
    expect(v).toMatchObject({ status: "error", errorKind: "rejected" });
    expect(v.message).toMatch(/settled/);
    expect((await ledger()).filter((e) => e.kind === "refund")).toHaveLength(0);
  });

  it("sale → settle → partial refund → a refund over the remainder is refused", async () => {
    const c = client();
    const s = await sale(5000);
    expect(s.status).toBe("approved");
    expect(sandbox.settle("bepaid")).toEqual({ bepaid: 1 });
    const parent = parentOf(s, "sale", 5000);
    const r1 = await c.refund({ parent, amount: byn(3000), reference: ref("refund"), reason: "Customer returned goods" });
    expect(r1).toMatchObject({ status: "approved", amount: byn(3000) });
    const r2 = await c.refund({ parent, amount: byn(2500), reference: ref("refund") });
    expect(r2).toMatchObject({ status: "error", errorKind: "rejected", message: "Amount can't be greater than 2000." });
    const r3 = await c.refund({ parent, amount: byn(2000), reference: ref("refund") });
    expect(r3.status).toBe("approved");
    const r4 = await c.refund({ parent, amount: byn(1), reference: ref("refund") });
    expect(r4).toMatchObject({ status: "error", errorKind: "rejected" });
    const refunds = (await ledger()).filter((e) => e.kind === "refund");
    expect(refunds.map((e) => e.amount)).toEqual([3000, 2000]);
  });

  it("authorize → capture, and authorize → void (native)", async () => {
    const c = client();
    const a = await c.authorize({ source: { type: "card", card: card() }, amount: byn(1000), billing: billing(), orderId: "7", reference: ref("auth") });
    expect(a).toMatchObject({ status: "approved", authCode: "654321" });
    const cap = await c.capture({ parent: parentOf(a, "auth", 1000), amount: byn(800), reference: ref("cap") });
    expect(cap).toMatchObject({ status: "approved", amount: byn(800) });
    const voidAfterCapture = await c.void({ parent: parentOf(a, "auth", 1000), amount: byn(1000), reference: ref("void") });
    expect(voidAfterCapture).toMatchObject({ status: "error", errorKind: "rejected", message: "transaction can't be voided" });
    const refundOfCapture = await c.refund({ parent: parentOf(cap, "capture", 800), amount: byn(800), reference: ref("refund") });
    expect(refundOfCapture.status).toBe("approved");

    const a2 = await c.authorize({ source: { type: "card", card: card() }, amount: byn(1100), billing: billing(), orderId: "8", reference: ref("auth") });
    const v = await c.void({ parent: parentOf(a2, "auth", 1100), amount: byn(1100), reference: ref("void") });
    expect(v).toMatchObject({ status: "approved", message: "Successfully processed" });
    expect(v.extra?.bepaidType).toBe("void");
    const capVoided = await c.capture({ parent: parentOf(a2, "auth", 1100), amount: byn(1100), reference: ref("cap") });
    expect(capVoided).toMatchObject({ status: "error", errorKind: "rejected", message: "transaction can't be captured" });
  });
});

describe("bePaid declines and refusals", () => {
  it("declines the §7.2 decline card", async () => {
    const s = await sale(2599, { card: card({ number: DECLINE_PAN }) });
    expect(s).toMatchObject({ status: "declined", errorKind: "declined", message: "Payment was declined" });
    expect(s.gatewayTransactionId).toBeTruthy();
    expect(s.token).toBeUndefined();
    const tok = await client().tokenize({ card: card({ number: DECLINE_PAN }), billing: billing(), currency: "BYN", orderId: "1", reference: ref("tok") });
    expect(tok).toMatchObject({ status: "declined", errorKind: "declined" });
  });

  it("declines an amount ending in 51 (simulator-only rule) with the acquirer's reason", async () => {
    const s = await sale(1051);
    expect(s).toMatchObject({ status: "declined", errorKind: "declined", message: "Payment was declined: Insufficient funds" });
  });

  it("rejects bad credentials (401 Access denied) everywhere, and testConnection says so", async () => {
    const bad = client({ credentials: { shopId: DEMO_CREDENTIALS.shopId, secretKey: "0".repeat(64) } });
    const s = await bad.sale({ source: { type: "card", card: card() }, amount: byn(100), billing: billing(), orderId: "1", reference: ref("sale") });
    expect(s).toMatchObject({ status: "error", errorKind: "rejected", gatewayCode: "401" });
    expect(s.message).toMatch(/Access denied/);
    expect(await bad.testConnection()).toMatchObject({ outcome: "bad_credentials" });
    expect(await client().testConnection()).toMatchObject({ outcome: "connected" });
    expect(await client({ baseUrl: "http://127.0.0.1:9/bepaid", timeoutMs: 500 }).testConnection()).toMatchObject({ outcome: "unreachable" });
  });

  it("rejects an invalid request with the gateway's field message (422)", async () => {
    const s = await sale(100, { card: card({ number: "4200000000000001", cvv: "12" }) });
    expect(s).toMatchObject({ status: "error", errorKind: "rejected", gatewayCode: "422", message: "Number is invalid. Verification value is not a number." });
    const expired = await sale(100, { card: card({ expYear: 2020 }) });
    expect(expired).toMatchObject({ status: "error", errorKind: "rejected", message: "Date is expired." });
    const unknownToken = await client().sale({ source: { type: "token", token: "nope" }, amount: byn(100), billing: billing(), orderId: "1", reference: ref("s") });
    expect(unknownToken).toMatchObject({ status: "error", errorKind: "rejected", gatewayCode: "400", message: "Token does not exist." });
    const noParent = await client().refund({ parent: { gatewayTransactionId: "missing", kind: "sale", amount: byn(100) }, amount: byn(100), reference: ref("r") });
    expect(noParent).toMatchObject({ status: "error", errorKind: "rejected", message: "Parent uid Parent transaction is not found." });
    expect(await ledger()).toHaveLength(0);
  });

  it("rejects a duplicate sale within the window and says to check history (spec §7.4)", async () => {
    const first = await sale(777);
    expect(first.status).toBe("approved");
    const second = await sale(777);
    expect(second).toMatchObject({ status: "error", errorKind: "rejected" });
    expect(second.message).toMatch(/^Possible duplicate/);
    simState().settings.duplicateWindowMs = 0;
    expect((await sale(777)).status).toBe("approved");
  });

  it("accepts the flat error envelope too", async () => {
    simState().settings.errorEnvelope = "flat";
    const s = await sale(100, { card: card({ number: "1234" }) });
    expect(s).toMatchObject({ status: "error", errorKind: "rejected", message: "Number is invalid." });
  });
});

describe("bePaid unknown outcomes", () => {
  it("timeout → unknown_outcome fast, then inquiry by reference finds the processed sale", async () => {
    sandbox.faults.add({ gateway: "bepaid", mode: "timeout", count: 1 });
    const reference = ref("sale");
    const started = performance.now();
    const s = await client({ timeoutMs: 400 }).sale({ source: { type: "card", card: card() }, amount: byn(4321), billing: billing(), orderId: "9", reference });
    expect(performance.now() - started).toBeLessThan(700);
    expect(s).toMatchObject({ status: "error", errorKind: "unknown_outcome" });

    const found = await client().inquire({ operation: "sale", reference, amount: byn(4321) });
    expect(found).toMatchObject({ found: true, status: "approved", settled: false, amount: byn(4321) });
    const entries = await ledger();
    expect(entries).toHaveLength(1);
    expect(found.gatewayTransactionId).toBe(entries[0]!.gatewayTransactionId);

    sandbox.settle("bepaid");
    const byUid = await client().inquire({ operation: "sale", reference, gatewayTransactionId: found.gatewayTransactionId });
    expect(byUid).toMatchObject({ found: true, status: "approved", settled: true });
  });

  it("inquiry finds a refund by its reference and reports the refunded amount; reports not found otherwise", async () => {
    const s = await sale(3000);
    const reference = ref("refund");
    sandbox.faults.add({ gateway: "bepaid", mode: "malformed", count: 1 });
    const parent = parentOf(s, "sale", 3000);
    const r = await client().refund({ parent, amount: byn(1000), reference });
    expect(r).toMatchObject({ status: "error", errorKind: "unknown_outcome" });
    const found = await client().inquire({ operation: "refund", reference, parent });
    expect(found).toMatchObject({ found: true, status: "approved", refundedAmount: 1000 });
    const missing = await client().inquire({ operation: "sale", reference: ref("never-sent") });
    expect(missing).toMatchObject({ found: false, status: "error" });
    const missingUid = await client().inquire({ operation: "sale", reference: "x", gatewayTransactionId: "no-such-uid" });
    expect(missingUid).toMatchObject({ found: false });
  });

  it("5xx → unknown_outcome without processing; malformed body → unknown_outcome after processing; never throws", async () => {
    sandbox.faults.add({ gateway: "bepaid", mode: "5xx", count: 1 });
    const a = await sale(100);
    expect(a).toMatchObject({ status: "error", errorKind: "unknown_outcome" });
    expect(await ledger()).toHaveLength(0);

    sandbox.faults.add({ gateway: "bepaid", mode: "malformed", count: 1 });
    const b = await sale(200);
    expect(b).toMatchObject({ status: "error", errorKind: "unknown_outcome" });
    expect(await ledger()).toHaveLength(1);

    sandbox.faults.add({ gateway: "bepaid", mode: "timeout-before", count: 1 });
    const c = await client({ timeoutMs: 300 }).tokenize({ card: card(), billing: billing(), currency: "BYN", orderId: "1", reference: ref("tok") });
    expect(c).toMatchObject({ status: "error", errorKind: "unknown_outcome" });
  });
});

describe("bePaid AVS / CVC emulation (spec §7.3)", () => {
  it("reports a match with meanings", async () => {
    const s = await sale(1500, { card: card({ cvv: "111" }), billing: billing({ address1: "Nezavisimosti 1", postalCode: "110030" }) });
    expect(s.avs).toEqual({ code: "M", meaning: "Street address and postal code match", category: "match" });
    expect(s.cvv).toEqual({ code: "M", meaning: "Security code matches", category: "match" });
  });

  it("reports a mismatch with meanings, without declining", async () => {
    const s = await sale(1600, { card: card({ cvv: "222" }), billing: billing({ address1: "Main 2", postalCode: "220030" }) });
    expect(s.status).toBe("approved");
    expect(s.avs).toEqual({ code: "N", meaning: "Neither street address nor postal code matches", category: "no_match" });
    expect(s.cvv).toEqual({ code: "N", meaning: "Security code does not match", category: "no_match" });
    const other = await sale(1700);
    expect(other.avs?.category).toBe("not_checked");
    expect(other.cvv).toMatchObject({ code: "1", category: "not_checked" });
  });
});

describe("bePaid redaction", () => {
  it("no PAN, CVV or secret in any operation's raw exchange", async () => {
    const cvv = "4829";
    const c = client();
    const results: GatewayResult[] = [];
    const push = (r: GatewayResult) => (results.push(r), r);
    const tok = push(await c.tokenize({ card: card({ cvv }), billing: billing(), currency: "BYN", orderId: "1", reference: ref("tok") }));
    const s = push(await c.sale({ source: { type: "card", card: card({ cvv }) }, amount: byn(900), billing: billing(), orderId: "1", reference: ref("s") }));
    push(await c.sale({ source: { type: "token", token: tok.token! }, amount: byn(901), billing: billing(), orderId: "1", reference: ref("s") }));
    push(await sale(902, { card: card({ number: DECLINE_PAN, cvv }) }));
    push(await sale(903, { card: card({ number: "4200000000000001", cvv }) }));
    const a = push(await c.authorize({ source: { type: "card", card: card({ cvv }) }, amount: byn(904), billing: billing(), orderId: "1", reference: ref("a") }));
    push(await c.capture({ parent: parentOf(a, "auth", 904), amount: byn(904), reference: ref("c") }));
    push(await c.refund({ parent: parentOf(s, "sale", 900), amount: byn(100), reference: ref("r") }));
    push(await c.void({ parent: parentOf(s, "sale", 900), amount: byn(900), reference: ref("v") }));
    push(await c.inquire({ operation: "sale", reference: "x", gatewayTransactionId: s.gatewayTransactionId }));
    sandbox.faults.add({ gateway: "bepaid", mode: "timeout", count: 1 });
    push(await client({ timeoutMs: 300 }).sale({ source: { type: "card", card: card({ cvv }) }, amount: byn(905), billing: billing(), orderId: "1", reference: ref("s") }));
    sandbox.faults.add({ gateway: "bepaid", mode: "malformed", count: 1 });
    push(await sale(906, { card: card({ cvv }) }));
    push(await client({ credentials: { shopId: DEMO_CREDENTIALS.shopId, secretKey: "f".repeat(64) } }).sale({ source: { type: "card", card: card({ cvv }) }, amount: byn(907), billing: billing(), orderId: "1", reference: ref("s") }));

    const basic = Buffer.from(`${DEMO_CREDENTIALS.shopId}:${DEMO_CREDENTIALS.secretKey}`).toString("base64");
    for (const r of results) {
      const raw = JSON.stringify(r.raw);
      expect(raw).not.toBe(JSON.stringify({ request: null, response: null }));
      for (const secret of [APPROVE_PAN, DECLINE_PAN, "4200000000000001", DEMO_CREDENTIALS.secretKey, "f".repeat(64), basic]) expect(raw).not.toContain(secret);
      expect(raw).not.toMatch(new RegExp(`"${cvv}"`));
      expect(JSON.stringify(r)).not.toContain(APPROVE_PAN);
    }
    expect(JSON.stringify(results[1]!.raw)).toContain('"verification_value":"[REDACTED]"');
    expect(JSON.stringify(results[1]!.raw)).toContain('"number":"[REDACTED]"');
  });
});
