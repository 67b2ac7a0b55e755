// Who a card is, for the per-card attempt limit (lib/services/payments/limits.ts), without keeping its
// number: a keyed hash (HMAC-SHA256, PCI DSS 3.5.1.1) under a key derived from the app key, so the
// stored value cannot be matched against a list of numbers by anyone without that key. A key rotation
// changes every fingerprint; the limit only looks back an hour.
import { createHmac, hkdfSync } from "node:crypto";
import { currentKey } from "./crypto";

let derived: { keyId: string; bytes: Buffer } | undefined;

function fingerprintKey(): Buffer {
  const key = currentKey();
  if (derived?.keyId !== key.id) derived = { keyId: key.id, bytes: Buffer.from(hkdfSync("sha256", key.bytes, Buffer.alloc(0), "keyed card fingerprint v1", 32)) };
  return derived.bytes;
}

/** A keyed card's fingerprint: "k1:" and 32 hex digits. */
export function cardFingerprint(pan: string): string {
  return `k1:${createHmac("sha256", fingerprintKey()).update(pan.replace(/\D/g, "")).digest("hex").slice(0, 32)}`;
}

/** A saved card's: its id (its number is not known here). */
export const savedCardFingerprint = (paymentMethodId: string) => `pm:${paymentMethodId}`;
