// Whose problem each bePaid failure is (Fault in ../types.ts): the shop's credentials and
// permissions, the card's data, or the gateway's own trouble.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../../../sandbox/app";
import { DEMO_CREDENTIALS } from "../../../sandbox/bepaid/accounts";
import { faultOf } from "../results";
import type { BillingDetails, CardInput, GatewayAccountConfig, GatewayClient, SaleInput } from "../types";
import { bepaidDefinition } from "./index";
import { sandboxClient } from "../../testing/sandbox-client";

const APPROVE_PAN = "4200000000000000"; // spec §7.2
const DECLINE_PAN = "4005550000000019"; // spec §7.2

const card = (over: Partial<CardInput> = {}): CardInput => ({ number: APPROVE_PAN, expMonth: 12, expYear: 2031, cvv: "123", holderName: "IVAN PETROV", ...over });
const billing: BillingDetails = { firstName: "Ivan", lastName: "Petrov", address1: "Nezavisimosti 7", city: "Minsk", postalCode: "720030", country: "BY" };

let sandbox: Sandbox;
let seq = 0;
const ref = () => `fault-${Date.now()}-${++seq}`;
const sale = (c: CardInput = card(), amount = 100): SaleInput => ({ source: { type: "card", card: c }, amount: { amount, currency: "BYN" }, billing, orderId: "1", reference: ref() });

function client(over: Partial<GatewayAccountConfig> = {}): GatewayClient {
  return sandboxClient(bepaidDefinition, sandbox.url, { currency: "BYN", credentials: DEMO_CREDENTIALS, timeoutMs: 2000 }, over);
}

/** A stand-in gateway that answers every request with one fixed reply. */
async function fixedReply(status: number, body: unknown): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body)));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

beforeAll(async () => {
  sandbox = await createSandbox({ port: 0, dailyCutoff: false });
});
afterAll(() => sandbox.close());
afterEach(() => sandbox.faults.clear());

describe("bePaid: whose problem a failure is", () => {
  it("a wrong secret key (401 Access denied) is the shop's on tokenize, sale and inquiry", async () => {
    const bad = client({ credentials: { shopId: DEMO_CREDENTIALS.shopId, secretKey: "0".repeat(64) } });
    const tokenized = await bad.tokenize({ card: card(), billing, currency: "BYN", orderId: "1", reference: ref() });
    const sold = await bad.sale(sale());
    for (const r of [tokenized, sold]) {
      expect(r).toMatchObject({ status: "error", errorKind: "rejected", gatewayCode: "401" });
      expect(faultOf(r)).toBe("merchant");
    }
    expect(faultOf(await bad.inquire({ operation: "sale", reference: ref() }))).toBe("merchant");
    expect(await bad.testConnection()).toMatchObject({ outcome: "bad_credentials" });
  });

  it("a shop not allowed to send card numbers (E.1065's wording) is the shop's, and its connection test says so", async () => {
    const { url, server } = await fixedReply(400, { response: { message: "This type of integration is not allowed for your account" } });
    try {
      const c = client({ baseUrl: url });
      expect(faultOf(await c.sale(sale()))).toBe("merchant");
      expect(await c.testConnection()).toMatchObject({ outcome: "bad_credentials" });
    } finally {
      server.close();
    }
  });

  it("a decline, an invalid number or security code, and an unknown saved card are the card's", async () => {
    const declined = await client().sale(sale(card({ number: DECLINE_PAN })));
    expect(declined.status).toBe("declined");
    expect(faultOf(declined)).toBe("card");
    const invalid = await client().sale(sale(card({ number: "4200000000000001", cvv: "12" })));
    expect(invalid).toMatchObject({ errorKind: "rejected", gatewayCode: "422" });
    expect(faultOf(invalid)).toBe("card");
    const unknownToken = await client().sale({ ...sale(), source: { type: "token", token: "tok_does_not_exist" } });
    expect(unknownToken.errorKind).toBe("rejected");
    expect(faultOf(unknownToken)).toBe("card");
  });

  it("a refusal of the request itself (unknown parent) is the request's", async () => {
    const r = await client().refund({ parent: { gatewayTransactionId: "no-such-uid", kind: "sale", amount: { amount: 100, currency: "BYN" } }, amount: { amount: 100, currency: "BYN" }, reference: ref() });
    expect(r.errorKind).toBe("rejected");
    expect(faultOf(r)).toBe("request");
  });

  it("a 5xx, a malformed reply and a timeout are the gateway's", async () => {
    sandbox.faults.add({ gateway: "bepaid", mode: "5xx", count: 1 });
    expect(faultOf(await client().sale(sale()))).toBe("gateway");
    sandbox.faults.add({ gateway: "bepaid", mode: "malformed", count: 1 });
    expect(faultOf(await client().sale(sale()))).toBe("gateway");
    expect(faultOf(await client({ baseUrl: "http://127.0.0.1:9/bepaid", timeoutMs: 500 }).sale(sale()))).toBe("gateway");
    expect(faultOf(await client().sale(sale(card(), 173)))).toBeNull();
  });
});
