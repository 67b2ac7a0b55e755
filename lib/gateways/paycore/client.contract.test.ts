// Contract tests: the real PayCore client over HTTP against the in-process sandbox simulator.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../../../sandbox/app";
import { DEMO_CREDENTIALS } from "../../../sandbox/paycore/accounts";
import type { BillingDetails, CardInput, GatewayClient, GatewayResult, InquiryResult, ParentRef, TransactionKind } from "../types";
import { paycoreDefinition } from "./index";

const PAN_OK = "5519283812030000"; // S1: success, no 3DS
const PAN_3DS = "5123817234060000"; // S2: 3DS then success
const PAN_DECLINE = "4302912837020000"; // S4: declined_error
const PAN_NO_FUNDS = "4000000000009995"; // S5: insufficient_funds
const CVV = "4821";
const SECRETS = [DEMO_CREDENTIALS.apiKey, DEMO_CREDENTIALS.callbackSecret];

const card = (number = PAN_OK, cvv = CVV): CardInput => ({ number, expMonth: 4, expYear: 2030, cvv, holderName: "Ada Lovelace" });
const billing: BillingDetails = { firstName: "Ada", lastName: "Lovelace", address1: "1 Main St", city: "Springfield", state: "IL", postalCode: "62701", country: "US", email: "ada@example.test" };
const usd = (amount: number) => ({ amount, currency: "USD" });

let sandbox: Sandbox;
let seq = 0;
const ref = (p: string) => `${p}-${Date.now()}-${++seq}`;

function client(over: { timeoutMs?: number; apiKey?: string; baseUrl?: string; callbackUrl?: string } = {}): GatewayClient {
  return paycoreDefinition.create({
    id: "acc-paycore",
    kind: "paycore",
    mode: "test",
    baseUrl: over.baseUrl ?? paycoreDefinition.sandboxBaseUrl(sandbox.url),
    currency: "USD",
    timeoutMs: over.timeoutMs ?? 3000,
    credentials: { ...DEMO_CREDENTIALS, ...(over.apiKey ? { apiKey: over.apiKey } : {}) },
    callbackUrl: over.callbackUrl,
  });
}

