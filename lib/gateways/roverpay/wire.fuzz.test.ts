// Fuzzing Rover Pay's reply handling. Replies are unsigned JSON whose only acceptance flag is
// `verified: "1"`: anything malformed, truncated, wrong-typed or undecodable is an unknown outcome.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoPan, expectUnknownOutcome, hostileString, HTTP_STATUSES, luhnPan, RUNS, startReplyServer, type ReplyServer } from "../../testing/fuzz";
import type { HttpResponse } from "../http";
import type { SaleInput } from "../types";
import { decodeCcvRec, describeCcvRec } from "./ccvrec";
import { roverpayDefinition } from "./index";
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
  roverpayDefinition.create({ id: "fuzz", kind: "roverpay", mode: "test", baseUrl: server.url, currency: "USD", timeoutMs: 3000, credentials: { atoken: "tok", entity: "DEMO", store: "1", reg: "110" } });

const sale: SaleInput = {
  source: { type: "card", card: { number: PAN, expMonth: 12, expYear: 2030, cvv: "123", holderName: "Pat Doe" } },
  amount: { amount: 300, currency: "USD" },
  billing: { firstName: "Pat", lastName: "Doe", address1: "1 Main St", city: "Springfield", postalCode: "62701", country: "US" },
  orderId: "o-1",
  reference: "ref-1",
};

/** A ccvRec: attributes (1-based) joined by the attribute mark, base64 of Latin-1. */
function ccvRec(attrs: Record<number, string>): string {
  const max = Math.max(0, ...Object.keys(attrs).map(Number));
  const list = Array.from({ length: max }, (_, i) => attrs[i + 1] ?? "");
  return Buffer.from(list.join("\u00fe"), "latin1").toString("base64");
}

const approvalReply = (over: Record<string, unknown> = {}) => ({
  verified: "1",
  resultId: "1*20260101*110*abc12345*1",
  auth: "123456",
  token: "4000000000001111",
  expiry: "1230",
  ccvRec: ccvRec({ 1: "XXXXXXXXXXXX1111", 4: "123456", 13: "[D00] APPROVED", 19: "1*20260101*110*abc12345*1" }),
  ...over,
});

async function saleAgainst(status: number, body: string | Uint8Array) {
  server.answer({ status, headers: { "content-type": "application/json" }, body });
  return client().sale(sale);
}

const res = (status: number, text: string): HttpResponse => ({ status, headers: new Headers(), text, durationMs: 1 });

describe("Rover Pay parsers never throw", () => {
  it("parseReply and decodeCcvRec on random input", () => {
    fc.assert(
      fc.property(fc.constantFrom(...HTTP_STATUSES), fc.oneof(hostileString(300), fc.json({ maxDepth: 2 }), fc.base64String()), (status, text) => {
        const parsed = parseReply(res(status, text));
        if (parsed.ok) expect(["0", "1"]).toContain(parsed.reply.verified);
        else expect(parsed.reason).not.toBe("");
        const rec = decodeCcvRec(text);
        if (rec) expect(typeof describeCcvRec(rec)).toBe("object");
      }),
      { numRuns: RUNS.schema },
    );
  }, 20_000);
});

describe("Rover Pay client: malformed replies are unknown outcomes, never approvals", () => {
  it("approves a well-formed verified reply (control)", async () => {
    const r = await saleAgainst(200, JSON.stringify(approvalReply()));
    expect(r.status).toBe("approved");
    expect(r.gatewayTransactionId).toBe("1*20260101*110*abc12345*1");
  });

  it("treats every truncation of an approval as an unknown outcome", async () => {
    const full = JSON.stringify(approvalReply());
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: full.length - 1 }), async (cut) => {
        expectUnknownOutcome(await saleAgainst(200, full.slice(0, cut)));
      }),
      { numRuns: RUNS.http },
    );
    server.answer({ status: 200, body: full, cutAt: 40 });
    expectUnknownOutcome(await client().sale(sale));
  });

  it("treats wrong-typed acceptance fields, a corrupt ccvRec and random bytes as unknown outcomes", async () => {
    const broken = fc.oneof(
      fc.constantFrom(1, true, "yes", "01", " 1", null, ["1"]).map((verified) => JSON.stringify(approvalReply({ verified }))),
      fc.constantFrom(12345, ["a"], { id: 1 }, true).map((resultId) => JSON.stringify(approvalReply({ resultId }))),
      fc.constantFrom("@@@@", "abc", "a===", "YQ", "\u0000").map((rec) => JSON.stringify(approvalReply({ ccvRec: rec }))),
      fc.constant(JSON.stringify(approvalReply({ resultId: "", ccvRec: "" }))),
      fc.constant(JSON.stringify({ ...approvalReply(), verified: undefined })),
      fc.uint8Array({ maxLength: 300 }),
      hostileString(200),
    );
    await fc.assert(
      fc.asyncProperty(broken, fc.constantFrom(200, 201), async (body, status) => {
        const r = await saleAgainst(status, body);
        expectUnknownOutcome(r);
        expectNoPan(r);
      }),
      { numRuns: RUNS.http },
    );
  });

  it("approves only a 2xx reply that is verified, whatever the status and body", async () => {
    const body = fc.oneof(
      fc.constant(JSON.stringify(approvalReply())),
      fc.constant(JSON.stringify({ verified: "0", errorCode: "DEC01", errorMessage: "Declined" })),
      hostileString(200),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...HTTP_STATUSES), body, async (status, b) => {
        const r = await saleAgainst(status, b);
        if (r.status === "approved") expect(status, `approved a reply with HTTP ${status}`).toBeLessThan(300);
        if (status >= 500) expectUnknownOutcome(r);
        expectNoPan(r);
      }),
      { numRuns: RUNS.http },
    );
  });

  it("keeps card numbers the gateway echoes out of the result and its stored raw reply", async () => {
    await fc.assert(
      fc.asyncProperty(luhnPan([16]), async (pan) => {
        const body = approvalReply({ errorMessage: `card ${pan}`, ccvRec: ccvRec({ 1: pan, 13: `[D00] APPROVED ${pan}`, 19: "1*2*3*4*5" }) });
        const r = await saleAgainst(200, JSON.stringify(body));
        expect(r.status).toBe("approved");
        expectNoPan(r);
      }),
      { numRuns: 30 },
    );
  });
});
