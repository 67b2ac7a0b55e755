// bePaid webhooks (spec §9) with a key pair made here: on for an account whose public key is set,
// then accepted only with the shop's Basic credentials AND a Content-Signature over the raw bytes.
import { generateKeyPairSync, sign } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { replayGateway, type ReplayGateway } from "../../testing/replay-gateway";
import { basicAuth } from "../http";
import type { GatewayClient } from "../types";
import recorded from "./fixtures/recorded.json";
import { bepaidCredentialsSchema } from "./credentials";
import { bepaidDefinition } from "./index";

const shop = generateKeyPairSync("rsa", { modulusLength: 2048 });
const stranger = generateKeyPairSync("rsa", { modulusLength: 2048 });
/** As bePaid's back office shows it: base64 DER SubjectPublicKeyInfo, no armour. */
const BARE_KEY = shop.publicKey.export({ format: "der", type: "spki" }).toString("base64");
const PEM_KEY = shop.publicKey.export({ format: "pem", type: "spki" }).toString();
const CREDS = { shopId: "361", secretKey: "b".repeat(64) };

/** A real recorded payment reply: a webhook's body is exactly the transaction response (spec §9). */
const BODY = JSON.stringify(recorded.exchanges.payment_by_token_approved.response.body);
const signature = (body: string, key = shop.privateKey) => sign("sha256", Buffer.from(body, "utf8"), key).toString("base64");

function client(webhookPublicKey: string, baseUrl = "http://127.0.0.1:9"): GatewayClient {
  return bepaidDefinition.create({ id: "a", kind: "bepaid", mode: "test", baseUrl, currency: "BYN", timeoutMs: 3000, credentials: { ...CREDS, webhookPublicKey }, callbackUrl: "https://keyed.example/api/webhooks/bepaid" });
}

function deliver(c: GatewayClient, body: string, headers: Record<string, string>) {
  return c.verifyCallback!(new Headers(headers), body);
}
const goodHeaders = (body = BODY) => ({ authorization: basicAuth(CREDS.shopId, CREDS.secretKey), "content-signature": signature(body) });

describe("bePaid webhook verification", () => {
  it("accepts a notification with the shop's Basic credentials and a signature over its raw bytes", () => {
    for (const key of [BARE_KEY, PEM_KEY, PEM_KEY.replace(/\n/g, "")]) {
      const v = deliver(client(key), BODY, goodHeaders());
      expect(v).toMatchObject({ valid: true, event: { gatewayTransactionId: "3596794-18f91f7c1e", reference: "2Vn0NDm5bEVA0Ws6rzTv2Kt1XEKqaR7h", status: "approved" } });
      if (v.valid) expect(v.event.result).toMatchObject({ authCode: "654321", amount: { amount: 100, currency: "BYN" } });
    }
  });

  it("refuses a bad signature: another body, another key, re-serialised JSON, none, garbage", () => {
    const c = client(BARE_KEY);
    const basic = { authorization: basicAuth(CREDS.shopId, CREDS.secretKey) };
    const tampered = BODY.replace('"amount":100', '"amount":1');
    const reindented = JSON.stringify(JSON.parse(BODY), null, 2);
    const cases: Record<string, string>[] = [
      { ...basic, "content-signature": signature(BODY) }, // delivered with the tampered body below
      { ...basic, "content-signature": signature(BODY, stranger.privateKey) },
      { ...basic },
      { ...basic, "content-signature": "not base64 at all!" },
      { ...basic, "content-signature": "" },
    ];
    expect(deliver(c, tampered, cases[0]!)).toMatchObject({ valid: false, reason: "Missing or invalid Content-Signature" });
    expect(deliver(c, reindented, cases[0]!).valid).toBe(false);
    for (const h of cases.slice(1)) expect(deliver(c, BODY, h)).toMatchObject({ valid: false, reason: "Missing or invalid Content-Signature" });
  });

  it("a good signature does not stand in for the Basic credentials", () => {
    const c = client(BARE_KEY);
    expect(deliver(c, BODY, { "content-signature": signature(BODY) }).valid).toBe(false);
    expect(deliver(c, BODY, { authorization: basicAuth(CREDS.shopId, "wrong"), "content-signature": signature(BODY) })).toMatchObject({ valid: false, reason: "Notification credentials do not match this shop" });
  });

  it("is off for an account without a public key, even with the right Basic credentials", () => {
    expect(deliver(client(""), BODY, goodHeaders())).toMatchObject({ valid: false, reason: "Webhooks are not enabled for this bePaid account (no public key set)" });
  });

  it("a signed body that is not a transaction is refused", () => {
    expect(deliver(client(BARE_KEY), "{}", goodHeaders("{}")).valid).toBe(false);
  });
});

describe("bePaid webhook public key setting", () => {
  it("takes the back office's bare key or a PEM, refuses anything else, and may stay empty", () => {
    const parse = (webhookPublicKey: string) => bepaidCredentialsSchema.safeParse({ ...CREDS, webhookPublicKey }).success;
    expect(parse(BARE_KEY)).toBe(true);
    expect(parse(PEM_KEY)).toBe(true);
    expect(parse("")).toBe(true);
    expect(bepaidCredentialsSchema.safeParse(CREDS).success).toBe(true);
    expect(parse("hello")).toBe(false);
    expect(parse(BARE_KEY.slice(0, 100))).toBe(false);
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey.export({ format: "der", type: "spki" }).toString("base64");
    expect(parse(ec)).toBe(false);
  });

  let gateway: ReplayGateway | undefined;
  afterEach(async () => {
    await gateway?.close();
    gateway = undefined;
  });

  it("turning webhooks on is what makes sales ask bePaid for a notification", async () => {
    const reply = { status: 200, body: JSON.stringify(recorded.exchanges.payment_by_token_approved.response.body) };
    gateway = await replayGateway([reply, reply]);
    const sale = { source: { type: "token" as const, token: "t" }, amount: { amount: 100, currency: "BYN" }, billing: { firstName: "A", lastName: "B", address1: "x", city: "Minsk", postalCode: "1", country: "BY" }, orderId: "1", reference: "r" };
    await client(BARE_KEY, gateway.url).sale(sale);
    await client("", gateway.url).sale(sale);
    const sent = gateway.sent.map((s) => (JSON.parse(s.body) as { request: { notification_url?: string } }).request.notification_url);
    expect(sent).toEqual(["https://keyed.example/api/webhooks/bepaid", undefined]);
  });
});
