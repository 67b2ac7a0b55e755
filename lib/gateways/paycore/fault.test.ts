// Whose problem each PayCore failure is (Fault in ../types.ts): HTTP refusals of the private API
// and Card Gate, and the resolution of a failed invoice.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../../../sandbox/app";
import { DEMO_CREDENTIALS } from "../../../sandbox/paycore/accounts";
import { faultOf } from "../results";
import type { BillingDetails, CardInput, GatewayClient, GatewayMode, SaleInput } from "../types";
import { refusalFault, resolutionFault } from "./codes";
import { paycoreDefinition } from "./index";

const PAN_OK = "5519283812030000"; // S1: success
const PAN_DECLINE = "4302912837020000"; // S4: declined_error

const card = (number = PAN_OK): CardInput => ({ number, expMonth: 4, expYear: 2030, cvv: "4821", holderName: "Ada Lovelace" });
const billing: BillingDetails = { firstName: "Ada", lastName: "Lovelace", address1: "1 Main St", city: "Springfield", state: "IL", postalCode: "62701", country: "US" };

let sandbox: Sandbox;
let seq = 0;
const ref = (p = "FAULT") => `${p}-${Date.now()}-${++seq}`;
const sale = (number?: string, currency = "USD"): SaleInput => ({ source: { type: "card", card: card(number) }, amount: { amount: 100, currency }, billing, orderId: "O", reference: ref() });

function client(over: { apiKey?: string; mode?: GatewayMode; currency?: string } = {}): GatewayClient {
  return paycoreDefinition.create({
    id: "acc-paycore",
    kind: "paycore",
    mode: over.mode ?? "test",
    baseUrl: paycoreDefinition.sandboxBaseUrl(sandbox.url),
    currency: over.currency ?? "USD",
    timeoutMs: 3000,
    credentials: { ...DEMO_CREDENTIALS, ...(over.apiKey ? { apiKey: over.apiKey } : {}) },
  });
}

beforeAll(async () => {
  sandbox = await createSandbox({ port: 0, dailyCutoff: false });
  await fetch(`${sandbox.url}/paycore/_sim/config`, { method: "POST", body: JSON.stringify({ finalizeDelayMs: 50 }) });
});
afterAll(() => sandbox.close());
afterEach(() => sandbox.faults.clear());

describe("PayCore: whose problem a failure is", () => {
  it("a wrong API key (401) is the account's on tokenize, sale and inquiry", async () => {
    const bad = client({ apiKey: "wrong_key" });
    const sold = await bad.sale(sale());
    expect(sold).toMatchObject({ errorKind: "rejected", gatewayCode: "unauthorized" });
    expect(faultOf(sold)).toBe("merchant");
    expect(faultOf(await bad.tokenize({ card: card(), billing, currency: "USD", orderId: "O", reference: ref() }))).toBe("merchant");
    expect(faultOf(await bad.inquire({ operation: "sale", reference: ref() }))).toBe("merchant");
    expect(await bad.testConnection()).toMatchObject({ outcome: "bad_credentials" });
  });

  it("a test key on a live invoice (403) and a currency the account has no service for are the account's", async () => {
    const live = await client({ mode: "live" }).sale(sale());
    expect(live.gatewayCode).toBe("forbidden");
    expect(faultOf(live)).toBe("merchant");
    const currency = await client({ currency: "XAU" }).sale(sale(undefined, "XAU"));
    expect(currency.errorKind).toBe("rejected");
    expect(faultOf(currency)).toBe("merchant");
  });

  it("a card number Card Gate refuses, and an invoice that fails for the issuer's reason, are the card's", async () => {
    const invalid = await client().sale(sale("5519283812030001"));
    expect(invalid).toMatchObject({ errorKind: "rejected", gatewayCode: "validation_error" });
    expect(faultOf(invalid)).toBe("card");

    const c = client();
    const pending = await c.sale(sale(PAN_DECLINE));
    expect(pending.status).toBe("pending");
    expect(faultOf(pending)).toBeNull();
    let found = await c.inquire({ operation: "sale", reference: "", gatewayTransactionId: pending.gatewayTransactionId });
    for (let i = 0; i < 40 && found.status === "pending"; i++) {
      await new Promise((r) => setTimeout(r, 50));
      found = await c.inquire({ operation: "sale", reference: "", gatewayTransactionId: pending.gatewayTransactionId });
    }
    expect(found.status).toBe("declined");
    expect(faultOf(found)).toBe("card");
  });

  it("a 5xx is the gateway's", async () => {
    sandbox.faults.add({ gateway: "paycore", mode: "5xx", count: 1 });
    expect(faultOf(await client().sale(sale()))).toBe("gateway");
  });

  it("maps HTTP refusals by where they came from, and failed invoices by resolution", () => {
    expect(refusalFault(401, undefined, "api")).toBe("merchant");
    expect(refusalFault(401, undefined, "cardgate")).toBe("gateway");
    expect(refusalFault(422, "/data/attributes/cvv", "cardgate")).toBe("card");
    expect(refusalFault(422, "/data/attributes/service", "api")).toBe("merchant");
    expect(refusalFault(422, "/data/attributes/amount", "api")).toBe("request");
    expect(refusalFault(409, "/data/attributes/reference_id", "api")).toBe("request");
    expect(resolutionFault("invalid_credentials")).toBe("merchant");
    expect(resolutionFault("FORBIDDEN_IP")).toBe("merchant");
    expect(resolutionFault("processing_error")).toBe("gateway");
    expect(resolutionFault("insufficient_funds")).toBe("card");
    expect(resolutionFault(null)).toBe("card");
  });
});
