import { describe, expect, it } from "vitest";
import { DEMO_CREDENTIALS } from "../../../sandbox/paycore/accounts";
import { invoiceStatus } from "./codes";
import { paycoreDefinition } from "./index";
import { callbackSignature, signatureValid } from "./signature";
import { composeToken, splitToken } from "./tokens";

// Spec §5 test vector.
const SECRET = "sk_test_demo_secret";
const BODY = '{"data":{"type":"payment-invoices","id":"cpi_8fKq2LmN0pQrStUv","attributes":{"status":"processed","resolution":"ok"}}}';
const SIGNATURE = "rkxXwCepxkC/vS6LrQxR+Jt/opY=";

const FULL_BODY = JSON.stringify({
  data: {
    type: "payment-invoices",
    id: "cpi_8fKq2LmN0pQrStUv",
    attributes: {
      status: "processed",
      resolution: "ok",
      amount: 25.99,
      currency: "USD",
      reference_id: "ORD-2025-0001",
      approval_code: "A1B2C3",
      payload: { token: "T".repeat(32), payment_card: { first: "551928", last: "0000", mask: "551928******0000", brand: "mastercard", expiry_month: "04", expiry_year: "30" } },
      metadata: { keyed_operation: "tokenize", keyed_customer: "kc_ORD-2025-0001" },
    },
  },
});

const client = () =>
  paycoreDefinition.create({
    id: "a",
    kind: "paycore",
    mode: "test",
    baseUrl: "http://127.0.0.1:9/paycore",
    currency: "USD",
    timeoutMs: 500,
    credentials: { ...DEMO_CREDENTIALS },
  });

describe("PayCore callback signature (spec §5)", () => {
  it("matches the spec's test vector", () => {
    expect(callbackSignature(SECRET, BODY)).toBe(SIGNATURE);
    expect(signatureValid(SECRET, BODY, SIGNATURE)).toBe(true);
    expect(signatureValid(SECRET, BODY.replace("processed", "process_failed"), SIGNATURE)).toBe(false);
    expect(signatureValid("sk_test_other", BODY, SIGNATURE)).toBe(false);
    expect(signatureValid(SECRET, BODY, null)).toBe(false);
  });

  it("verifyCallback accepts a correctly signed callback and parses it", () => {
    const headers = new Headers({ "X-Signature": callbackSignature(SECRET, FULL_BODY) });
    const v = client().verifyCallback!(headers, FULL_BODY);
    expect(v.valid).toBe(true);
    if (!v.valid) return;
    expect(v.event.gatewayTransactionId).toBe("cpi_8fKq2LmN0pQrStUv");
    expect(v.event.reference).toBe("ORD-2025-0001");
    expect(v.event.status).toBe("approved");
    expect(v.event.result.authCode).toBe("A1B2C3");
    expect(v.event.result.card).toMatchObject({ brand: "mastercard", last4: "0000", expMonth: 4, expYear: 2030 });
    expect(v.event.result.token).toBe(composeToken("kc_ORD-2025-0001", "T".repeat(32)));
    expect(JSON.stringify(v.event.result.raw)).not.toContain("T".repeat(32));
  });

  it("verifyCallback rejects tampered bodies, wrong and missing signatures", () => {
    const sig = callbackSignature(SECRET, FULL_BODY);
    const c = client();
    expect(c.verifyCallback!(new Headers({ "X-Signature": sig }), FULL_BODY.replace("25.99", "2599")).valid).toBe(false);
    expect(c.verifyCallback!(new Headers({ "X-Signature": callbackSignature("sk_test_wrong", FULL_BODY) }), FULL_BODY).valid).toBe(false);
    expect(c.verifyCallback!(new Headers(), FULL_BODY).valid).toBe(false);
    // Re-serialising the JSON changes the bytes: the signature covers the raw body only.
    const reserialised = JSON.stringify(JSON.parse(FULL_BODY), null, 1);
    expect(c.verifyCallback!(new Headers({ "X-Signature": sig }), reserialised).valid).toBe(false);
  });
});

describe("PayCore status mapping and tokens", () => {
  it("never maps an unknown or in-flight status to an approval", () => {
    expect(invoiceStatus("processed")).toBe("approved");
    expect(invoiceStatus("process_failed")).toBe("declined");
    expect(invoiceStatus("process_error")).toBe("pending");
    expect(invoiceStatus("something_new")).toBe("pending");
  });

  it("round-trips the customer reference inside a stored token", () => {
    expect(splitToken(composeToken("kc_ref:1", "abc"))).toEqual({ customerRef: "kc_ref:1", token: "abc" });
    expect(splitToken("bare")).toEqual({ token: "bare" });
  });
});
