// Real recorded bePaid exchanges (fixtures/recorded.json, with sources) fed to the client through a
// stand-in gateway: the normalized result of each, and the request the client sends beside the
// recorded one. Then the same replies bent (letter case, whitespace, unseen and missing fields):
// never a wrong approval.
import { afterEach, describe, expect, it } from "vitest";
import { replayGateway, type ReplayGateway } from "../../testing/replay-gateway";
import { faultOf } from "../results";
import type { BillingDetails, GatewayClient, GatewayResult, ParentRef } from "../types";
import recorded from "./fixtures/recorded.json";
import { bepaidDefinition } from "./index";

type Name = keyof typeof recorded.exchanges;
type Json = Record<string, unknown>;

const billing: BillingDetails = { firstName: "John", lastName: "Doe", address1: "1st Street", city: "Minsk", postalCode: "220100", country: "BY" };
const TOKEN = "11111111-1111-1111-1111-111111111111";

let gateway: ReplayGateway | undefined;
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

const replyOf = (name: Name) => recorded.exchanges[name].response;

async function clientAnswering(...replies: { status: number; body: unknown }[]): Promise<GatewayClient> {
  gateway = await replayGateway(replies.map((r) => ({ status: r.status, body: typeof r.body === "string" ? r.body : JSON.stringify(r.body) })));
  return bepaidDefinition.create({
    id: "acct-recorded",
    kind: "bepaid",
    mode: "test",
    baseUrl: gateway.url,
    currency: "BYN",
    timeoutMs: 3000,
    credentials: { shopId: "361", secretKey: "b".repeat(64) },
  });
}

const sentBody = (i = 0) => JSON.parse(gateway!.sent[i]!.body) as { request: Json };
const tokenSale = (amount: number, reference = "ref-1") => ({ source: { type: "token" as const, token: TOKEN }, amount: { amount, currency: "BYN" }, billing, orderId: "1", reference });
const parent = (over: Partial<ParentRef>): ParentRef => ({ gatewayTransactionId: "3596682-d0c9c1f588", kind: "auth", amount: { amount: 10, currency: "BYN" }, ...over });

/** Same-named fields of the request we built and the recorded one carry the same value. */
function expectSameShared(ours: Json, theirs: Json, names: string[]) {
  for (const n of names) expect([n, ours[n]]).toEqual([n, theirs[n]]);
}

