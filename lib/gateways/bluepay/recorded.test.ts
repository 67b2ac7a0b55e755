// Real recorded BluePay bp20post replies (fixtures/recorded.json, with sources). The client speaks
// bp10emu, whose 302 reply has no public recording; what the two interfaces share is checked
// here: the code tables and refusal rules the client applies to AVS, CVV2, CARD_TYPE and MESSAGE
// values, the simulator's bp20post replies beside the recorded ones (names, order, HTTP status),
// and the client given the recorded values in bp10emu's documented reply names.
import { createHmac } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../../../sandbox/app";
import { DEMO_CREDENTIALS } from "../../../sandbox/bluepay/accounts";
import { replayGateway, type RecordedReply, type ReplayGateway } from "../../testing/replay-gateway";
import type { GatewayClient } from "../types";
import { avsResult, brandOf, cvvResult, refusalFault, statusOf } from "./codes";
import recorded from "./fixtures/recorded.json";
import { bluepayDefinition } from "./index";
import { tamperProofSeal } from "./seal";
import { REQUESTED_STAMP_DEF } from "./spec-guesses";

type Name = keyof typeof recorded.replies;
const fields = (name: Name) => Object.fromEntries(new URLSearchParams(recorded.replies[name].body));
const keys = (name: Name) => [...new URLSearchParams(recorded.replies[name].body).keys()];

describe("BluePay recorded replies → the client's code tables", () => {
  it("STATUS 1 / 0 / E read as approved / declined / error", () => {
    expect(statusOf(fields("sale_approved").STATUS!)).toBe("approved");
    expect(statusOf(fields("am_declined").STATUS!)).toBe("declined");
    expect(statusOf(fields("sale_card_not_valid").STATUS!)).toBe("error");
  });

  it("AVS M is a match, AVS and CVV2 '_' are not checked, with their meanings", () => {
    const sale = fields("sale_approved");
    expect(avsResult(sale.AVS)).toEqual({ code: "M", category: "match", meaning: "Address and postal code match" });
    expect(cvvResult(sale.CVV2)).toEqual({ code: "_", category: "not_checked", meaning: "CVV2 not supported for this network or transaction type" });
    expect(avsResult(fields("am_auth_approved").AVS)).toMatchObject({ code: "_", category: "not_checked" });
  });

  it("codes no table lists (a real decline's AVS 0, CVV2 7) are kept, named unrecognised, never a match", () => {
    const declined = fields("am_declined");
    expect(avsResult(declined.AVS)).toEqual({ code: "0", category: "unavailable", meaning: "Unrecognised AVS code" });
    expect(cvvResult(declined.CVV2)).toEqual({ code: "7", category: "unavailable", meaning: "Unrecognised CVV2 code" });
  });

  it("CARD_TYPE VISA is a Visa, and PAYMENT_ACCOUNT_MASK is twelve x's and the last four", () => {
    const auth = fields("am_auth_approved");
    expect(brandOf(auth.CARD_TYPE)).toBe("visa");
    expect(auth.PAYMENT_ACCOUNT_MASK).toMatch(/^x{12}\d{4}$/);
  });

  it("recorded refusals are the card's (number, expiry) or the request's (no such original)", () => {
    expect(refusalFault(fields("sale_card_not_valid").MESSAGE!)).toBe("card");
    expect(refusalFault(fields("auth_expiry_missing").MESSAGE!)).toBe("card");
    expect(refusalFault(fields("capture_original_not_found").MESSAGE!)).toBe("request");
    expect(refusalFault(fields("refund_original_not_found").MESSAGE!)).toBe("request");
  });

  it("in other letter case or padded, a status is never read as an approval", () => {
    for (const s of ["approved", " APPROVED", "APPROVED ", "Approved", " 1", "1 "]) expect(statusOf(s)).not.toBe("approved");
  });
});

