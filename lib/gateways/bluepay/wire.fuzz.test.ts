// Fuzzing BluePay's reply handling: the parsers never throw, and the client approves only a reply
// whose BP_STAMP verifies and covers the result. Runs the real client against a local HTTP server
// that answers each fuzzed reply.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectNoPan,
  expectUnknownOutcome,
  hostileString,
  HTTP_STATUSES,
  luhnPan,
  RUNS,
  startReplyServer,
  type ReplyServer,
} from "../../testing/fuzz";
import type { HttpResponse } from "../http";
import type { GatewayResult, SaleInput } from "../types";
import { bluepayDefinition } from "./index";
import { sealMessage, tpsDigest } from "./seal";
import { REQUESTED_STAMP_DEF } from "./spec-guesses";
import { dollarsToMinor, parseBp10Reply, parseDailyReport, parseStqReply } from "./wire";

const SECRET = "FUZZSECRETKEY0000000000000000001";
const PAN = "4111111111111111";
const CREDS = { accountId: "100200300400", secretKey: SECRET };
const STAMPED = REQUESTED_STAMP_DEF.split(" ");

let server: ReplyServer;
beforeAll(async () => {
  server = await startReplyServer();
});
afterAll(async () => {
  await server.close();
});

const client = () =>
  bluepayDefinition.create({ id: "fuzz", kind: "bluepay", mode: "test", baseUrl: server.url, currency: "USD", timeoutMs: 3000, credentials: { ...CREDS } });

const billing = { firstName: "Pat", lastName: "Doe", address1: "1 Main St", city: "Springfield", postalCode: "62701", country: "US" };
const cardSale: SaleInput = {
  source: { type: "card", card: { number: PAN, expMonth: 12, expYear: 2030, cvv: "123", holderName: "Pat Doe" } },
  amount: { amount: 300, currency: "USD" },
  billing,
  orderId: "o-1",
  reference: "ref-1",
};
const tokenSale: SaleInput = { ...cardSale, source: { type: "token", token: "100000000042" } };

type Fields = Record<string, string>;

function approval(over: Fields = {}): Fields {
  return {
    Result: "APPROVED",
    RRNO: "100000000001",
    MESSAGE: "Approved Sale",
    AUTH_CODE: "ABCDEF",
    AVS: "Y",
    CVV2: "M",
    AMOUNT: "3.00",
    TRANS_TYPE: "SALE",
    PAYMENT_ACCOUNT: "xxxxxxxxxxxx1111",
    CARD_TYPE: "VISA",
    CARD_EXPIRE: "1230",
    ISSUE_DATE: "2026-01-01 10:00:00",
    BP_STAMP_DEF: REQUESTED_STAMP_DEF,
    TPS_HASH_TYPE: "HMAC_SHA512",
    ...over,
  };
}

/** Stamps `fields` as the gateway would, with `secret`, over `def`. */
function stamp(fields: Fields, secret = SECRET, def = fields.BP_STAMP_DEF ?? ""): Fields {
  const names = def.split(" ").filter(Boolean);
  return { ...fields, BP_STAMP: tpsDigest(secret, sealMessage(fields, names), "HMAC_SHA512").toUpperCase() };
}

/** The 302 reply carrying `fields`, with BP_STAMP last so any truncation damages it. */
function redirect(fields: Fields): string {
  const { BP_STAMP, ...rest } = fields;
  const q = new URLSearchParams(rest);
  if (BP_STAMP !== undefined) q.append("BP_STAMP", BP_STAMP);
  return `https://secure.bluepay.example/return?${q.toString()}`;
}

async function saleAgainst(location: string | undefined, input: SaleInput = cardSale, status = 302): Promise<GatewayResult> {
  server.answer({ status, headers: location === undefined ? {} : { location }, body: "" });
  return client().sale(input);
}

const fieldValue = fc.oneof(hostileString(40), fc.string({ maxLength: 10 }), fc.constant(""));

describe("BluePay parsers never throw", () => {
  const response = fc.record({
    status: fc.integer({ min: 100, max: 599 }),
    location: fc.option(fc.oneof(hostileString(200), fc.webUrl({ withQueryParameters: true })), { nil: undefined }),
    text: fc.oneof(hostileString(300), fc.string({ unit: "binary", maxLength: 300 })),
  });
  const asResponse = (r: { status: number; location?: string; text: string }): HttpResponse => {
    const headers = new Headers();
    try {
      if (r.location !== undefined) headers.set("location", r.location);
    } catch {
      // not a valid header value: a reply without Location
    }
    return { status: r.status, headers, text: r.text, durationMs: 1 };
  };

  it("parseBp10Reply, parseStqReply, parseDailyReport and dollarsToMinor on random replies", () => {
    fc.assert(
      fc.property(response, (r) => {
        const res = asResponse(r);
        const bp10 = parseBp10Reply(res);
        if (bp10.ok) expect(["APPROVED", "DECLINED", "ERROR", "MISSING"]).toContain(bp10.value.Result);
        else expect(bp10.reason).not.toBe("");
        const stq = parseStqReply(res);
        if (stq.ok && stq.value.kind === "record") expect(stq.value.record.id).toMatch(/^\d{12}$/);
        const rows = parseDailyReport(res);
        if (rows) expect(Array.isArray(rows)).toBe(true);
        const minor = dollarsToMinor(r.text);
        if (minor !== undefined) expect(Number.isInteger(minor) && minor >= 0).toBe(true);
      }),
      { numRuns: RUNS.pure },
    );
  });
});