describe("bePaid recorded replies → normalized results", () => {
  it("a payment by token (gateway.bepaid.by, 2018): approved with uid, auth code, masked card, amount, message", async () => {
    const c = await clientAnswering(replyOf("payment_by_token_approved"));
    const r = await c.sale(tokenSale(100, "2Vn0NDm5bEVA0Ws6rzTv2Kt1XEKqaR7h"));
    expect(r).toMatchObject({
      status: "approved",
      gatewayTransactionId: "3596794-18f91f7c1e",
      authCode: "654321",
      message: "Successfully processed",
      amount: { amount: 100, currency: "BYN" },
      token: TOKEN,
      card: { brand: "visa", last4: "0000", masked: "420000******0000", expMonth: 1, expYear: 2019 },
    });
    expect(r.errorKind).toBeUndefined();
    // The reply has no avs_cvc_verification: no code is made up.
    expect(r.avs).toBeUndefined();
    expect(r.cvv).toBeUndefined();

    const rec = recorded.exchanges.payment_by_token_approved.request;
    expect(gateway!.sent[0]).toMatchObject({ method: rec.method, path: rec.path });
    const ours = sentBody().request;
    expectSameShared(ours, rec.body.request, ["tracking_id", "currency", "amount"]);
    expect((ours.credit_card as Json).token).toBe(rec.body.request.credit_card.token);
  });

  it("an authorization by token, then its void: amounts in minor units, void names the parent", async () => {
    const c = await clientAnswering(replyOf("authorization_by_token_approved"), replyOf("void_of_authorization_approved"));
    const auth = await c.authorize(tokenSale(10, "a6sVUvRyFTK4pKAyqcuyKw5vl7LVsgmr"));
    expect(auth).toMatchObject({ status: "approved", gatewayTransactionId: "3596682-d0c9c1f588", authCode: "654321", amount: { amount: 10, currency: "BYN" } });
    expect(gateway!.sent[0]).toMatchObject({ method: "POST", path: recorded.exchanges.authorization_by_token_approved.request.path });
    expectSameShared(sentBody(0).request, recorded.exchanges.authorization_by_token_approved.request.body.request, ["tracking_id", "currency", "amount"]);

    const voided = await c.void({ parent: parent({}), amount: { amount: 10, currency: "BYN" }, reference: "void-1" });
    expect(voided).toMatchObject({
      status: "approved",
      gatewayTransactionId: "3596739-1617e2b6d6",
      message: "Successfully processed",
      amount: { amount: 10, currency: "BYN" },
      extra: { bepaidType: "void", parentUid: "3596682-d0c9c1f588" },
    });
    // A void carries no auth code (recorded "auth_code": null).
    expect(voided.authCode).toBeUndefined();
    const rec = recorded.exchanges.void_of_authorization_approved.request;
    expect(gateway!.sent[1]).toMatchObject({ method: rec.method, path: rec.path });
    expectSameShared(sentBody(1).request, rec.body.request, ["parent_uid", "amount"]);
  });

  it("a payment with a keyed card (demo gateway, 2020): AVS and CVC result code 1 read as not checked", async () => {
    const c = await clientAnswering(replyOf("payment_with_card_approved_avs_cvc"));
    const r = await c.sale({ ...tokenSale(33333), source: { type: "card", card: { number: "4200000000000000", expMonth: 1, expYear: 2030, cvv: "123", holderName: "JOHN DOE" } } });
    expect(r).toMatchObject({
      status: "approved",
      gatewayTransactionId: "37728767-e10aa95f2b",
      authCode: "654321",
      amount: { amount: 33333, currency: "BYN" },
      token: "05196a13-d838-4ed5-a596-17527ff80384",
      avs: { code: "1", category: "not_checked", meaning: "AVS not supported for this processor or card type" },
      cvv: { code: "1", category: "not_checked" },
      card: { brand: "visa", last4: "0000", masked: "420000******0000", expMonth: 1, expYear: 2030 },
    });
    // The card number we sent never comes back in the stored exchange.
    expect(JSON.stringify(r.raw)).not.toContain("4200000000000000");
  });

  it("a refund (demo gateway, 2020): approved, names its parent, no auth code", async () => {
    const c = await clientAnswering(replyOf("refund_approved"));
    const r = await c.refund({ parent: parent({ gatewayTransactionId: "37728767-e10aa95f2b", kind: "sale", amount: { amount: 33333, currency: "BYN" } }), amount: { amount: 33333, currency: "BYN" }, reference: "refund-1", reason: "Customer request" });
    expect(r).toMatchObject({ status: "approved", gatewayTransactionId: "37728810-8774ed0d79", amount: { amount: 33333, currency: "BYN" }, extra: { bepaidType: "refund", parentUid: "37728767-e10aa95f2b" } });
    expect(r.authCode).toBeUndefined();
    expect(sentBody().request).toMatchObject({ parent_uid: "37728767-e10aa95f2b", amount: 33333, reason: "Customer request" });
  });

  it("an inquiry by uid: found and unsettled (settled_at null); an unknown uid (404 Record not found) is not found", async () => {
    const c = await clientAnswering(replyOf("query_by_uid_found"), replyOf("query_by_uid_not_found"));
    const found = await c.inquire({ operation: "sale", gatewayTransactionId: "3596794-18f91f7c1e", reference: "x" });
    expect(found).toMatchObject({ found: true, status: "approved", settled: false, gatewayTransactionId: "3596794-18f91f7c1e", authCode: "654321" });
    expect(gateway!.sent[0]).toMatchObject({ method: "GET", path: recorded.exchanges.query_by_uid_found.request.path });
    const missing = await c.inquire({ operation: "sale", gatewayTransactionId: "3596794-18f91f7c11", reference: "x" });
    expect(missing.found).toBe(false);
    expect(missing.status).not.toBe("approved");
  });

  it("error envelopes: an unknown token is the card's refusal, an unknown parent the request's; neither is unknown", async () => {
    const c = await clientAnswering(replyOf("token_does_not_exist"), replyOf("void_parent_not_found"));
    const token = await c.sale(tokenSale(100));
    expect(token).toMatchObject({ status: "error", errorKind: "rejected", gatewayCode: "400", message: "Token does not exist." });
    expect(faultOf(token)).toBe("card");
    const voided = await c.void({ parent: parent({ gatewayTransactionId: "1111111-1111111111" }), amount: { amount: 10, currency: "BYN" }, reference: "v" });
    expect(voided).toMatchObject({ status: "error", errorKind: "rejected", gatewayCode: "400", message: "Parent uid Parent transaction is not found." });
    expect(faultOf(voided)).toBe("request");
  });
});