describe("BluePay simulator bp20post beside the recorded replies", () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await createSandbox({ port: 0, dailyCutoff: false });
  });
  afterAll(() => sandbox.close());

  async function post(f: Record<string, string>) {
    const all = { ACCOUNT_ID: DEMO_CREDENTIALS.accountId, MODE: "TEST", ...f };
    const seal = tamperProofSeal(DEMO_CREDENTIALS.secretKey, all, ["ACCOUNT_ID", "TRANS_TYPE", "AMOUNT", "MASTER_ID", "NAME1", "PAYMENT_ACCOUNT"], "MD5");
    const res = await fetch(`${sandbox.url}/bluepay/interfaces/bp20post`, { method: "POST", body: new URLSearchParams({ ...all, TAMPER_PROOF_SEAL: seal }) });
    const text = await res.text();
    return { status: res.status, keys: [...new URLSearchParams(text).keys()], fields: Object.fromEntries(new URLSearchParams(text)) };
  }
  const card = { NAME1: "Bob", PAYMENT_ACCOUNT: "4111111111111111", CARD_EXPIRE: "1299" };

  it("an approved sale and capture: the recorded names in the recorded order, the recorded messages and id/auth-code shapes", async () => {
    const auth = await post({ TRANS_TYPE: "AUTH", AMOUNT: "3.00", ...card });
    const capture = await post({ TRANS_TYPE: "CAPTURE", MASTER_ID: auth.fields.TRANS_ID!, AMOUNT: "3.00" });
    const sale = await post({ TRANS_TYPE: "SALE", AMOUNT: "3.00", ...card });
    for (const [sim, name] of [[sale, "sale_approved"], [capture, "capture_approved"]] as const) {
      const rec = fields(name);
      expect(sim.status).toBe(recorded.replies[name].httpStatus);
      expect(sim.keys).toEqual(keys(name));
      expect(sim.fields).toMatchObject({ STATUS: rec.STATUS, MESSAGE: rec.MESSAGE, TRANS_TYPE: rec.TRANS_TYPE, REBID: "" });
      expect(sim.fields.TRANS_ID).toMatch(/^\d{12}$/);
      expect(sim.fields.AUTH_CODE).toMatch(/^[A-Z0-9]{5,6}$/);
    }
  });

  it("VERSION 1 adds what Active Merchant's recorded replies carry: PAYMENT_ACCOUNT_MASK and CARD_TYPE", async () => {
    const sim = await post({ TRANS_TYPE: "AUTH", AMOUNT: "3.00", VERSION: "1", ...card });
    expect([...sim.keys].sort()).toEqual([...keys("am_auth_approved")].sort());
    expect(sim.fields.PAYMENT_ACCOUNT_MASK).toMatch(/^x{12}1111$/);
    expect(sim.fields).toMatchObject({ CARD_TYPE: "VISA", MESSAGE: fields("am_auth_approved").MESSAGE });
  });

  it("refusals: the recorded messages with the recorded HTTP status (400, but 200 for a missing expiry)", async () => {
    const cases = [
      [await post({ TRANS_TYPE: "SALE", AMOUNT: "3.00", ...card, PAYMENT_ACCOUNT: "4111111111111112" }), "sale_card_not_valid"],
      [await post({ TRANS_TYPE: "AUTH", AMOUNT: "3.00", ...card, CARD_EXPIRE: "" }), "auth_expiry_missing"],
      [await post({ TRANS_TYPE: "CAPTURE", MASTER_ID: "100000999999", AMOUNT: "3.00" }), "capture_original_not_found"],
      [await post({ TRANS_TYPE: "REFUND", MASTER_ID: "100000999999", AMOUNT: "3.00" }), "refund_original_not_found"],
    ] as const;
    for (const [sim, name] of cases) {
      expect([name, sim.status]).toEqual([name, recorded.replies[name].httpStatus]);
      expect(sim.keys).toEqual(keys(name));
      expect(sim.fields).toEqual(fields(name));
    }
  });
});

