// Simulated bePaid webhooks (spec §9 [SIM]): a payment, authorization or tokenization that names a
// notification_url is posted there with the shop's Basic credentials and a Content-Signature made
// with the shop's own RSA key. The key pair is made once per process; its public half is served at
// GET /_sandbox/bepaid/webhook-key for the admin to paste into the account's settings.
import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import type { SimContext } from "../types";
import { SHOPS } from "./accounts";

const keys = new Map<string, { privateKey: KeyObject; publicKey: string }>();

function keyOf(shopId: string) {
  let k = keys.get(shopId);
  if (!k) {
    const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
    k = { privateKey: pair.privateKey, publicKey: pair.publicKey.export({ format: "der", type: "spki" }).toString("base64") };
    keys.set(shopId, k);
  }
  return k;
}

/** The shop's public key as bePaid's back office shows it: base64 DER, no armour. */
export function webhookPublicKey(shopId: string): string {
  return keyOf(shopId).publicKey;
}

export function sendNotification(url: unknown, shopId: string, transaction: unknown, ctx: SimContext): void {
  const shop = SHOPS[shopId];
  if (typeof url !== "string" || !/^https?:\/\//.test(url) || !shop) return;
  const body = JSON.stringify({ transaction });
  const signature = sign("sha256", Buffer.from(body, "utf8"), keyOf(shopId).privateKey).toString("base64");
  const basic = `Basic ${Buffer.from(`${shopId}:${shop.secretKey}`).toString("base64")}`;
  ctx.sendCallback(url, { headers: { "content-type": "application/json", authorization: basic, "content-signature": signature }, body });
}
