// Spec §9: a bePaid notification carries HTTP Basic with the shop's own Shop ID and Secret key and
// a Content-Signature: base64 RSA PKCS#1 v1.5 SHA-256 of the raw body, made with the shop's private
// key. Webhooks are on for an account when its public key is set; then both must verify.
import { timingSafeEqual, verify } from "node:crypto";
import { basicAuth } from "../http";
import { redact } from "../redact";
import type { CallbackVerification, GatewayResult } from "../types";
import type { BepaidCredentials } from "./credentials";
import { parseWebhookPublicKey } from "./public-key";
import { parseReply, type WireTransaction } from "./wire";

export const SIGNATURE_HEADER = "content-signature";

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Webhooks are on for an account whose public key is set (and readable). */
export function webhooksEnabled(creds: BepaidCredentials): boolean {
  return parseWebhookPublicKey(creds.webhookPublicKey ?? "") !== null;
}

function signatureValid(publicKeyText: string, rawBody: string, header: string | null): boolean {
  const key = parseWebhookPublicKey(publicKeyText);
  if (!key || !header || !/^[A-Za-z0-9+/]+={0,2}$/.test(header.trim())) return false;
  try {
    return verify("sha256", Buffer.from(rawBody, "utf8"), key, Buffer.from(header.trim(), "base64"));
  } catch {
    return false;
  }
}

export function verifyNotification(
  creds: BepaidCredentials,
  headers: Headers,
  rawBody: string,
  toResult: (tx: WireTransaction, raw: GatewayResult["raw"]) => GatewayResult,
): CallbackVerification {
  if (!webhooksEnabled(creds)) return { valid: false, reason: "Webhooks are not enabled for this bePaid account (no public key set)" };
  if (!sameSecret(headers.get("authorization") ?? "", basicAuth(creds.shopId, creds.secretKey))) {
    return { valid: false, reason: "Notification credentials do not match this shop" };
  }
  if (!signatureValid(creds.webhookPublicKey ?? "", rawBody, headers.get(SIGNATURE_HEADER))) {
    return { valid: false, reason: "Missing or invalid Content-Signature" };
  }
  const reply = parseReply({ text: rawBody });
  if (reply.kind !== "transaction") return { valid: false, reason: "Notification body is not a bePaid transaction" };
  const result = toResult(reply.tx, { request: null, response: redact(reply.json, ["number"]) });
  return {
    valid: true,
    event: { gatewayTransactionId: reply.tx.uid, reference: reply.tx.tracking_id ?? undefined, status: result.status, result },
  };
}
