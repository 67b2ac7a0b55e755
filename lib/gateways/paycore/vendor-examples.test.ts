// The vendor's own example invoice documents (fixtures/vendor-examples.json; PayCore has no
// third-party recordings) as callbacks signed the documented way and as inquiry replies, and the
// same documents bent: never a wrong approval.
import { createHash } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { replayGateway, type ReplayGateway } from "../../testing/replay-gateway";
import type { GatewayAccountConfig, GatewayClient } from "../types";
import examples from "./fixtures/vendor-examples.json";
import { paycoreDefinition } from "./index";

const SECRET = "test-callback-secret";
/** The documented algorithm, written out here rather than taken from the client: base64(sha1(secret . body . secret, raw)). */
const documentedSignature = (body: string) => createHash("sha1").update(SECRET + body + SECRET, "utf8").digest("base64");

type Doc = { data: { id: string; attributes: Record<string, unknown> } };
const doc = (name: keyof typeof examples.documents) => structuredClone(examples.documents[name].body) as Doc;

function client(over: Partial<GatewayAccountConfig> = {}): GatewayClient {
  return paycoreDefinition.create({
    id: "acct-vendor",
    kind: "paycore",
    mode: "test",
    baseUrl: "http://127.0.0.1:9",
    currency: "USD",
    timeoutMs: 3000,
    credentials: { commerceAccountId: "coma_test", apiKey: "key", callbackSecret: SECRET },
    ...over,
  });
}

function callback(body: unknown, signature?: string) {
  const raw = typeof body === "string" ? body : JSON.stringify(body, null, 3);
  return client().verifyCallback!(new Headers({ "x-signature": signature ?? documentedSignature(raw) }), raw);
}

let gateway: ReplayGateway | undefined;
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

describe("PayCore vendor examples → normalized results", () => {
  it("the documented callback (process_pending), signed as documented: accepted, pending, ids and amount read", () => {
    const v = callback(doc("callback_process_pending"));
    expect(v.valid).toBe(true);
    if (!v.valid) return;
    expect(v.event).toMatchObject({ gatewayTransactionId: "cpi_UoIW6RdSYyIRj8vR", reference: "e2041fe2-44da-44da-0090-4ffe9d2f25d0", status: "pending" });
    expect(v.event.result).toMatchObject({ status: "pending", amount: { amount: 400, currency: "UAH" }, gatewayCode: "process_pending/ok" });
    expect(v.event.result.errorKind).toBeUndefined();
  });

  it("a processed card invoice (white-label example): approved, masked card, expiry, amount; no auth code (approval_code null)", () => {
    const v = callback(doc("invoice_processed_card"));
    expect(v.valid).toBe(true);
    if (!v.valid) return;
    expect(v.event.result).toMatchObject({
      status: "approved",
      gatewayTransactionId: "cpi_yv1RgJ2l8ty2AxIs",
      amount: { amount: 2200, currency: "USD" },
      card: { brand: "mastercard", last4: "0000", masked: "512381******0000", expMonth: 11, expYear: 2033 },
      avs: { category: "unavailable" },
      extra: { invoiceId: "cpi_yv1RgJ2l8ty2AxIs", cardgateSessionId: "cgi_Q0fYDFaHlqb5MCdl" },
    });
    expect(v.event.result.authCode).toBeUndefined();
  });

  it("the same invoice as an inquiry reply: found, approved, final, nothing refunded", async () => {
    gateway = await replayGateway([{ status: 200, body: JSON.stringify(doc("invoice_processed_card")) }]);
    const r = await client({ baseUrl: gateway.url }).inquire({ operation: "sale", gatewayTransactionId: "cpi_yv1RgJ2l8ty2AxIs", reference: "x" });
    expect(r).toMatchObject({ found: true, status: "approved", settled: true, refundedAmount: 0, gatewayTransactionId: "cpi_yv1RgJ2l8ty2AxIs" });
    expect(gateway.sent[0]).toMatchObject({ method: "GET", path: "/api/payment-invoices/cpi_yv1RgJ2l8ty2AxIs" });
  });
});

describe("PayCore vendor examples, bent: never a wrong approval", () => {
  it("a status in other letter case or padded is pending, not approved", () => {
    for (const status of ["Processed", "PROCESSED", " processed", "processed "]) {
      const d = doc("invoice_processed_card");
      d.data.attributes.status = status;
      const v = callback(d);
      expect(v.valid && v.event.result.status).toBe("pending");
    }
  });

  it("unseen attributes are ignored; without payload or flow data it is the same approval, without a card", () => {
    const d = doc("invoice_processed_card");
    d.data.attributes.brand_new = { x: [1] };
    delete d.data.attributes.payload;
    delete d.data.attributes.flow_data;
    const v = callback(d);
    expect(v.valid && v.event.result).toMatchObject({ status: "approved", gatewayTransactionId: "cpi_yv1RgJ2l8ty2AxIs" });
    expect(v.valid && v.event.result.card).toBeUndefined();
  });

  it("a signature over other bytes (re-indented body, upper-cased, another secret) is refused", () => {
    const raw = JSON.stringify(doc("invoice_processed_card"));
    expect(callback(raw, documentedSignature(JSON.stringify(JSON.parse(raw), null, 2))).valid).toBe(false);
    expect(callback(raw, documentedSignature(raw).toUpperCase()).valid).toBe(false);
    expect(callback(raw, createHash("sha1").update(`x${raw}x`).digest("base64")).valid).toBe(false);
    expect(callback(raw, "").valid).toBe(false);
  });
});