describe("BluePay client: only a correctly stamped approval is an approval", () => {
  it("approves a genuine stamped approval, whatever its free-text fields say (control)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.record({ MESSAGE: fieldValue, AUTH_CODE: fieldValue, AVS: fieldValue, CVV2: fieldValue }), async (free) => {
        fc.pre(free.MESSAGE !== "DUPLICATE");
        const r = await saleAgainst(redirect(stamp(approval(free))));
        expect(r.status).toBe("approved");
        expect(r.gatewayTransactionId).toBe("100000000001");
        expectNoPan(r);
      }),
      { numRuns: RUNS.http },
    );
  });

  it("treats a stamped reply with any stamped field altered as an unknown outcome", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...STAMPED), fieldValue, fc.constantFrom("APPROVED", "DECLINED"), async (name, value, result) => {
        const genuine = stamp(approval({ Result: result }));
        fc.pre(genuine[name] !== value);
        const r = await saleAgainst(redirect({ ...genuine, [name]: value }));
        expectUnknownOutcome(r);
        expectNoPan(r);
      }),
      { numRuns: RUNS.http },
    );
  });

  it("treats a missing, random, wrong-key or wrong-length stamp as an unknown outcome", async () => {
    const badStamp = fc.oneof(
      fc.constant(undefined),
      fc.constant(""),
      fc.stringMatching(/^[0-9A-F]{128}$/),
      fc.stringMatching(/^[0-9A-F]{0,127}$/),
      fc.constant(stamp(approval(), "WRONGSECRETKEY000000000000000001").BP_STAMP),
      fc.constant(stamp(approval()).BP_STAMP!.slice(0, -1)),
      fc.constant(`${stamp(approval()).BP_STAMP!}0`),
      hostileString(40),
    );
    await fc.assert(
      fc.asyncProperty(badStamp, async (bp) => {
        const fields = approval();
        const r = await saleAgainst(redirect(bp === undefined ? fields : { ...fields, BP_STAMP: bp }));
        expectUnknownOutcome(r);
      }),
      { numRuns: RUNS.http },
    );
  });

  it("refuses a genuine stamp whose BP_STAMP_DEF leaves the result or transaction id uncovered", async () => {
    await fc.assert(
      fc.asyncProperty(fc.subarray(STAMPED), async (names) => {
        fc.pre(!names.includes("Result") || !names.includes("RRNO"));
        const def = names.join(" ");
        const r = await saleAgainst(redirect(stamp(approval({ BP_STAMP_DEF: def }), SECRET, def)));
        expectUnknownOutcome(r);
      }),
      { numRuns: 30 },
    );
  });

  it("treats every truncation of a genuine approval redirect as an unknown outcome", async () => {
    const full = redirect(stamp(approval()));
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: full.length - 1 }), async (cut) => {
        const r = await saleAgainst(full.slice(0, cut));
        expectUnknownOutcome(r);
      }),
      { numRuns: RUNS.http },
    );
  });

  it("treats a body cut off mid-transfer as an unknown outcome", async () => {
    server.answer({ status: 302, headers: { location: redirect(stamp(approval())) }, body: "x".repeat(2000), cutAt: 100 });
    expectUnknownOutcome(await client().sale(cardSale));
  });

  it("treats random statuses, Location headers and bodies as unknown outcomes", async () => {
    const reply = fc.record({
      status: fc.constantFrom(...HTTP_STATUSES),
      location: fc.option(
        fc.oneof(
          hostileString(200),
          fc.dictionary(fc.oneof(fc.constantFrom("Result", "RRNO", "BP_STAMP", "__proto__", "constructor"), fc.string()), fieldValue).map((d) => `https://x/?${new URLSearchParams(d)}`),
          fc.constant(redirect(approval())),
        ),
        { nil: undefined },
      ),
      body: fc.oneof(fc.uint8Array({ maxLength: 500 }), hostileString(200)),
    });
    await fc.assert(
      fc.asyncProperty(reply, async ({ status, location, body }) => {
        server.answer({ status, headers: location === undefined ? {} : { location }, body });
        const r = await client().sale(cardSale);
        expectUnknownOutcome(r);
        expectNoPan(r);
      }),
      { numRuns: RUNS.http },
    );
  });

  it("keeps card numbers the gateway echoes out of the result and its stored raw reply", async () => {
    await fc.assert(
      fc.asyncProperty(luhnPan([15, 16]), fc.constantFrom("MESSAGE", "PAYMENT_ACCOUNT"), async (pan, field) => {
        const r = await saleAgainst(redirect(stamp(approval({ [field]: field === "MESSAGE" ? `Approved ${pan}` : pan }))), tokenSale);
        expect(r.status).toBe("approved");
        expectNoPan(r);
      }),
      { numRuns: 30 },
    );
  });
});
