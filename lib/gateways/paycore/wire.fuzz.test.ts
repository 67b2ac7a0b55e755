// Fuzzing PayCore's reply handling and callback verification. API replies are unsigned JSON:API:
// anything malformed, truncated or wrong-typed is an unknown outcome. Callbacks count only when
// their X-Signature verifies over the exact raw body; the webhook handler applies nothing else.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db";
import { handleGatewayCallback } from "../../services/webhooks";
import { expectCleanPrototype, expectNoPan, expectUnknownOutcome, hostileString, HTTP_STATUSES, RUNS, startReplyServer, withPrototypeKeys, type ReplyServer } from "../../testing/fuzz";
import type { GatewayAccountConfig, GatewayClient, SaleInput } from "../types";
import { paycoreDefinition } from "./index";
import { callbackSignature } from "./signature";
import { invoiceDocSchema, parseReply } from "./wire";

const SECRET = "sk_test_fuzz_secret";
const CREDS = { commerceAccountId: "coma_fuzz1", apiKey: "key_fuzz", callbackSecret: SECRET };

let server: ReplyServer;
beforeAll(async () => {
  server = await startReplyServer();
});
afterAll(async () => {
  await server.close();
});

const config = (over: Partial<GatewayAccountConfig> = {}): GatewayAccountConfig => ({
  id: "acct-fuzz",
  kind: "paycore",
  mode: "test",
  baseUrl: server?.url ?? "http://127.0.0.1:9",
  currency: "USD",
  timeoutMs: 3000,
  credentials: { ...CREDS },
  ...over,
});
const client = () => paycoreDefinition.create(config());

const billing = { firstName: "Pat", lastName: "Doe", address1: "1 Main St", city: "Springfield", postalCode: "62701", country: "US" };
const tokenSale: SaleInput = { source: { type: "token", token: "kc_ref-0:TOKEN123" }, amount: { amount: 300, currency: "USD" }, billing, orderId: "o-1", reference: "ref-1" };
const cardSale: SaleInput = {
  ...tokenSale,
  source: { type: "card", card: { number: "4111111111111111", expMonth: 12, expYear: 2030, cvv: "123", holderName: "Pat Doe" } },
};

const invoice = (attrs: Record<string, unknown> = {}, over: Record<string, unknown> = {}) => ({
  data: {
    type: "payment-invoices",
    id: "cpi_fuzz0001",
    attributes: {
      status: "processed",
      resolution: "ok",
      amount: 3,
      currency: "USD",
      reference_id: "ref-1",
      approval_code: "A1B2C3",
      metadata: { keyed_operation: "token_sale", keyed_customer: "kc_ref-0" },
      flow_data: { action: "https://cardgate.example", method: "POST", metadata: { sid: "sid_1", token: "bearer_1" } },
      ...attrs,
    },
    ...over,
  },
});

async function tokenSaleAgainst(status: number, body: string | Uint8Array) {
  server.answer({ status, headers: { "content-type": "application/vnd.api+json" }, body });
  return client().sale(tokenSale);
}

const BROKEN: Record<string, unknown[]> = {
  status: [1, null, true, ["processed"]],
  amount: ["3.00", null, {}, true],
  currency: [840, null],
  resolution: [1, {}],
  approval_code: [123456],
  payload: ["tok", 5],
  metadata: ["x", 1],
};

describe("PayCore parseReply never throws", () => {
  it("returns ok only for documents matching the schema", () => {
    fc.assert(
      fc.property(fc.oneof(hostileString(300), fc.json({ maxDepth: 3 }), fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify({ data: v }))), (text) => {
        const parsed = parseReply(invoiceDocSchema, text);
        if (parsed.ok) expect(parsed.value.data.type).toBe("payment-invoices");
      }),
      { numRuns: RUNS.schema },
    );
  }, 20_000);
});

describe("PayCore client: malformed replies are unknown outcomes, never approvals", () => {
  it("approves a well-formed processed invoice for a token sale (control)", async () => {
    const r = await tokenSaleAgainst(201, JSON.stringify(invoice()));
    expect(r.status).toBe("approved");
    expect(r.gatewayTransactionId).toBe("cpi_fuzz0001");
  });

  it("treats every truncation of an approval as an unknown outcome", async () => {
    const full = JSON.stringify(invoice());
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: full.length - 1 }), async (cut) => {
        expectUnknownOutcome(await tokenSaleAgainst(201, full.slice(0, cut)));
      }),
      { numRuns: RUNS.http },
    );
    server.answer({ status: 201, body: full, cutAt: 30 });
    expectUnknownOutcome(await client().sale(tokenSale));
  });

  it("treats wrong-typed fields, wrong document types and random bytes as unknown outcomes", async () => {
    const body = fc.oneof(
      fc.constantFrom(...Object.keys(BROKEN)).chain((field) => fc.constantFrom(...BROKEN[field]!).map((v) => JSON.stringify(invoice({ [field]: v })))),
      fc.constantFrom({ type: "refunds" }, { id: "" }, { id: 5 }, { attributes: null }).map((o) => JSON.stringify(invoice({}, o))),
      fc.constant(JSON.stringify({ data: [invoice().data] })),
      fc.constant(JSON.stringify(withPrototypeKeys({ data: "x" }))),
      fc.uint8Array({ maxLength: 300 }),
      hostileString(200),
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const r = await tokenSaleAgainst(201, b);
        expectUnknownOutcome(r);
        expectNoPan(r);
        expectCleanPrototype();
      }),
      { numRuns: RUNS.http },
    );
  });

  it("approves a token sale only from a 201 carrying a paid invoice, whatever the status and body", async () => {
    const body = fc.oneof(
      fc.constantFrom("processed", "process_failed", "processing", "refunded", "weird").map((status) => JSON.stringify(invoice({ status }))),
      fc.constant(JSON.stringify({ errors: [{ status: "422", code: "invalid", title: "Invalid", detail: "4111111111111111 is invalid" }] })),
      hostileString(200),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...HTTP_STATUSES), body, async (status, b) => {
        const r = await tokenSaleAgainst(status, b);
        const parsed = parseReply(invoiceDocSchema, b);
        const genuine = status === 201 && parsed.ok && ["processed", "refunded"].includes(parsed.value.data.attributes.status);
        expect(r.status === "approved").toBe(genuine);
        if (status >= 500) expectUnknownOutcome(r);
        expectNoPan(r);
      }),
      { numRuns: RUNS.http },
    );
  });

  it("never approves a keyed-card sale from the synchronous replies, whatever Card Gate answers", async () => {
    const cardgate = fc.oneof(
      fc.constantFrom("processed", "process_failed", "success", "").map((status) => JSON.stringify({ data: { id: "cg_1", attributes: { status, resolution: "ok" } } })),
      fc.uint8Array({ maxLength: 200 }),
      hostileString(100),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...HTTP_STATUSES), cardgate, async (status, cg) => {
        server.answer((req) =>
          req.url?.includes("/payment/sale") ? { status, body: cg } : { status: 201, body: JSON.stringify(invoice({ status: "created" })) },
        );
        const r = await client().sale(cardSale);
        expect(r.status).not.toBe("approved");
        expectNoPan(r);
      }),
      { numRuns: RUNS.http },
    );
  });
});

