// Callback signature (spec §5): X-Signature = base64(raw SHA-1 of secret + rawBody + secret).
import { createHash, timingSafeEqual } from "node:crypto";

export function callbackSignature(secret: string, rawBody: string): string {
  return createHash("sha1").update(`${secret}${rawBody}${secret}`, "utf8").digest("base64");
}

/** Constant-time check against the raw bytes received (never a re-serialised body). */
export function signatureValid(secret: string, rawBody: string, header: string | null): boolean {
  if (!header) return false;
  const expected = Buffer.from(callbackSignature(secret, rawBody), "utf8");
  const given = Buffer.from(header.trim(), "utf8");
  return expected.length === given.length && timingSafeEqual(expected, given);
}
