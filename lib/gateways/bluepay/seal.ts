// TAMPER_PROOF_SEAL (requests) and BP_STAMP (responses), spec §3 and §5.4.
// Both hash the concatenated *values* of an ordered field list (missing = ""), keyed by the secret.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export const HASH_TYPES = ["MD5", "SHA256", "SHA512", "HMAC_SHA256", "HMAC_SHA512"] as const;
export type HashType = (typeof HASH_TYPES)[number];

export function isHashType(v: string): v is HashType {
  return (HASH_TYPES as readonly string[]).includes(v);
}

/** Lower-case hex digest of `message` for one TPS hash type (§3.1 table). */
export function tpsDigest(secret: string, message: string, hashType: HashType): string {
  switch (hashType) {
    case "MD5":
      return createHash("md5").update(secret + message, "utf8").digest("hex");
    case "SHA256":
      return createHash("sha256").update(secret + message, "utf8").digest("hex");
    case "SHA512":
      return createHash("sha512").update(secret + message, "utf8").digest("hex");
    case "HMAC_SHA256":
      return createHmac("sha256", secret).update(message, "utf8").digest("hex");
    case "HMAC_SHA512":
      return createHmac("sha512", secret).update(message, "utf8").digest("hex");
  }
}

/** Concatenates the values of `names` from `fields`, absent fields contributing "". */
export function sealMessage(fields: Readonly<Record<string, string | undefined>>, names: readonly string[]): string {
  return names.map((n) => fields[n] ?? "").join("");
}

/** bp10emu default seal list as the official SDKs compute it (AVS_ALLOWED / AUTOCAP never sent). */
export const BP10EMU_SEAL_FIELDS = [
  "MERCHANT",
  "TRANSACTION_TYPE",
  "AMOUNT",
  "REBILLING",
  "REB_FIRST_DATE",
  "REB_EXPR",
  "REB_CYCLES",
  "REB_AMOUNT",
  "RRNO",
  "MODE",
] as const;

/** stq / bpdailyreport2 default seal list. */
export const REPORT_SEAL_FIELDS = ["ACCOUNT_ID", "REPORT_START_DATE", "REPORT_END_DATE"] as const;

export function tamperProofSeal(
  secret: string,
  fields: Readonly<Record<string, string | undefined>>,
  names: readonly string[],
  hashType: HashType,
): string {
  return tpsDigest(secret, sealMessage(fields, names), hashType);
}

/** Verifies a response BP_STAMP: values of BP_STAMP_DEF fields, hashed, compared as upper-case hex. */
export function verifyStamp(secret: string, fields: Readonly<Record<string, string | undefined>>, stampDef: string, hashType: HashType, stamp: string): boolean {
  const names = stampDef.split(" ").filter((n) => n !== "");
  const expected = Buffer.from(tpsDigest(secret, sealMessage(fields, names), hashType).toUpperCase(), "utf8");
  const given = Buffer.from(stamp.toUpperCase(), "utf8");
  return expected.length === given.length && timingSafeEqual(expected, given);
}