describe("bePaid recorded replies, bent: never a wrong approval", () => {
  const payment = () => structuredClone(replyOf("payment_by_token_approved").body) as { transaction: Json & { payment: Json } };

  async function saleWith(body: unknown, status = 200): Promise<GatewayResult> {
    const c = await clientAnswering({ status, body });
    const r = await c.sale(tokenSale(100));
    await gateway?.close();
    gateway = undefined;
    return r;
  }

  it("fields the client has never seen are ignored; missing optional parts leave their result fields empty", async () => {
    const extra = payment();
    extra.transaction.brand_new_field = { nested: [1, 2, 3] };
    extra.transaction.payment.brand_new_code = "Z9";
    expect(await saleWith(extra)).toMatchObject({ status: "approved", gatewayTransactionId: "3596794-18f91f7c1e", authCode: "654321" });

    const bare = payment();
    for (const k of ["credit_card", "payment", "billing_address", "customer", "tracking_id", "currency", "message"]) delete bare.transaction[k];
    const r = await saleWith(bare);
    expect(r).toMatchObject({ status: "approved", gatewayTransactionId: "3596794-18f91f7c1e" });
    expect(r.authCode).toBeUndefined();
    expect(r.card).toBeUndefined();
    expect(r.amount).toBeUndefined();
  });

  it("a status in other letter case or with whitespace is an unknown outcome, not an approval", async () => {
    for (const status of ["Successful", "SUCCESSFUL", " successful", "successful\n"]) {
      const bent = payment();
      bent.transaction.status = status;
      expect(await saleWith(bent)).toMatchObject({ status: "error", errorKind: "unknown_outcome" });
    }
  });

  it("a reply of another transaction type, without a uid, or in a 5xx is never an approval", async () => {
    const otherType = payment();
    otherType.transaction.type = "Payment";
    expect(await saleWith(otherType)).toMatchObject({ errorKind: "unknown_outcome" });
    const noUid = payment();
    delete noUid.transaction.uid;
    expect(await saleWith(noUid)).toMatchObject({ errorKind: "unknown_outcome" });
    expect(await saleWith(payment(), 502)).toMatchObject({ errorKind: "unknown_outcome" });
    expect(await saleWith(JSON.stringify(payment()).slice(0, 400))).toMatchObject({ errorKind: "unknown_outcome" });
  });

  it("a declined sub-result under a failed status is a decline carrying both messages", async () => {
    const failed = payment();
    failed.transaction.status = "failed";
    failed.transaction.message = "Payment was declined";
    failed.transaction.payment = { ...failed.transaction.payment, status: "failed", message: "Insufficient funds", auth_code: null };
    const r = await saleWith(failed);
    expect(r).toMatchObject({ status: "declined", errorKind: "declined", message: "Payment was declined: Insufficient funds" });
  });
});
