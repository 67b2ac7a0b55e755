// The simulator's own TAMPER_PROOF_SEAL / BP_STAMP arithmetic (spec §3, §5.4), independent of lib/.
import { createHash, createHmac } from "node:crypto";

const PLAIN: Record<string, string> = { MD5: "md5", SHA256: "sha256", SHA512: "sha512" };
const HMAC: Record<string, string> = { HMAC_SHA256: "sha256", HMAC_SHA512: "sha512" };

export function knownHashType(t: string): boolean {
  return t in PLAIN || t in HMAC;
}

export function digest(secret: string, message: string, hashType: string): string {
  const hmac = HMAC[hashType];
  if (hmac) return createHmac(hmac, secret).update(message, "utf8").digest("hex");
  return createHash(PLAIN[hashType] ?? "md5").update(secret + message, "utf8").digest("hex");
}

export function valuesOf(fields: Record<string, string>, names: readonly string[]): string {
  return names.map((n) => fields[n] ?? "").join("");
}

/** Seal check: the gateway compares case-insensitively (§3.1 inference). */
export function sealMatches(secret: string, fields: Record<string, string>, names: readonly string[], hashType: string, seal: string): boolean {
  return digest(secret, valuesOf(fields, names), hashType).toLowerCase() === seal.toLowerCase();
}

export const BP10EMU_DEFAULT_TPS = ["MERCHANT", "TRANSACTION_TYPE", "AMOUNT", "REBILLING", "REB_FIRST_DATE", "REB_EXPR", "REB_CYCLES", "REB_AMOUNT", "RRNO", "AVS_ALLOWED", "AUTOCAP", "MODE"] as const;
export const BP20POST_DEFAULT_TPS = ["ACCOUNT_ID", "TRANS_TYPE", "AMOUNT", "MASTER_ID", "NAME1", "PAYMENT_ACCOUNT"] as const;
export const REPORT_DEFAULT_TPS = ["ACCOUNT_ID", "REPORT_START_DATE", "REPORT_END_DATE"] as const;
export const DEFAULT_STAMP_DEF = "RRNO ISSUE_DATE Result";
