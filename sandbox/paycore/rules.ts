// TEST-mode rules (spec §6 table S1–S10, checked in order) plus one of ours: CVV "999" → CVV failure.
import type { CardClass, FinalOutcome, StoredCard } from "./state";

export const TEST_CARDS: Record<string, CardClass> = {
  "5519283812030000": "success", // S1
  "5123817234060000": "3ds_success", // S2
  "4412397212080000": "3ds_fail", // S3
  "4302912837020000": "declined", // S4
  "4000000000009995": "insufficient", // S5
};

/** Ours (not in the spec's S-table): this CVV makes the issuer refuse with card_verification_failed. */
export const CVV_MISMATCH = "999";

export const SLOW_PROVIDER_FRACTION = 13; // S7: amount .13 waits for /_sim/invoices/{id}/complete
export const REFUND_FAIL_FRACTION = 77; // S9: refund amount .77 fails

export function classify(pan: string): CardClass {
  return TEST_CARDS[pan] ?? "success"; // S1: any other Luhn-valid card behaves like 5519…
}

export function brandOf(pan: string): string {
  if (/^4/.test(pan)) return "visa";
  if (/^(5[1-5]|2[2-7])/.test(pan)) return "mastercard";
  if (/^3[47]/.test(pan)) return "amex";
  return "unknown";
}

export function expired(expMonth: string, expYear: string, now: Date): boolean {
  const year = 2000 + Number(expYear);
  const month = Number(expMonth);
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth() + 1;
  return year < y || (year === y && month < m);
}

export interface Decision {
  outcome: FinalOutcome;
  threeDs: boolean;
}

const ok: FinalOutcome = { status: "processed", resolution: "ok" };
const failed = (resolution: string): FinalOutcome => ({ status: "process_failed", resolution });

/**
 * The outcome of charging `card`. `viaToken` = merchant-initiated token charge (S8): no 3DS, no CVV.
 * Cards with a fixed failure (S3–S5) decide first; a past expiry (S6) fails even the success cards S1/S2
 * (reading "S1 first" literally would let an expired card pass, which no processor does).
 */
export function decide(card: StoredCard, cvv: string | null, viaToken: boolean, now: Date): Decision {
  if (card.cls === "3ds_fail") return { outcome: failed("authentication_failed"), threeDs: !viaToken }; // S3
  if (card.cls === "declined") return { outcome: failed("declined_error"), threeDs: false }; // S4
  if (card.cls === "insufficient") return { outcome: failed("insufficient_funds"), threeDs: false }; // S5
  if (expired(card.expMonth, card.expYear, now)) return { outcome: failed("invalid_details"), threeDs: false }; // S6
  if (cvv === CVV_MISMATCH) return { outcome: failed("card_verification_failed"), threeDs: false };
  return { outcome: ok, threeDs: card.cls === "3ds_success" && !viaToken }; // S1 / S2
}

/** The verify flow reports verified / verify_failed instead of processed / process_failed. */
export function forFlow(outcome: FinalOutcome, flow: string): FinalOutcome {
  if (flow !== "verify") return outcome;
  return { status: outcome.status === "processed" ? "verified" : "verify_failed", resolution: outcome.resolution };
}