/** Polls inquire() until the outcome is final (PayCore is asynchronous). */
async function settleOutcome(c: GatewayClient, operation: TransactionKind, r: GatewayResult, reference: string): Promise<InquiryResult> {
  for (let i = 0; i < 40; i++) {
    const q = await c.inquire({ operation, reference, gatewayTransactionId: r.gatewayTransactionId });
    if (q.status !== "pending") return q;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error("outcome stayed pending");
}

const parentOf = (r: GatewayResult, kind: TransactionKind, amount: number): ParentRef => ({
  gatewayTransactionId: r.gatewayTransactionId!,
  kind,
  amount: usd(amount),
  extra: r.extra,
});

function expectClean(results: GatewayResult[], pans: string[] = [PAN_OK]) {
  for (const r of results) {
    const text = JSON.stringify(r.raw) + r.message;
    for (const pan of pans) expect(text).not.toContain(pan);
    expect(text).not.toContain(`"${CVV}"`);
    for (const s of SECRETS) expect(text).not.toContain(s);
    expect(text).not.toMatch(/Bearer|Basic /);
    expect(text).not.toMatch(/eyJ[\w-]+\.eyJ/); // the invoice's Card Gate bearer token
  }
}

beforeAll(async () => {
  sandbox = await createSandbox({ port: 0, dailyCutoff: false });
  await fetch(`${sandbox.url}/paycore/_sim/config`, { method: "POST", body: JSON.stringify({ finalizeDelayMs: 100 }) });
});
afterAll(() => sandbox.close());
afterEach(() => sandbox.faults.clear());

describe("PayCore client against the simulator", () => {
  it("tokenize → sale by token → void is refused (PayCore has no void)", async () => {
    const c = client();
    const tRef = ref("TOK");
    const t = await c.tokenize({ card: card(), billing, currency: "USD", orderId: "O-1", reference: tRef });
    expect(t.status).toBe("pending");
    expect(t.gatewayTransactionId).toMatch(/^cpi_/);
    expect(t.card).toMatchObject({ brand: "mastercard", last4: "0000", masked: "551928******0000" });
    const tq = await settleOutcome(c, "tokenize", t, tRef);
    expect(tq).toMatchObject({ found: true, status: "approved" });
    expect(tq.token).toMatch(/^kc_.+:[A-Za-z0-9]{32}$/);

    const sRef = ref("SALE");
    const s = await c.sale({ source: { type: "token", token: tq.token! }, amount: usd(1500), billing, orderId: "O-2", reference: sRef });
    expect(s.status).toBe("pending");
    const sq = await settleOutcome(c, "sale", s, sRef);
    expect(sq).toMatchObject({ status: "approved", found: true, settled: true, refundedAmount: 0, amount: usd(1500) });
    expect(sq.authCode).toMatch(/^[A-Z0-9]{6}$/);
    expect(sq.cvv?.category).toBe("not_checked"); // no CVV travels with a token charge

    expect(c.capabilities.void).toBe("none");
    const v = await c.void({ parent: parentOf(s, "sale", 1500), amount: usd(1500), reference: ref("VOID") });
    expect(v).toMatchObject({ status: "error", errorKind: "rejected" });
    expect(v.message).toMatch(/refund/i);
    expectClean([t, tq, s, sq, v]);
  });

  it("refuses a token bound to another customer", async () => {
    const s = await client().sale({ source: { type: "token", token: "kc_nobody:" + "X".repeat(32) }, amount: usd(100), billing, orderId: "O", reference: ref("BADTOK") });
    expect(s).toMatchObject({ status: "error", errorKind: "rejected", gatewayCode: "validation_error" });
  });

  it("sale → settle → partial refund → a refund beyond the remainder is refused", async () => {
    const c = client();
    const sRef = ref("SALE");
    const s = await c.sale({ source: { type: "card", card: card() }, amount: usd(2599), billing, orderId: "O-3", reference: sRef });
    expect(s.status).toBe("pending");
    const sq = await settleOutcome(c, "sale", s, sRef);
    expect(sq.status).toBe("approved");
    expect(sandbox.settle("paycore").paycore).toBeGreaterThanOrEqual(1);

    const rRef = ref("RF");
    const r1 = await c.refund({ parent: parentOf(s, "sale", 2599), amount: usd(1000), reference: rRef, reason: "Partial refund" });
    expect(r1).toMatchObject({ status: "approved", amount: usd(1000) });
    expect(r1.gatewayTransactionId).toMatch(/^ref_/);

    const r2 = await c.refund({ parent: parentOf(s, "sale", 2599), amount: usd(2000), reference: ref("RF") });
    expect(r2).toMatchObject({ status: "error", errorKind: "rejected", gatewayCode: "validation_error" });
    expect(r2.message).toMatch(/remainder/);

    const after = await c.inquire({ operation: "sale", reference: sRef, gatewayTransactionId: s.gatewayTransactionId });
    expect(after).toMatchObject({ found: true, status: "approved", refundedAmount: 1000 });
    const rq = await c.inquire({ operation: "refund", reference: rRef });
    expect(rq).toMatchObject({ found: true, status: "approved", amount: usd(1000), gatewayTransactionId: r1.gatewayTransactionId });

    const ledger = (await (await fetch(`${sandbox.url}/_sandbox/ledger/paycore`)).json()) as { entries: { reference?: string; kind: string; amount: number; settled: boolean }[] };
    expect(ledger.entries.find((e) => e.reference === sRef)).toMatchObject({ kind: "sale", amount: 2599, settled: true });
    expect(ledger.entries.find((e) => e.reference === rRef)).toMatchObject({ kind: "refund", amount: 1000 });
    expectClean([s, sq, r1, r2, after, rq]);
  });

  it("a refund with amount fraction .77 fails (S9)", async () => {
    const c = client();
    const sRef = ref("SALE");
    const s = await c.sale({ source: { type: "card", card: card() }, amount: usd(5000), billing, orderId: "O", reference: sRef });
    await settleOutcome(c, "sale", s, sRef);
    const r = await c.refund({ parent: parentOf(s, "sale", 5000), amount: usd(177), reference: ref("RF") });
    expect(r).toMatchObject({ status: "declined", errorKind: "declined" });
  });

  it("declines: issuer decline and insufficient funds end declined, never approved", async () => {
    const c = client();
    for (const [pan, resolution] of [[PAN_DECLINE, "declined_error"], [PAN_NO_FUNDS, "insufficient_funds"]] as const) {
      const sRef = ref("DEC");
      const s = await c.sale({ source: { type: "card", card: card(pan) }, amount: usd(1200), billing, orderId: "O", reference: sRef });
      expect(s.status).toBe("pending");
      const q = await settleOutcome(c, "sale", s, sRef);
      expect(q).toMatchObject({ status: "declined", errorKind: "declined", gatewayCode: `process_failed/${resolution}`, found: true });
      expect(q.message).toMatch(/failed/i);
      expectClean([s, q], [pan]);
    }
  });

  it("an expired card fails with invalid_details (S6)", async () => {
    const c = client();
    const sRef = ref("EXP");
    const s = await c.sale({ source: { type: "card", card: { ...card(), expYear: 2020 } }, amount: usd(1200), billing, orderId: "O", reference: sRef });
    const q = await settleOutcome(c, "sale", s, sRef);
    expect(q).toMatchObject({ status: "declined", gatewayCode: "process_failed/invalid_details" });
  });

  it("AVS / CVV: a match and a mismatch carry codes with meanings", async () => {
    const c = client();
    const okRef = ref("CVV");
    const ok = await c.sale({ source: { type: "card", card: card() }, amount: usd(300), billing, orderId: "O", reference: okRef });
    const okQ = await settleOutcome(c, "sale", ok, okRef);
    expect(okQ.cvv).toMatchObject({ code: "ok", category: "match" });
    expect(okQ.avs).toMatchObject({ category: "unavailable" });
    expect(okQ.avs?.meaning).toMatch(/address/);

    const badRef = ref("CVV");
    const bad = await c.sale({ source: { type: "card", card: card(PAN_OK, "999") }, amount: usd(300), billing, orderId: "O", reference: badRef });
    const badQ = await settleOutcome(c, "sale", bad, badRef);
    expect(badQ.status).toBe("declined");
    expect(badQ.cvv).toMatchObject({ code: "card_verification_failed", category: "no_match" });
    expect(badQ.cvv?.meaning).toMatch(/CVV/);
  });

  it("3-D Secure cards come back pending with the ACS action, and succeed once completed (S2)", async () => {
    const c = client();
    const sRef = ref("3DS");
    const s = await c.sale({ source: { type: "card", card: card(PAN_3DS) }, amount: usd(700), billing, orderId: "O", reference: sRef });
    expect(s.status).toBe("pending");
    expect(s.extra?.threeDsAction).toMatch(/\/_sim\/acs\/cgi_/);
    await new Promise((res) => setTimeout(res, 200)); // longer than the finalize delay: still held by 3DS
    expect((await c.inquire({ operation: "sale", reference: sRef })).status).toBe("pending");
    await fetch(s.extra!.threeDsAction!, { method: "POST" });
    expect((await settleOutcome(c, "sale", s, sRef)).status).toBe("approved");
    expectClean([s], [PAN_3DS]);
  });

  it("amount .13 stays pending until the provider completes (S7); live mode on a test account is refused (S10)", async () => {
    const c = client();
    const sRef = ref("SLOW");
    const s = await c.sale({ source: { type: "card", card: card() }, amount: usd(1013), billing, orderId: "O", reference: sRef });
    await new Promise((res) => setTimeout(res, 200));
    expect((await c.inquire({ operation: "sale", reference: sRef })).status).toBe("pending");
    await fetch(`${sandbox.url}/paycore/_sim/invoices/${s.gatewayTransactionId}/complete`, { method: "POST" });
    expect((await settleOutcome(c, "sale", s, sRef)).status).toBe("approved");

    const live = paycoreDefinition.create({
      id: "live",
      kind: "paycore",
      mode: "live",
      baseUrl: paycoreDefinition.sandboxBaseUrl(sandbox.url),
      currency: "USD",
      timeoutMs: 3000,
      credentials: { ...DEMO_CREDENTIALS },
    });
    const l = await live.sale({ source: { type: "card", card: card() }, amount: usd(100), billing, orderId: "O", reference: ref("LIVE") });
    expect(l).toMatchObject({ status: "error", errorKind: "rejected", gatewayCode: "forbidden" });
  });

  it("refuses bad credentials and invalid requests (rejected, with the gateway's message)", async () => {
    const bad = client({ apiKey: "wrong_key" });
    const s = await bad.sale({ source: { type: "card", card: card() }, amount: usd(100), billing, orderId: "O", reference: ref("BAD") });
    expect(s).toMatchObject({ status: "error", errorKind: "rejected", gatewayCode: "unauthorized" });
    expect(s.message).toMatch(/API key/);
    expect((await bad.testConnection()).outcome).toBe("bad_credentials");
    expect((await client().testConnection()).outcome).toBe("connected");
    expect((await client({ baseUrl: "http://127.0.0.1:9/paycore", timeoutMs: 500 }).testConnection()).outcome).toBe("unreachable");

    const luhnBad = "5519283812030001";
    const inv = await client().sale({ source: { type: "card", card: card(luhnBad) }, amount: usd(100), billing, orderId: "O", reference: ref("LUHN") });
    expect(inv).toMatchObject({ status: "error", errorKind: "rejected", gatewayCode: "validation_error" });
    expect(inv.message).toMatch(/card_number/);
    expect(inv.gatewayTransactionId).toMatch(/^cpi_/);
    expectClean([s, inv], [luhnBad]);

    const dupRef = ref("DUP");
    await client().sale({ source: { type: "card", card: card() }, amount: usd(100), billing, orderId: "O", reference: dupRef });
    const dup = await client().sale({ source: { type: "card", card: card() }, amount: usd(100), billing, orderId: "O", reference: dupRef });
    expect(dup).toMatchObject({ errorKind: "rejected", gatewayCode: "duplicate_reference_id" });

    expect(await client().authorize({ source: { type: "card", card: card() }, amount: usd(100), billing, orderId: "O", reference: ref("A") })).toMatchObject({ errorKind: "rejected" });
  });

  it("a timeout is an unknown outcome within timeout + 300 ms; inquire then finds the payment", async () => {
    const c = client();
    const tRef = ref("TOK");
    const t = await c.tokenize({ card: card(), billing, currency: "USD", orderId: "O", reference: tRef });
    const token = (await settleOutcome(c, "tokenize", t, tRef)).token!;

    sandbox.faults.add({ gateway: "paycore", mode: "timeout", count: 1 });
    const slow = client({ timeoutMs: 400 });
    const sRef = ref("TIMEOUT");
    const started = performance.now();
    const s = await slow.sale({ source: { type: "token", token }, amount: usd(4200), billing, orderId: "O", reference: sRef });
    expect(performance.now() - started).toBeLessThan(700);
    expect(s).toMatchObject({ status: "error", errorKind: "unknown_outcome" });
    expect(s.gatewayTransactionId).toBeUndefined();

    const q = await settleOutcome(c, "sale", s, sRef);
    expect(q).toMatchObject({ found: true, status: "approved", amount: usd(4200) });
    expect(q.gatewayTransactionId).toMatch(/^cpi_/);
  });

  it("a timeout on card entry keeps the invoice id, so inquiry can follow", async () => {
    sandbox.faults.add({ gateway: "paycore", mode: "timeout", count: 1, pathIncludes: "cardgate" });
    const c = client({ timeoutMs: 400 });
    const sRef = ref("CG-TIMEOUT");
    const s = await c.sale({ source: { type: "card", card: card() }, amount: usd(900), billing, orderId: "O", reference: sRef });
    expect(s).toMatchObject({ status: "error", errorKind: "unknown_outcome" });
    expect(s.gatewayTransactionId).toMatch(/^cpi_/);
    expect((await settleOutcome(client(), "sale", s, sRef)).status).toBe("approved");
    expectClean([s]);
  });

  it("5xx and malformed replies are unknown outcomes and never throw", async () => {
    const c = client();
    const sRef = ref("SALE");
    const paid = await c.sale({ source: { type: "card", card: card() }, amount: usd(3000), billing, orderId: "O", reference: sRef });
    await settleOutcome(c, "sale", paid, sRef);

    for (const mode of ["5xx", "malformed"] as const) {
      sandbox.faults.add({ gateway: "paycore", mode, count: 1 });
      const s = await c.sale({ source: { type: "card", card: card() }, amount: usd(100), billing, orderId: "O", reference: ref(mode) });
      expect(s).toMatchObject({ status: "error", errorKind: "unknown_outcome" });

      sandbox.faults.add({ gateway: "paycore", mode, count: 1, pathIncludes: "cardgate" });
      const cg = await c.sale({ source: { type: "card", card: card() }, amount: usd(100), billing, orderId: "O", reference: ref(mode) });
      expect(cg).toMatchObject({ status: "error", errorKind: "unknown_outcome" });

      sandbox.faults.add({ gateway: "paycore", mode, count: 1 });
      const r = await c.refund({ parent: parentOf(paid, "sale", 3000), amount: usd(100), reference: ref("RF") });
      expect(r).toMatchObject({ status: "error", errorKind: "unknown_outcome" });

      sandbox.faults.add({ gateway: "paycore", mode, count: 1 });
      const q = await c.inquire({ operation: "sale", reference: sRef });
      expect(q).toMatchObject({ status: "error", errorKind: "unknown_outcome", found: false });
      expectClean([s, cg, r, q]);
    }
  });

  it("the simulator posts a signed callback that verifyCallback accepts", async () => {
    const received: { headers: Headers; body: string }[] = [];
    const server: Server = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString("utf8")));
      req.on("end", () => {
        const h = new Headers();
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") h.set(k, v);
        received.push({ headers: h, body });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/paycore`;
      const c = client({ callbackUrl: url });
      const tRef = ref("CB");
      const t = await c.tokenize({ card: card(), billing, currency: "USD", orderId: "O", reference: tRef });
      for (let i = 0; i < 40 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
      expect(received).toHaveLength(1);
      const v = c.verifyCallback!(received[0]!.headers, received[0]!.body);
      expect(v.valid).toBe(true);
      if (!v.valid) return;
      expect(v.event).toMatchObject({ gatewayTransactionId: t.gatewayTransactionId, reference: tRef, status: "approved" });
      expect(v.event.result.token).toMatch(/:[A-Za-z0-9]{32}$/);
      expect(c.verifyCallback!(received[0]!.headers, received[0]!.body.replace("verified", "verify_failed")).valid).toBe(false);
      expectClean([v.event.result]);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
