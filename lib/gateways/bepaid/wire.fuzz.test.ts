// Fuzzing bePaid's reply handling. bePaid replies are not signed (HTTPS + Basic auth), so the rule
// is: only a well-formed successful transaction of the requested type in a 200/201 is an approval;
// anything malformed, truncated or of the wrong shape is an unknown outcome.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoPan, expectUnknownOutcome, hostileString, HTTP_STATUSES, luhnPan, RUNS, startReplyServer, type ReplyServer } from "../../testing/fuzz";
import type { SaleInput } from "../types";
import { bepaidDefinition } from "./index";
import { parseReply } from "./wire";

const PAN = "4111111111111111";

let server: ReplyServer;
beforeAll(async () => {
  server = await startReplyServer();
});
afterAll(async () => {
  await server.close();
});

const client = () =>
  bepaidDefinition.create({ id: "fuzz", kind: "bepaid", mode: "test", baseUrl: server.url, currency: "USD", timeoutMs: 3000, credentials: { shopId: "361", secretKey: "b8647b68898b084b836474ed8d61ffe117c9a01168d867f24953b776ddcb134d" } });

const sale: SaleInput = {
  source: { type: "card", card: { number: PAN, expMonth: 12, expYear: 2030, cvv: "123", holderName: "Pat Doe" } },
  amount: { amount: 300, currency: "USD" },
  billing: { firstName: "Pat", lastName: "Doe", address1: "1 Main St", city: "Springfield", postalCode: "62701", country: "US" },
  orderId: "o-1",
  reference: "ref-1",
};

const approvedTx = (over: Record<string, unknown> = {}) => ({
  uid: "3596682-d0c9c1f588",
  status: "successful",
  type: "payment",
  message: "Successfully processed",
  amount: 300,
  currency: "USD",
  tracking_id: "ref-1",
  test: true,
  credit_card: { holder: "Pat Doe", brand: "visa", last_4: "1111", first_1: "4", bin: "411111", exp_month: 12, exp_year: 2030, token: "tok_1" },
  payment: { status: "successful", message: "Payment was approved", auth_code: "654321", rrn: "999", ref_id: "777888" },
  ...over,
});
const approval = (over: Record<string, unknown> = {}) => JSON.stringify({ transaction: approvedTx(over) });

async function saleAgainst(status: number, body: string | Uint8Array) {
  server.answer({ status, headers: { "content-type": "application/json" }, body });
  return client().sale(sale);
}

/** Values that make one transaction field invalid (wrong type, or a status/type we must not trust). */
const BROKEN: Record<string, unknown[]> = {
  uid: [123, "", null, [], {}],
  status: [1, null, true, "SUCCESSFUL", "approved", "success", ""],
  type: [null, 5, "", "authorization", "refund", "Payment"],
  amount: ["300", 3.5, {}, true, [300]],
  test: ["true", 1],
  credit_card: ["4111", 5, [PAN]],
  payment: ["ok", 1, []],
};

describe("bePaid parseReply never throws", () => {
  it("classifies any body as transaction, list, error or malformed", () => {
    fc.assert(
      fc.property(fc.oneof(hostileString(300), fc.json({ maxDepth: 3 }), fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify({ transaction: v }))), (text) => {
        const reply = parseReply({ text });
        expect(["transaction", "list", "error", "malformed"]).toContain(reply.kind);
        if (reply.kind === "transaction") expect(reply.tx.uid.length).toBeGreaterThan(0);
        if (reply.kind === "error") expect(reply.message.trim()).not.toBe("");
      }),
      { numRuns: RUNS.schema },
    );
  }, 20_000);
});

describe("bePaid client: malformed replies are unknown outcomes, never approvals", () => {
  it("approves a well-formed successful payment (control)", async () => {
    const r = await saleAgainst(200, approval());
    expect(r.status).toBe("approved");
    expect(r.gatewayTransactionId).toBe("3596682-d0c9c1f588");
  });

  it("treats every truncation of an approval as an unknown outcome", async () => {
    const full = approval();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: full.length - 1 }), fc.constantFrom(200, 201), async (cut, status) => {
        expectUnknownOutcome(await saleAgainst(status, full.slice(0, cut)));
      }),
      { numRuns: RUNS.http },
    );
    server.answer({ status: 200, body: full, cutAt: Math.floor(full.length / 2) });
    expectUnknownOutcome(await client().sale(sale));
  });

  it("treats random bytes and non-transaction JSON in a 2xx as an unknown outcome", async () => {
    const body = fc.oneof(
      fc.uint8Array({ maxLength: 400 }),
      hostileString(300),
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify({ transaction: v })),
      fc.constant(JSON.stringify({ transactions: [approvedTx()] })),
    );
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom(200, 201), async (b, status) => {
        const parsed = parseReply({ text: Buffer.from(b).toString("utf8") });
        fc.pre(parsed.kind !== "transaction");
        const r = await saleAgainst(status, b);
        expectUnknownOutcome(r);
        expectNoPan(r);
      }),
      { numRuns: RUNS.http },
    );
  });

  it("treats an approval with a wrong-typed or untrusted field as an unknown outcome, whatever else the body says", async () => {
    const extras = fc.dictionary(fc.constantFrom("message", "errors", "response", "__proto__", "constructor", "status"), fc.oneof(hostileString(40), fc.jsonValue({ maxDepth: 2 })), { maxKeys: 2 });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...Object.keys(BROKEN)), fc.nat(), extras, fc.constantFrom(200, 201), async (field, pick, extra, status) => {
        const values = BROKEN[field]!;
        const body = JSON.stringify({ transaction: approvedTx({ [field]: values[pick % values.length] }), ...extra });
        const r = await saleAgainst(status, body);
        expect(r.status).not.toBe("approved");
        expectUnknownOutcome(r);
      }),
      { numRuns: RUNS.http },
    );
  });

  it("approves only a well-formed successful payment in a 200/201, whatever the status and body", async () => {
    const body = fc.oneof(
      fc.record({ status: fc.constantFrom("successful", "failed", "incomplete", "expired"), type: fc.constantFrom("payment", "refund") }).map((o) => approval(o)),
      fc.constant(JSON.stringify({ response: { message: "Access denied", errors: { base: ["denied"] } } })),
      hostileString(200),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...HTTP_STATUSES), body, async (status, b) => {
        const r = await saleAgainst(status, b);
        const parsed = parseReply({ text: b });
        const genuine = (status === 200 || status === 201) && parsed.kind === "transaction" && parsed.tx.status === "successful" && parsed.tx.type === "payment";
        expect(r.status === "approved").toBe(genuine);
        if (status >= 500) expectUnknownOutcome(r);
        expectNoPan(r);
      }),
      { numRuns: RUNS.http },
    );
  });

  it("keeps card numbers the gateway echoes out of the result and its stored raw reply", async () => {
    await fc.assert(
      fc.asyncProperty(luhnPan([16]), async (pan) => {
        const body = approval({ message: `Approved for ${pan}`, credit_card: { last_4: pan.slice(-4), bin: pan.slice(0, 6), number: pan, token: "t" } });
        const r = await saleAgainst(200, body);
        expect(r.status).toBe("approved");
        expectNoPan(r);
      }),
      { numRuns: 30 },
    );
  });
});
