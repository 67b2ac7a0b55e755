// Spec §9: bePaid notifications carry HTTP Basic with the shop's own Shop ID and Secret key
// (and an RSA Content-Signature we do not verify yet: that needs the shop's public key).
import { timingSafeEqual } from "node:crypto";
import { basicAuth } from "../http";
import { redact } from "../redact";
import type { CallbackVerification, GatewayResult } from "../types";
import type { BepaidCredentials } from "./credentials";
import { parseReply, type WireTransaction } from "./wire";

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}

export function verifyNotification(
  creds: BepaidCredentials,
  headers: Headers,
  rawBody: string,
  toResult: (tx: WireTransaction, raw: GatewayResult["raw"]) => GatewayResult,
): CallbackVerification {
  if (!sameSecret(headers.get("authorization") ?? "", basicAuth(creds.shopId, creds.secretKey))) {
    return { valid: false, reason: "Notification credentials do not match this shop" };
  }
  const reply = parseReply({ text: rawBody });
  if (reply.kind !== "transaction") return { valid: false, reason: "Notification body is not a bePaid transaction" };
  const result = toResult(reply.tx, { request: null, response: redact(reply.json, ["number"]) });
  return {
    valid: true,
    event: { gatewayTransactionId: reply.tx.uid, reference: reply.tx.tracking_id ?? undefined, status: result.status, result },
  };
}