// The client itself, given the recorded values in bp10emu's documented reply (spec §5.3: with
// RESPONSEVERSION ≥ 1 a bp10emu reply carries STATUS, TRANS_ID and TRANS_TYPE beside Result and
// RRNO, the same values bp20post returns). Only the stamp is ours: no recording shows a secret.
describe("BluePay client given the recorded values in a bp10emu reply", () => {
  const SECRET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
  const RESULT: Record<string, string> = { "1": "APPROVED", "0": "DECLINED", E: "ERROR" };
  let gateway: ReplayGateway | undefined;
  afterEach(async () => {
    await gateway?.close();
    gateway = undefined;
  });

  /** bp10emu's 302 carrying the recorded reply's values, stamped over the fields the client asked for. */
  function redirectFor(name: Name): RecordedReply {
    const rec = fields(name);
    const reply: Record<string, string> = { ...rec, Result: RESULT[rec.STATUS!]!, RRNO: rec.TRANS_ID ?? "", PAYMENT_ACCOUNT: rec.PAYMENT_ACCOUNT_MASK ?? "" };
    reply.BP_STAMP_DEF = REQUESTED_STAMP_DEF;
    reply.TPS_HASH_TYPE = "HMAC_SHA512";
    const message = REQUESTED_STAMP_DEF.split(" ").map((f) => reply[f] ?? "").join("");
    reply.BP_STAMP = createHmac("sha512", SECRET).update(message).digest("hex").toUpperCase();
    return { status: 302, headers: { location: `https://secure.bluepay.com/done?${new URLSearchParams(reply)}` }, body: "" };
  }

  async function clientAnswering(...names: Name[]): Promise<GatewayClient> {
    gateway = await replayGateway(names.map(redirectFor));
    return bluepayDefinition.create({ id: "a", kind: "bluepay", mode: "test", baseUrl: gateway.url, currency: "USD", timeoutMs: 3000, credentials: { accountId: "100123456789", secretKey: SECRET } });
  }
  const billing = { firstName: "Bob", lastName: "Tester", address1: "123 Test St.", city: "Testville", state: "IL", postalCode: "54321", country: "US" };
  const card = { number: "4111111111111111", expMonth: 12, expYear: 2029, cvv: "123", holderName: "Bob Tester" };
  const sale = (amount: number) => ({ source: { type: "card" as const, card }, amount: { amount, currency: "USD" }, billing, orderId: "1", reference: "r-1" });

  it("a recorded approved sale: approved, id, auth code, AVS M match, CVV2 '_' not checked, message", async () => {
    const r = await (await clientAnswering("sale_approved")).sale(sale(300));
    expect(r).toMatchObject({
      status: "approved",
      gatewayTransactionId: "100307070181",
      authCode: "JMEKZA",
      message: "Approved Sale",
      avs: { code: "M", category: "match", meaning: "Address and postal code match" },
      cvv: { code: "_", category: "not_checked" },
      card: { brand: "visa", last4: "1111", masked: "411111******1111" },
    });
    // The request: dollars with two decimals, and a seal over the documented field list (MERCHANT
    // TRANSACTION_TYPE AMOUNT REBILLING REB_FIRST_DATE REB_EXPR REB_CYCLES REB_AMOUNT RRNO MODE), recomputed here.
    const sent = Object.fromEntries(new URLSearchParams(gateway!.sent[0]!.body));
    expect(sent).toMatchObject({ MERCHANT: "100123456789", TRANSACTION_TYPE: "SALE", AMOUNT: "3.00", MODE: "TEST", CC_NUM: card.number, CC_EXPIRES: "1229" });
    const sealInput = ["MERCHANT", "TRANSACTION_TYPE", "AMOUNT", "REBILLING", "REB_FIRST_DATE", "REB_EXPR", "REB_CYCLES", "REB_AMOUNT", "RRNO", "MODE"].map((f) => sent[f] ?? "").join("");
    expect(sent.TAMPER_PROOF_SEAL).toBe(createHmac("sha512", SECRET).update(sealInput).digest("hex"));
  });

  it("a recorded auth with a masked account: the card is read from PAYMENT_ACCOUNT on a token charge", async () => {
    const r = await (await clientAnswering("am_sale_approved")).sale({ ...sale(100), source: { type: "token", token: "100134203758" } });
    expect(r).toMatchObject({ status: "approved", gatewayTransactionId: "100134203767", authCode: "GYRUY", token: "100134203758", card: { brand: "visa", last4: "4242", masked: "************4242" } });
  });

  it("recorded declines and refusals: a decline with unrecognised codes, the card's refusal, no such original", async () => {
    const c = await clientAnswering("am_declined", "sale_card_not_valid", "capture_original_not_found");
    const declined = await c.authorize(sale(100));
    expect(declined).toMatchObject({ status: "declined", errorKind: "declined", gatewayTransactionId: "100000000150", message: "Declined", avs: { code: "0", category: "unavailable" }, cvv: { code: "7", category: "unavailable" } });
    expect(await c.sale(sale(300))).toMatchObject({ status: "error", errorKind: "rejected", fault: "card", message: "CARD ACCOUNT NOT VALID" });
    const parent = { gatewayTransactionId: "100000999999", kind: "auth" as const, amount: { amount: 300, currency: "USD" } };
    expect(await c.capture({ parent, amount: parent.amount, reference: "c" })).toMatchObject({ status: "error", errorKind: "rejected", fault: "request", message: "COULD NOT LOCATE ORIGINAL TRANSACTION" });
  });
});
