// Whose problem each Rover Pay failure is (Fault in ../types.ts), from the §6.2 PROPOSED error
// codes the simulator answers with.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../../../sandbox/app";
import { DEMO_CREDENTIALS } from "../../../sandbox/roverpay/accounts";
import { faultOf } from "../results";
import type { BillingDetails, CardInput, GatewayAccountConfig, GatewayClient, SaleInput } from "../types";
import { refusalFault, unreadableRefusalFault } from "./codes";
import { roverpayDefinition } from "./index";
import { sandboxClient } from "../../testing/sandbox-client";

const card = (number = "4111111111111111"): CardInput => ({ number, expMonth: 12, expYear: 2030, cvv: "987", holderName: "Pat Tester" });
const billing: BillingDetails = { firstName: "Pat", lastName: "Tester", address1: "1 Main St", city: "Irvine", state: "CA", postalCode: "12345", country: "US" };

let sandbox: Sandbox;
let seq = 0;
const ref = () => `F${Date.now().toString(36)}-${++seq}`;
const sale = (amount: number, number?: string): SaleInput => ({ source: { type: "card", card: card(number) }, amount: { amount, currency: "USD" }, billing, orderId: "O", reference: ref() });

function client(over: Partial<GatewayAccountConfig> = {}): GatewayClient {
  return sandboxClient(roverpayDefinition, sandbox.url, { currency: "USD", credentials: DEMO_CREDENTIALS, timeoutMs: 3000 }, over);
}

beforeAll(async () => {
  sandbox = await createSandbox({ port: 0, dailyCutoff: false });
});
afterAll(() => sandbox.close());
afterEach(() => sandbox.faults.clear());

describe("Rover Pay: whose problem a failure is", () => {
  it("a wrong atoken (AUTH01) or entity (ENT01) is the account's, on tokenize, sale and inquiry", async () => {
    const bad = client({ credentials: { ...DEMO_CREDENTIALS, atoken: "AT-wrong" } });
    const sold = await bad.sale(sale(1000));
    expect(sold).toMatchObject({ errorKind: "rejected", gatewayCode: "AUTH01" });
    expect(faultOf(sold)).toBe("merchant");
    expect(faultOf(await bad.tokenize({ card: card(), billing, currency: "USD", orderId: "O", reference: ref() }))).toBe("merchant");
    expect(faultOf(await bad.inquire({ operation: "sale", reference: ref() }))).toBe("merchant");
    expect(await bad.testConnection()).toMatchObject({ outcome: "bad_credentials" });
    const entity = await client({ credentials: { ...DEMO_CREDENTIALS, entity: "NOPE" } }).sale(sale(1000));
    expect(entity.gatewayCode).toBe("ENT01");
    expect(faultOf(entity)).toBe("merchant");
  });

  it("a decline, an expired card, an invalid number and an unknown saved card are the card's", async () => {
    expect(faultOf(await client().sale(sale(1001)))).toBe("card");
    expect(faultOf(await client().sale(sale(1000, "4111111111111112")))).toBe("card");
    const unknownToken = await client().sale({ ...sale(1000), source: { type: "token", token: "9000000000001111:1230" } });
    expect(unknownToken.gatewayCode).toBe("TOK01");
    expect(faultOf(unknownToken)).toBe("card");
  });

  it("the processor unavailable (SYS01), a 5xx and a malformed reply are the gateway's", async () => {
    const down = await client().sale(sale(1008));
    expect(down.gatewayCode).toBe("SYS01");
    expect(faultOf(down)).toBe("gateway");
    sandbox.faults.add({ gateway: "roverpay", mode: "5xx", count: 1 });
    expect(faultOf(await client().sale(sale(1000)))).toBe("gateway");
    sandbox.faults.add({ gateway: "roverpay", mode: "malformed", count: 1 });
    expect(faultOf(await client().sale(sale(1000)))).toBe("gateway");
  });

  it("a currency with other decimals is refused before sending, as the account's; a refund of an unknown original is the request's", async () => {
    expect(faultOf(await client({ currency: "JPY" }).sale({ ...sale(1000), amount: { amount: 1000, currency: "JPY" } }))).toBe("merchant");
    const noParent = await client().refund({ parent: { gatewayTransactionId: "1*1*110*x*1", kind: "sale", amount: { amount: 100, currency: "USD" } }, amount: { amount: 100, currency: "USD" }, reference: ref() });
    expect(noParent.gatewayCode).toBe("REF01");
    expect(faultOf(noParent)).toBe("request");
  });

  it("maps the codes and, for a 4xx without a Rover Pay reply, the HTTP status", () => {
    expect(refusalFault("AUTH01")).toBe("merchant");
    expect(refusalFault("REQ03")).toBe("card");
    expect(refusalFault("SYS01")).toBe("gateway");
    expect(refusalFault("DUP01")).toBe("request");
    expect(unreadableRefusalFault(401)).toBe("merchant");
    expect(unreadableRefusalFault(404)).toBe("merchant");
    expect(unreadableRefusalFault(400)).toBe("gateway");
  });
});
