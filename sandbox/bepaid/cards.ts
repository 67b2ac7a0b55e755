// Card rules of the simulator, independent of lib/: Luhn, brand, bePaid test cards (spec §7.2)
// and AVS / CVC emulation (spec §7.3).
import { createHash } from "node:crypto";
import { luhn } from "../luhn";

export { luhn };

/** bePaid brand names (spec §3.1). */
export function brandOf(pan: string): string {
  const p2 = Number(pan.slice(0, 2));
  const p4 = Number(pan.slice(0, 4));
  if (pan.startsWith("4")) return "visa";
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return "master";
  if (p2 === 34 || p2 === 37) return "amex";
  if (p4 >= 3528 && p4 <= 3589) return "jcb";
  if (pan.startsWith("6011") || pan.startsWith("65")) return "discover";
  if (p2 === 36 || p2 === 38 || (p4 >= 3000 && p4 <= 3059)) return "dinersclub";
  if (pan.startsWith("62")) return "unionpay";
  if (pan.startsWith("9112")) return "belkart";
  if (pan.startsWith("5") || pan.startsWith("6")) return "maestro";
  return "unknown";
}

/** Card fingerprint: 64 hex, constant per PAN (spec §3.1 `stamp`). */
export function stampOf(pan: string): string {
  return createHash("sha256").update(`bepaid-sim:${pan}`).digest("hex");
}

/** §7.2: the one documented non-3DS decline card. */
export const DECLINE_CARD = "4005550000000019";
export const APPROVE_CARD = "4200000000000000";
/** §7.2 3-D Secure cards. With 3DS off for the shop they behave like the approve card ([GUESS] §7.2). */
export const THREE_DS_CARDS = [
  "4012000000001006", "4012000000001055", "4012000000001097", "4012000000001022", "4012000000001030", "4012000000001014",
  "5204240000015003", "5204240000015011", "5204240000015029", "5204240000015045", "5204240000015052", "5204240000015060",
];
export const LISTED_TEST_CARDS = [APPROVE_CARD, DECLINE_CARD, ...THREE_DS_CARDS];

export function cardDeclines(pan: string): boolean {
  return pan === DECLINE_CARD;
}

const AVS_BY_DIGITS: Record<string, string> = { "11": "M", "22": "N", "12": "B", "21": "P", "33": "U", "44": "E", "55": "0" };
const CVC_BY_VALUE: Record<string, string> = { "111": "M", "222": "N", "333": "U", "444": "E", "555": "0" };

/** §7.3: first digit of `billing_address.address` and of `zip` ([SIM] first digit found). */
export function emulateAvs(address: string | undefined, zip: string | undefined): string {
  const a = /\d/.exec(address ?? "")?.[0];
  const z = /\d/.exec(zip ?? "")?.[0];
  if (!a || !z) return "1";
  return AVS_BY_DIGITS[`${a}${z}`] ?? "1";
}

/** §7.3: the verification value decides; anything else is "1" ([GUESS]). */
export function emulateCvc(cvc: string | undefined): string {
  return (cvc && CVC_BY_VALUE[cvc]) ?? "1";
}
