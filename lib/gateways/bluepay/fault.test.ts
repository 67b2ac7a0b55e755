// Whose problem each BluePay failure is (Fault in ../types.ts): the account's setup, the card's
// data or the gateway's own trouble, from what the simulator answers and from spec §6.4's messages.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../../../sandbox/app";
import { DEMO_CREDENTIALS } from "../../../sandbox/bluepay/accounts";
import { faultOf } from "../results";
import type { BillingDetails, CardInput, GatewayAccountConfig, SaleInput } from "../types";
import { refusalFault } from "./codes";
import { bluepayDefinition } from "./index";
import { sandboxClient } from "../../testing/sandbox-client";

const card = (number = "4111111111111111"): CardInput => ({ number, expMonth: 12, expYear: new Date().getFullYear() + 2, cvv: "987", holderName: "Pat Doe" });
const billing: BillingDetails = { firstName: "Pat", lastName: "Doe", address1: "Main Street 1", city: "Springfield", postalCode: "62701", country: "US" };

let sandbox: Sandbox;
let n = 0;
const ref = () => `fault-${Date.now()}-${++n}`;
const sale = (amount: number, number?: string): SaleInput => ({
  source: { type: "card", card: card(number) },
  amount: { amount, currency: "USD" },
  billing,
  orderId: "O-1",
  reference: ref(),
});

function client(over: Partial<GatewayAccountConfig> = {}, creds: Record<string, string> = DEMO_CREDENTIALS) {
  return sandboxClient(bluepayDefinition, sandbox.url, { currency: "USD", credentials: creds, timeoutMs: 2000 }, over);
}

beforeAll(async () => {
  sandbox = await createSandbox({ port: 0, dailyCutoff: false });
});
afterAll(() => sandbox.close());
afterEach(() => sandbox.faults.clear());

describe("BluePay: whose problem a failure is", () => {
  it("a wrong secret key (SECURITY ERROR) is the account's on tokenize, sale and inquiry, and the connection test says bad credentials", async () => {
    const bad = client({}, { ...DEMO_CREDENTIALS, secretKey: "X".repeat(32) });
    const tokenized = await bad.tokenize({ card: card(), billing, currency: "USD", orderId: "O-1", reference: ref() });
    const sold = await bad.sale(sale(300));
    for (const r of [tokenized, sold]) {
      expect(r).toMatchObject({ status: "error", errorKind: "rejected", message: "SECURITY ERROR" });
      expect(faultOf(r)).toBe("merchant");
    }
    expect(faultOf(await bad.inquire({ operation: "sale", reference: ref() }))).toBe("merchant");
    expect(await bad.testConnection()).toMatchObject({ outcome: "bad_credentials" });
  });

  it("an unknown account and live mode on a test account are the account's", async () => {
    const unknown = await client({}, { ...DEMO_CREDENTIALS, accountId: "999999999999" }).sale(sale(300));
    expect(faultOf(unknown)).toBe("merchant");
    const live = await client({ mode: "live" }).sale(sale(300));
    expect(live.message).toMatch(/TEST mode/);
    expect(faultOf(live)).toBe("merchant");
  });

  it("a currency BluePay cannot carry is refused before sending, as the account's", async () => {
    const r = await client({ currency: "JPY" }).sale({ ...sale(300), amount: { amount: 300, currency: "JPY" } });
    expect(faultOf(r)).toBe("merchant");
  });

  it("a decline and a number that fails the Luhn check are the card's", async () => {
    const declined = await client().sale(sale(400));
    expect(declined.status).toBe("declined");
    expect(faultOf(declined)).toBe("card");
    const invalid = await client().sale(sale(300, "4111111111111112"));
    expect(invalid).toMatchObject({ status: "error", errorKind: "rejected", message: "CARD ACCOUNT NOT VALID" });
    expect(faultOf(invalid)).toBe("card");
  });

  it("a 5xx or a malformed reply is the gateway's, and an approval has no fault", async () => {
    sandbox.faults.add({ gateway: "bluepay", mode: "5xx", count: 1 });
    expect(faultOf(await client().sale(sale(300)))).toBe("gateway");
    sandbox.faults.add({ gateway: "bluepay", mode: "malformed", count: 1 });
    expect(faultOf(await client().sale(sale(300)))).toBe("gateway");
    expect(faultOf(await client().sale(sale(300)))).toBeNull();
  });

  it("reads §6.4's refusal messages", () => {
    expect(refusalFault("SECURITY ERROR")).toBe("merchant");
    expect(refusalFault("Unable to locate account")).toBe("merchant");
    expect(refusalFault("Your account is in TEST mode; please contact Bluepay.")).toBe("merchant");
    expect(refusalFault("Merchant account is disabled")).toBe("merchant"); // spec-guesses ACCOUNT_STATE_MESSAGE
    expect(refusalFault("CARD ACCOUNT NOT VALID")).toBe("card");
    expect(refusalFault("Invalid CVV2")).toBe("card");
    expect(refusalFault("Card Expired")).toBe("card");
    expect(refusalFault("Expiration date required for CREDIT")).toBe("card");
    expect(refusalFault("Missing CC_NUM", "CC_NUM")).toBe("card");
    expect(refusalFault("Missing AMOUNT", "AMOUNT")).toBe("request");
    expect(refusalFault("Already Voided")).toBe("request");
    expect(refusalFault("COULD NOT LOCATE ORIGINAL TRANSACTION")).toBe("request");
  });
});
