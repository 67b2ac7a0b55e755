// AVS / CVV result codes (the processor's single letters, spec §8) mapped onto the app's common
// vocabulary, and the classification of a `verified:"0"` reply into decline vs refusal.
import type { CardBrand, CodeCategory, CodeResult, Fault } from "../types";
import { BAD_CREDENTIAL_CODES, CARD_DATA_CODES, CARD_TYPE_CODES, CONFIG_HTTP_STATUSES, DECLINE_CODES, DECLINE_TEXT, GATEWAY_CODES } from "./spec-guesses";

type CodeTable = Record<string, { meaning: string; category: CodeCategory }>;

const AVS: CodeTable = {
  Y: { meaning: "Street address and 5-digit ZIP match", category: "match" },
  X: { meaning: "Street address and 9-digit ZIP match", category: "match" },
  D: { meaning: "Street address and postal code match (international)", category: "match" },
  M: { meaning: "Street address and postal code match (international)", category: "match" },
  Z: { meaning: "5-digit ZIP matches, street address does not", category: "partial" },
  W: { meaning: "9-digit ZIP matches, street address does not", category: "partial" },
  A: { meaning: "Street address matches, ZIP does not", category: "partial" },
  B: { meaning: "Street address matches, postal code not verified", category: "partial" },
  P: { meaning: "Postal code matches, street address not verified", category: "partial" },
  N: { meaning: "Neither street address nor ZIP match", category: "no_match" },
  C: { meaning: "Street address and postal code not verified (incompatible format)", category: "unavailable" },
  U: { meaning: "Address information unavailable from the issuer", category: "unavailable" },
  R: { meaning: "Issuer system unavailable, retry", category: "unavailable" },
  E: { meaning: "AVS error", category: "unavailable" },
  S: { meaning: "AVS not supported by the issuer", category: "not_checked" },
  G: { meaning: "Non-US issuer does not participate in AVS", category: "not_checked" },
  I: { meaning: "Address not verified (international)", category: "not_checked" },
};

const CVV: CodeTable = {
  M: { meaning: "Card security code matches", category: "match" },
  N: { meaning: "Card security code does not match", category: "no_match" },
  P: { meaning: "Card security code not processed", category: "not_checked" },
  S: { meaning: "Card security code should be on the card but was not provided", category: "not_checked" },
  X: { meaning: "No card security code result (token transaction or no response)", category: "not_checked" },
  U: { meaning: "Issuer not certified for card security code checks", category: "unavailable" },
};

function lookup(table: CodeTable, code: string, label: string): CodeResult | undefined {
  const c = code.trim().toUpperCase();
  if (c === "") return undefined;
  const known = table[c];
  return known ? { code: c, ...known } : { code: c, meaning: `Unrecognised ${label} code`, category: "unavailable" };
}

export const avsResult = (code: string): CodeResult | undefined => lookup(AVS, code, "AVS");
export const cvvResult = (code: string): CodeResult | undefined => lookup(CVV, code, "CVV");

export function brandFromCardType(cardType: string): CardBrand | undefined {
  return CARD_TYPE_CODES[cardType.trim().toUpperCase()];
}

export type FailureKind = "declined" | "rejected";

/** What a `verified:"0"` reply means, from its errorCode and the ccvRec result text; refusalFault() says whose problem a refusal is. */
export function classifyFailure(errorCode: string, resultText: string): FailureKind {
  if (!BAD_CREDENTIAL_CODES.has(errorCode) && (DECLINE_CODES.has(errorCode) || DECLINE_TEXT.test(resultText))) return "declined";
  return "rejected";
}

/** Whose problem a refused (`verified:"0"`, not declined) reply is, from its errorCode. */
export function refusalFault(errorCode: string): Fault {
  if (BAD_CREDENTIAL_CODES.has(errorCode)) return "merchant";
  if (CARD_DATA_CODES.has(errorCode)) return "card";
  if (GATEWAY_CODES.has(errorCode)) return "gateway";
  return "request";
}

/** Whose problem a 4xx without a Rover Pay reply is. */
export function unreadableRefusalFault(httpStatus: number): Fault {
  return CONFIG_HTTP_STATUSES.has(httpStatus) ? "merchant" : "gateway";
}
