// Error vocabulary (spec §6.2 PROPOSED) and the TEST-mode rules (spec §9 PROPOSED, T1–T10;
// T11 duplicates and T12 are applied by the handlers), plus AVS emulation (§8 PROPOSED).
import type { CardFacts } from "./state";

export interface ErrorDef {
  message: string;
  /** ccvRec attr 13 text, when the error happens with a card in context. */
  text?: string;
}

const ERROR_DEFS = {
  REQ00: { message: "Malformed request" },
  AUTH01: { message: "Invalid authorization token" },
  ENT01: { message: "Unknown entity" },
  REQ01: { message: "A required field is missing" },
  REQ02: { message: "Invalid amount" },
  REQ03: { message: "Invalid expiry" },
  REQ04: { message: "Invalid date" },
  CRD01: { message: "Invalid card number" },
  TOK01: { message: "Token not found" },
  TOK02: { message: "Card expired", text: "[D33] Expired Card." },
  DUP01: { message: "Duplicate transaction", text: "[D10] A charge for this transaction, and amount already exists!" },
  DEC01: { message: "Declined", text: "[D30] Charge Declined." },
  DEC02: { message: "Insufficient funds", text: "[D31] Insufficient Funds." },
  DEC03: { message: "Do not honor", text: "[D32] Do Not Honor." },
  AVS01: { message: "Address verification failed", text: "[D34] AVS Mismatch." },
  REF01: { message: "Original transaction not found" },
  REF02: { message: "Amount exceeds refundable balance" },
  REF03: { message: "Original transaction already voided" },
  FIN01: { message: "Original transaction is not an open authorization" },
  INQ01: { message: "Transaction not found" },
  SYS01: { message: "Processor unavailable", text: "[D90] Host Unavailable." },
} as const satisfies Record<string, ErrorDef>;

export type ErrorCode = keyof typeof ERROR_DEFS;
export const ERRORS: Readonly<Record<ErrorCode, ErrorDef>> = ERROR_DEFS;

export const APPROVED_TEXT = "[D20] Charge Accepted.";
export const VOID_TEXT = "[D21] Void Accepted.";

/** Test cards with a fixed outcome (T9, T10) or a fixed CVV result (our addition). */
export const TEST_CARDS: Record<string, { declineCode?: ErrorCode; cvv?: string }> = {
  "4000000000000002": { declineCode: "DEC01" },
  "4000000000009995": { declineCode: "DEC02" },
  // Not in the spec: the device reports a CVV mismatch for this card, the sale is still approved.
  "4000000000000101": { cvv: "N" },
};

/** T6: cents 09 approve after this delay. */
export const SLOW_APPROVAL_MS = 5000;

export type RuleOutcome = { kind: "decline"; code: ErrorCode } | { kind: "approve"; delayMs: number };

/** §9 T1–T10 for an authorisation or sale of `amount` cents, in the spec's order. */
export function paymentRule(amount: number, expiry: string, card: CardFacts, now: Date): RuleOutcome {
  const cents = amount % 100;
  if (cents === 1) return { kind: "decline", code: "DEC01" };
  if (cents === 2) return { kind: "decline", code: "DEC02" };
  if (cents === 3) return { kind: "decline", code: "DEC03" };
  if (cents === 5) return { kind: "decline", code: "AVS01" };
  if (cents === 8) return { kind: "decline", code: "SYS01" };
  if (amount >= 1_000_000) return { kind: "decline", code: "DEC01" };
  if (isExpired(expiry, now)) return { kind: "decline", code: "TOK02" };
  if (card.declineCode && card.declineCode in ERRORS) return { kind: "decline", code: card.declineCode as ErrorCode };
  return { kind: "approve", delayMs: cents === 9 ? SLOW_APPROVAL_MS : 0 };
}

/** MMYY with a real month. */
export function validExpiry(expiry: string): boolean {
  const m = /^(\d{2})(\d{2})$/.exec(expiry);
  return !!m && Number(m[1]) >= 1 && Number(m[1]) <= 12;
}

/** T8: before the simulator clock's month. */
export function isExpired(expiry: string, now: Date): boolean {
  const m = /^(\d{2})(\d{2})$/.exec(expiry);
  if (!m) return true;
  const year = 2000 + Number(m[2]);
  const month = Number(m[1]);
  return year < now.getFullYear() || (year === now.getFullYear() && month < now.getMonth() + 1);
}

/**
 * §8 PROPOSED AVS emulation from the `avs` object: no data → U; ZIP ending 00000 → N;
 * ZIP ending 99999 → U (issuer unavailable; our reading of "not ending 99999"); street + ZIP → Y;
 * ZIP only → Z.
 */
export function avsFor(avs: Record<string, unknown> | undefined): string {
  const zip = typeof avs?.zip === "string" ? avs.zip.replace(/\D/g, "") : "";
  const addr = typeof avs?.addr === "string" ? avs.addr.trim() : "";
  if (!zip) return "U";
  if (zip.endsWith("00000")) return "N";
  if (zip.endsWith("99999")) return "U";
  return addr ? "Y" : "Z";
}
