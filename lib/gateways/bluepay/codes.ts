// AVS and CVV2 code tables (spec §6.2, §6.3) mapped onto the app's common vocabulary.
import type { CodeCategory, CodeResult, Fault, GatewayStatus } from "../types";
import { ACCOUNT_STATE_MESSAGE } from "./spec-guesses";

type CodeTable = Readonly<Record<string, readonly [CodeCategory, string]>>;

const AVS: CodeTable = {
  A: ["partial", "Street address matches, ZIP code does not"],
  B: ["partial", "International: street address matches, postal code not checked"],
  C: ["not_checked", "International: street address and postal code not checked"],
  D: ["match", "International: street address and postal code match"],
  E: ["not_checked", "AVS not allowed for this transaction (not a mail/phone order)"],
  F: ["match", "Address and postal code match (UK)"],
  G: ["unavailable", "AVS not supported by the non-US issuer"],
  I: ["not_checked", "Address not verified (international)"],
  M: ["match", "Address and postal code match"],
  N: ["no_match", "Neither the street address nor the ZIP code matches"],
  P: ["partial", "International: postal code matches, street address not checked"],
  Q: ["not_checked", "Billing address failed the issuer's format checks"],
  R: ["unavailable", "Issuer unavailable, retry later"],
  S: ["unavailable", "AVS not supported"],
  U: ["unavailable", "Address information unavailable"],
  W: ["partial", "9-digit ZIP code matches, street address does not"],
  X: ["match", "Exact match: street address and 9-digit ZIP code"],
  Y: ["match", "Exact match: street address and 5-digit ZIP code"],
  Z: ["partial", "5-digit ZIP code matches, street address does not"],
  "1": ["partial", "Cardholder name matches"],
  "2": ["match", "Cardholder name, address and postal code match"],
  "3": ["partial", "Cardholder name and postal code match"],
  "4": ["partial", "Cardholder name and address match"],
  "5": ["partial", "Cardholder name wrong; address and postal code match"],
  "6": ["partial", "Cardholder name wrong; postal code matches"],
  "7": ["partial", "Cardholder name wrong; address matches"],
  "8": ["no_match", "Cardholder name, address and postal code all wrong"],
  _: ["not_checked", "AVS not applicable or not returned"],
};

const CVV: CodeTable = {
  M: ["match", "CVV2 matches"],
  Y: ["match", "CVV2 matches"],
  N: ["no_match", "CVV2 does not match"],
  P: ["not_checked", "CVV2 not processed"],
  S: ["not_checked", "The card has a CVV2 but none was supplied"],
  U: ["unavailable", "The issuer does not provide CVV2 checking"],
  X: ["unavailable", "No response from the card association"],
  _: ["not_checked", "CVV2 not supported for this network or transaction type"],
};

function lookup(table: CodeTable, code: string | undefined, what: string): CodeResult | undefined {
  if (code === undefined || code === "") return undefined;
  const hit = table[code.toUpperCase()];
  if (!hit) return { code, meaning: `Unrecognised ${what} code`, category: "unavailable" };
  return { code, meaning: hit[1], category: hit[0] };
}

export const avsResult = (code: string | undefined) => lookup(AVS, code, "AVS");
export const cvvResult = (code: string | undefined) => lookup(CVV, code, "CVV2");

/** bp10emu `Result` / stq `status` → normalized status. */
export function statusOf(result: string): GatewayStatus {
  switch (result) {
    case "APPROVED":
    case "1":
      return "approved";
    case "DECLINED":
    case "0":
      return "declined";
    default:
      return "error";
  }
}

/** BluePay CARD_TYPE (§6.5) → app brand. */
export function brandOf(cardType: string | undefined) {
  switch ((cardType ?? "").toUpperCase()) {
    case "VISA":
      return "visa" as const;
    case "MC":
      return "mastercard" as const;
    case "AMEX":
      return "amex" as const;
    case "DISC":
      return "discover" as const;
    case "JCB":
      return "jcb" as const;
    case "DCCB":
      return "diners" as const;
    default:
      return "unknown" as const;
  }
}

// §6.4: refusals (STATUS E / Result ERROR) the account's configuration causes, and those the card's data causes.
const MERCHANT_MESSAGES = [/^SECURITY ERROR/i, /^Unable to locate account/i, /account is in TEST mode/i];
const CARD_MESSAGES = [/^CARD ACCOUNT NOT VALID/i, /^MISSING PAYMENT ACCOUNT/i, /^Expiration date required/i, /^(Card Expired|Expired Card)/i, /^Invalid CVV2/i];
/** Result=MISSING names the field; these are the card's. */
const CARD_FIELDS = new Set(["PAYMENT_ACCOUNT", "CC_NUM", "CC_EXPIRES", "CARD_EXPIRE", "CVCCVV2", "CARD_CVV2"]);

/** Whose problem a refusal is, from its MESSAGE (and, for Result=MISSING, the missing field). */
export function refusalFault(message: string, missingField = ""): Fault {
  if (MERCHANT_MESSAGES.some((m) => m.test(message)) || ACCOUNT_STATE_MESSAGE.test(message)) return "merchant";
  if (CARD_FIELDS.has(missingField.toUpperCase()) || CARD_MESSAGES.some((m) => m.test(message))) return "card";
  return "request";
}
