// The vendor's own example replies (fixtures/vendor-examples.json; Rover Pay has no third-party
// recordings) fed to the client through a stand-in gateway, and the requests the client builds
// beside the vendor's example requests. Then the same replies bent: never a wrong approval.
import { afterEach, describe, expect, it } from "vitest";
import { replayGateway, type ReplayGateway } from "../../testing/replay-gateway";
import type { BillingDetails, GatewayClient, GatewayResult } from "../types";
import examples from "./fixtures/vendor-examples.json";
import { roverpayDefinition } from "./index";

type Endpoint = keyof typeof examples.exchanges;
type Json = Record<string, string>;

const billing: BillingDetails = { firstName: "Bob", lastName: "Tester", address1: "123 Test St.", city: "Testville", state: "IL", postalCode: "54321", country: "US" };
const TOKEN = "9478848718650076:1222";

let gateway: ReplayGateway | undefined;
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

async function clientAnswering(...bodies: unknown[]): Promise<GatewayClient> {
  gateway = await replayGateway(bodies.map((b) => ({ status: 200, body: JSON.stringify(b) })));
  return roverpayDefinition.create({
    id: "acct-vendor",
    kind: "roverpay",
    // live, so no simulated-device header is ever sent: this stands in for the vendor.
    mode: "live",
    baseUrl: gateway.url,
    currency: "USD",
    timeoutMs: 3000,
    credentials: { atoken: "AT-test", entity: "DEMO", store: "1", reg: "110" },
  });
}

const reply = (e: Endpoint) => structuredClone(examples.exchanges[e].response) as Json;
const sent = (i = 0) => JSON.parse(gateway!.sent[i]!.body) as Json;
const sentPath = (i = 0) => gateway!.sent[i]!.path;

/** The request we built names every field the vendor's example request names (beyond the ones the operation does not use). */
function expectVendorNames(e: Endpoint, ours: Json, except: string[] = []) {
  const theirs = Object.keys(examples.exchanges[e].request).filter((k) => !except.includes(k));
  expect(theirs.filter((k) => !(k in ours))).toEqual([]);
}

const tokenSale = (amount: number) => ({ source: { type: "token" as const, token: TOKEN }, amount: { amount, currency: "USD" }, billing, orderId: "1", reference: "rc7825" });

describe("Rover Pay vendor examples → normalized results", () => {
  it("BLTOKENSALE: approved with the resultId, the auth code and reference from ccvRec, the card's last four", async () => {
    const c = await clientAnswering(reply("BLTOKENSALE"));
    const r = await c.sale(tokenSale(100));
    expect(r).toMatchObject({
      status: "approved",
      gatewayTransactionId: "1*19562*110*rc783*11",
      authCode: "PPS613",
      message: "[D20] Charge Accepted.",
      gatewayCode: "D20",
      token: TOKEN,
      amount: { amount: 100, currency: "USD" },
      card: { last4: "0076", brand: "visa" },
      extra: { processorReference: "203111163528", expiry: "1222" },
    });
    expect(sentPath()).toBe("/bltokensale");
    const ours = sent();
    expectVendorNames("BLTOKENSALE", ours);
    // Amount in cents as a string, the token and expiry as the vendor's example sends them.
    expect(ours).toMatchObject({ amount: "100", ctoken: "9478848718650076", expiry: "1222", date: "" });
  });

  it("BLTOKENIZE: the reusable token is the vault token with the expiry; resultId and auth code kept", async () => {
    const c = await clientAnswering(reply("BLTOKENIZE"));
    const r = await c.tokenize({ card: { number: "4111111111110076", expMonth: 12, expYear: 2022, cvv: "", holderName: "Bob Tester" }, billing, currency: "USD", orderId: "1", reference: "rc7824" });
    expect(r).toMatchObject({ status: "approved", gatewayTransactionId: "1*19562*110*rc783*9", token: TOKEN, authCode: "PPS443" });
    expect(sentPath()).toBe("/bltokenize");
    // manual=1: keyed entry (the example's 0 asks the device to read the card).
    expectVendorNames("BLTOKENIZE", sent());
  });

  it("BLTOKENREFUND's example (verified 1, no resultId, a [D10] duplicate warning) is not an approval", async () => {
    const c = await clientAnswering(reply("BLTOKENREFUND"));
    const r = await c.refund({
      parent: { gatewayTransactionId: "1*19562*110*41642*1", kind: "sale", amount: { amount: 200, currency: "USD" }, token: TOKEN },
      amount: { amount: 200, currency: "USD" },
      reference: "rc7826",
    });
    expect(r.status).not.toBe("approved");
    expect(r.errorKind).toBe("unknown_outcome");
    expect(sentPath()).toBe("/bltokenrefund");
    const ours = sent();
    expectVendorNames("BLTOKENREFUND", ours);
    // Refund amounts are negative cents, as in the vendor's example ("-200").
    expect(ours).toMatchObject({ amount: "-200", reqid: "1*19562*110*41642*1", ctoken: "9478848718650076", expiry: "1222" });
  });

  it("BLINQUIRE: the transaction is found approved under its resultId", async () => {
    const c = await clientAnswering(reply("BLINQUIRE"));
    const r = await c.inquire({ operation: "sale", reference: "rc7823" });
    expect(r).toMatchObject({ found: true, status: "approved", gatewayTransactionId: "1*19561*110*40666*1", authCode: "PPS375" });
    expect(sentPath()).toBe("/blinquire");
    expectVendorNames("BLINQUIRE", sent());
    expect(sent()).toMatchObject({ invoice: "rc7823" });
  });
});

describe("Rover Pay vendor examples, bent: never a wrong approval", () => {
  async function saleWith(body: unknown): Promise<GatewayResult> {
    const c = await clientAnswering(body);
    const r = await c.sale(tokenSale(100));
    await gateway?.close();
    gateway = undefined;
    return r;
  }

  it("unseen fields are ignored; without the optional ccvRec it is still the same approval, without auth code", async () => {
    expect(await saleWith({ ...reply("BLTOKENSALE"), brandNew: "x", fee_total: "0" })).toMatchObject({ status: "approved", gatewayTransactionId: "1*19562*110*rc783*11" });
    const bare = reply("BLTOKENSALE");
    delete bare.ccvRec;
    const r = await saleWith(bare);
    expect(r).toMatchObject({ status: "approved", gatewayTransactionId: "1*19562*110*rc783*11" });
    expect(r.authCode).toBeUndefined();
  });

  it("the success flag in another form (number, padded, 'true', 'Y') is never an approval", async () => {
    for (const verified of [1, " 1", "1 ", "true", "Y", "01"]) {
      const r = await saleWith({ ...reply("BLTOKENSALE"), verified });
      expect([verified, r.status]).not.toEqual([verified, "approved"]);
      expect(r.errorKind).toBe("unknown_outcome");
    }
  });

  it("a ccvRec that does not decode, or a success with no resultId anywhere, is an unknown outcome", async () => {
    expect(await saleWith({ ...reply("BLTOKENSALE"), ccvRec: "%%%not base64%%%" })).toMatchObject({ errorKind: "unknown_outcome" });
    const bare = reply("BLTOKENSALE");
    delete bare.ccvRec;
    expect(await saleWith({ ...bare, resultId: "" })).toMatchObject({ errorKind: "unknown_outcome" });
  });
});