describe("PayCore callbacks: valid only when correctly signed", () => {
  const signedDoc = JSON.stringify(invoice());
  const headers = (sig?: string) => new Headers(sig === undefined ? {} : { "X-Signature": sig });

  it("accepts a correctly signed payment-invoice callback (control)", () => {
    const v = client().verifyCallback!(headers(callbackSignature(SECRET, signedDoc)), signedDoc);
    expect(v.valid).toBe(true);
  });

  it("rejects random bodies with random or missing signatures", () => {
    fc.assert(
      fc.property(fc.oneof(hostileString(300), fc.constant(signedDoc)), fc.option(fc.oneof(fc.base64String({ maxLength: 40 }), hostileString(40)), { nil: undefined }), (body, sig) => {
        fc.pre(sig === undefined || sig.trim() !== callbackSignature(SECRET, body));
        let v: ReturnType<NonNullable<GatewayClient["verifyCallback"]>>;
        try {
          v = client().verifyCallback!(headers(sig), body);
        } catch {
          return; // a header the Headers class itself refuses never reaches the handler
        }
        expect(v.valid).toBe(false);
      }),
      { numRuns: RUNS.pure },
    );
  });

  it("rejects a signed callback whose body was altered, or that was signed with another secret", () => {
    fc.assert(
      fc.property(fc.nat(), fc.string({ minLength: 1, maxLength: 3 }), fc.string({ minLength: 1, maxLength: 20 }), (at, insert, otherSecret) => {
        const i = at % signedDoc.length;
        const altered = signedDoc.slice(0, i) + insert + signedDoc.slice(i);
        expect(client().verifyCallback!(headers(callbackSignature(SECRET, signedDoc)), altered).valid).toBe(false);
        fc.pre(otherSecret !== SECRET);
        expect(client().verifyCallback!(headers(callbackSignature(otherSecret, signedDoc)), signedDoc).valid).toBe(false);
      }),
      { numRuns: RUNS.pure },
    );
  });

  it("a correctly signed body that is not an invoice document is still refused", () => {
    fc.assert(
      fc.property(fc.oneof(hostileString(200), fc.json({ maxDepth: 2 })), (body) => {
        fc.pre(!parseReply(invoiceDocSchema, body).ok);
        expect(client().verifyCallback!(headers(callbackSignature(SECRET, body)), body).valid).toBe(false);
      }),
      { numRuns: RUNS.pure },
    );
  });

  it("handleGatewayCallback applies nothing from an unsigned callback and audits the refusal", async () => {
    const calls: string[] = [];
    const db = {
      // Every rejection is the first of its window here: the counting itself is tested on a database (e2e/foundation/webhooks.spec.ts).
      $queryRaw: async () => [{ count: 1 }],
      gatewayAccount: { findMany: async () => [{ id: "acct-fuzz" }] },
      transaction: {
        findFirst: async () => {
          calls.push("transaction.findFirst");
          return null;
        },
      },
      auditEvent: {
        create: async (arg: { data: { action: string } }) => {
          calls.push(arg.data.action);
          return {};
        },
      },
    } as unknown as Db;
    const clientFor = (() => paycoreDefinition.create(config())) as unknown as Parameters<typeof handleGatewayCallback>[5];
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileString(200), fc.constant(signedDoc)), fc.option(fc.base64String({ maxLength: 40 }), { nil: undefined }), async (body, sig) => {
        fc.pre(sig !== callbackSignature(SECRET, body));
        calls.length = 0;
        const out = await handleGatewayCallback(db, "paycore", headers(sig), body, "127.0.0.1", clientFor);
        expect(out.status).toBe(401);
        expect(calls).toEqual(["webhook.rejected"]);
      }),
      { numRuns: RUNS.http },
    );
    calls.length = 0;
    const ok = await handleGatewayCallback(db, "paycore", headers(callbackSignature(SECRET, signedDoc)), signedDoc, null, clientFor);
    expect(ok).toEqual({ status: 200, outcome: "unknown_transaction" });
    expect(calls).toEqual(["transaction.findFirst", "webhook.received"]);
  });
});
