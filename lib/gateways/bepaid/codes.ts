// bePaid AVS / CVC result codes (spec §5) mapped onto the common vocabulary, and the
// transaction status → normalized status mapping (spec §10).
import type { CodeCategory, CodeResult, GatewayStatus } from "../types";
import { CVC_MEANINGS } from "./spec-guesses";

interface CodeInfo {
  meaning: string;
  category: CodeCategory;
}

/** From the bePaid AVS/CVC page (spec §5). */
const AVS_CODES: Record<string, CodeInfo> = {
  "0": { meaning: "AVS result unknown", category: "unavailable" },
  "1": { meaning: "AVS not supported for this processor or card type", category: "not_checked" },
  A: { meaning: "Street address matches, ZIP does not", category: "partial" },
  B: { meaning: "Street address matches, postal code not verified", category: "partial" },
  E: { meaning: "AVS system error: nothing verified", category: "unavailable" },
  M: { meaning: "Street address and postal code match", category: "match" },
  N: { meaning: "Neither street address nor postal code matches", category: "no_match" },
  O: { meaning: "Address does not match", category: "no_match" },
  P: { meaning: "Postal code matches, street address not verified", category: "partial" },
  W: { meaning: "Street address does not match, ZIP matches", category: "partial" },
  U: { meaning: "Address information unavailable", category: "unavailable" },
  AE1: { meaning: "Cardholder name wrong, ZIP matches", category: "partial" },
  AE2: { meaning: "Cardholder name wrong, street address and ZIP match", category: "partial" },
  AE3: { meaning: "Cardholder name wrong, street address matches", category: "partial" },
  AE4: { meaning: "Cardholder name matches", category: "partial" },
  AE5: { meaning: "Cardholder name and ZIP match", category: "partial" },
  AE6: { meaning: "Cardholder name, street address and ZIP match", category: "match" },
  AE7: { meaning: "Cardholder name and street address match", category: "partial" },
};

function lookup(table: Record<string, CodeInfo>, code: string, what: string): CodeResult {
  const info = table[code] ?? table[code.toUpperCase()];
  if (info) return { code, meaning: info.meaning, category: info.category };
  return { code, meaning: `Unrecognised ${what} code`, category: "unavailable" };
}

export function avsResult(code: string | null | undefined): CodeResult | undefined {
  if (code === null || code === undefined || code === "") return undefined;
  return lookup(AVS_CODES, code, "AVS");
}

export function cvcResult(code: string | null | undefined): CodeResult | undefined {
  if (code === null || code === undefined || code === "") return undefined;
  return lookup(CVC_MEANINGS, code, "security code");
}

/** `transaction.status` → our status; undefined for anything we do not know (treated as unknown outcome). */
export function normalizeStatus(status: string): GatewayStatus | undefined {
  switch (status) {
    case "successful":
      return "approved";
    case "failed":
      return "declined";
    case "incomplete":
      return "pending";
    default:
      return undefined;
  }
}
