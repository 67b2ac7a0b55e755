// The simulated Bolt device's view of a card: Luhn, brand code, masking and vault tokens.
import { createHash } from "node:crypto";
import { luhn } from "../luhn";

export function luhnValid(pan: string): boolean {
  return /^\d{12,19}$/.test(pan) && luhn(pan);
}

/** attr 8 / 9 (spec §4.1: `V` Visa, `M` Master Card; the rest are processor-style guesses). */
export function cardTypeOf(pan: string): { code: string; desc: string } {
  if (/^4/.test(pan)) return { code: "V", desc: "Visa" };
  if (/^(5[1-5]|2[2-7])/.test(pan)) return { code: "M", desc: "Master Card" };
  if (/^3[47]/.test(pan)) return { code: "A", desc: "American Express" };
  if (/^(6011|65|64[4-9])/.test(pan)) return { code: "D", desc: "Discover" };
  return { code: "O", desc: "Other" };
}

/** attr 1: first digit, eight `*`, last four (spec §4.1). */
export function maskAccount(pan: string): string {
  return `${pan.slice(0, 1)}********${pan.slice(-4)}`;
}

/** §5.1 PROPOSED: "9" + 11 digits from a hash of (entity, PAN) + last four; stable per card. */
export function tokenFor(entity: string, pan: string): string {
  const hex = createHash("sha256").update(`${entity}|${pan}`).digest("hex");
  const digits = BigInt(`0x${hex.slice(0, 24)}`).toString().padStart(11, "0").slice(-11);
  return `9${digits}${pan.slice(-4)}`;
}

/** Device card when the caller does not name one (§5.1 rule 3). */
export const DEFAULT_CARD = { pan: "4111111111111111", expiry: "1228" };
