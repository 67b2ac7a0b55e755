// Card helpers shared by the browser form and the server: brand from IIN, Luhn, masking, expiry.
import type { CardBrand } from "./gateways/types";

interface BrandRule {
  brand: CardBrand;
  test: (digits: string) => boolean;
  lengths: readonly number[];
  cvvLength: number;
  /** Digit groups for display, e.g. 4-6-5 for Amex. */
  groups: readonly number[];
}

const prefixIn = (d: string, len: number, lo: number, hi: number) => {
  if (d.length < len) return false;
  const n = Number(d.slice(0, len));
  return n >= lo && n <= hi;
};

const BRANDS: readonly BrandRule[] = [
  { brand: "amex", test: (d) => /^3[47]/.test(d), lengths: [15], cvvLength: 4, groups: [4, 6, 5] },
  { brand: "diners", test: (d) => /^3(0[0-5]|[68])/.test(d), lengths: [14, 16, 19], cvvLength: 3, groups: [4, 6, 4] },
  { brand: "jcb", test: (d) => prefixIn(d, 4, 3528, 3589), lengths: [16, 17, 18, 19], cvvLength: 3, groups: [4, 4, 4, 4] },
  {
    brand: "discover",
    test: (d) => /^(6011|65|64[4-9])/.test(d) || prefixIn(d, 6, 622126, 622925),
    lengths: [16, 19],
    cvvLength: 3,
    groups: [4, 4, 4, 4],
  },
  { brand: "unionpay", test: (d) => /^62/.test(d), lengths: [16, 17, 18, 19], cvvLength: 3, groups: [4, 4, 4, 4] },
  {
    brand: "mastercard",
    test: (d) => /^5[1-5]/.test(d) || prefixIn(d, 4, 2221, 2720),
    lengths: [16],
    cvvLength: 3,
    groups: [4, 4, 4, 4],
  },
  { brand: "maestro", test: (d) => /^(5018|5020|5038|5893|6304|6759|676[1-3])/.test(d), lengths: [12, 13, 14, 15, 16, 17, 18, 19], cvvLength: 3, groups: [4, 4, 4, 4] },
  { brand: "visa", test: (d) => /^4/.test(d), lengths: [13, 16, 19], cvvLength: 3, groups: [4, 4, 4, 4] },
];

export const BRAND_LABELS: Record<CardBrand, string> = {
  visa: "Visa",
  mastercard: "Mastercard",
  amex: "American Express",
  discover: "Discover",
  diners: "Diners Club",
  jcb: "JCB",
  unionpay: "UnionPay",
  maestro: "Maestro",
  unknown: "Card",
};

export function digitsOnly(input: string): string {
  return input.replace(/\D/g, "");
}

function ruleFor(digits: string): BrandRule | undefined {
  return BRANDS.find((b) => b.test(digits));
}

export function detectBrand(number: string): CardBrand {
  return ruleFor(digitsOnly(number))?.brand ?? "unknown";
}

export function luhnValid(number: string): boolean {
  const d = digitsOnly(number);
  if (d.length < 12 || d.length > 19) return false;
  let sum = 0;
  for (let i = 0; i < d.length; i++) {
    let n = d.charCodeAt(d.length - 1 - i) - 48;
    if (i % 2 === 1) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return sum % 10 === 0;
}

export function validLengthForBrand(number: string): boolean {
  const d = digitsOnly(number);
  const rule = ruleFor(d);
  return rule ? rule.lengths.includes(d.length) : d.length >= 12 && d.length <= 19;
}

/** What a search box says when a card number is typed into it (the type-ahead has no zod to say it). */
export const SEARCH_BY_LAST4 = "Search by the card's last 4 digits, never its full number";

const DECIMAL_DIGIT = /\p{Nd}/u;
const digitValues = new Map<number, string>();

/**
 * The value ("0"–"9") of any Unicode decimal digit — full-width ４, Arabic-Indic ٤, mathematical 𝟒 —
 * or undefined for anything else. Unicode encodes each script's decimal digits as runs of ten, 0 to 9
 * (several runs may touch), so the value is the offset from the start of the run, modulo ten.
 */
export function decimalDigitValue(ch: string): string | undefined {
  const cp = ch.codePointAt(0)!;
  if (cp >= 48 && cp <= 57) return ch;
  if (!DECIMAL_DIGIT.test(ch)) return undefined;
  let value = digitValues.get(cp);
  if (value === undefined) {
    let start = cp;
    while (DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start--;
    value = String((cp - start) % 10);
    digitValues.set(cp, value);
  }
  return value;
}

/** The text with every Unicode decimal digit written as its ASCII digit (other characters kept). */
export function asciiDigits(text: string): string {
  if (!/[^\x00-\x7f]/.test(text)) return text;
  let out = "";
  for (const ch of text) out += decimalDigitValue(ch) ?? ch;
  return out;
}

/**
 * Digit groups with at most three other characters between them: how people write card numbers
 * ("4111 1111 1111 1111", "4111.1111.1111.1111", "4111 / 1111…", tabs, commas, underscores) — and
 * how they try to slip one past a check.
 */
export const MAX_SEPARATOR = 3;
const DIGIT_GROUPS = new RegExp(`\\d+(?:\\D{1,${MAX_SEPARATOR}}\\d+)*`, "g");

/**
 * Whether free text (a name, an order number, a search) holds a card number: 13–19 digits, whole
 * groups of them joined by any short separator, in any script's digits, with a known brand's prefix
 * and length that pass Luhn. Such text is refused where it is typed, so a card number keyed into the
 * wrong field is never sent or stored. A run of digits is only tested along its group boundaries, so
 * a long reference number that merely contains a Luhn-valid stretch is not refused.
 */
export function containsCardNumber(text: string): boolean {
  for (const [run] of asciiDigits(text).matchAll(DIGIT_GROUPS)) {
    const groups = run.split(/\D+/);
    if (groups.join("").length < 13) continue;
    for (let first = 0; first < groups.length; first++) {
      let digits = "";
      for (let next = first; next < groups.length; next++) {
        digits += groups[next];
        if (digits.length > 19) break;
        if (digits.length >= 13 && ruleFor(digits) && validLengthForBrand(digits) && luhnValid(digits)) return true;
      }
    }
  }
  return false;
}

export function cvvLengthFor(brand: CardBrand): number {
  return BRANDS.find((b) => b.brand === brand)?.cvvLength ?? 3;
}

/** Groups digits as typed: "4111111111111111" → "4111 1111 1111 1111" (Amex 4-6-5). */
export function formatCardNumber(input: string): string {
  const d = digitsOnly(input).slice(0, 19);
  const groups = ruleFor(d)?.groups ?? [4, 4, 4, 4];
  const parts: string[] = [];
  let pos = 0;
  for (const g of groups) {
    if (pos >= d.length) break;
    parts.push(d.slice(pos, pos + g));
    pos += g;
  }
  if (pos < d.length) parts.push(d.slice(pos));
  return parts.join(" ");
}

export function last4(number: string): string {
  return digitsOnly(number).slice(-4);
}

/** First 6 and last 4 visible, the rest masked — the PCI-permitted display. */
export function maskPan(number: string): string {
  const d = digitsOnly(number);
  if (d.length < 10) return "*".repeat(Math.max(0, d.length - 4)) + d.slice(-4);
  return `${d.slice(0, 6)}${"*".repeat(d.length - 10)}${d.slice(-4)}`;
}

/** True when the card is still valid at the end of its expiry month. */
export function notExpired(expMonth: number, expYear: number, now: Date = new Date()): boolean {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth() + 1;
  return expYear > y || (expYear === y && expMonth >= m);
}

/**
 * Parses an expiry as people write it — "M/YY", "MM/YY", "MMYY", "MM/YYYY" (and "M/YYYY", "MMYYYY")
 * — into month and four-digit year. Without a separator the month takes two digits, so "129" is
 * not read as January 2029.
 */
export function parseExpiry(input: string): { month: number; year: number } | null {
  const s = input.trim();
  const m = /^(\d{1,2})\s*[/-]\s*(\d{2}|\d{4})$/.exec(s) ?? /^(\d{2})(\d{2}|\d{4})$/.exec(s);
  if (!m) return null;
  const month = Number(m[1]);
  const yy = m[2]!;
  const year = yy.length === 2 ? 2000 + Number(yy) : Number(yy);
  if (month < 1 || month > 12) return null;
  return { month, year };
}

/**
 * The expiry field as the clerk types: "1229" → "12/29", "122029" → "12/2029"; a slash typed after
 * one digit makes it the month ("1/29" → "01/29", not "12/9"), and so does a first digit that can
 * only be one ("3" → "03/").
 */
export function formatExpiryInput(value: string): string {
  const slash = value.indexOf("/");
  const month = digitsOnly(slash < 0 ? "" : value.slice(0, slash));
  if (slash >= 0 && month.length >= 1 && month.length <= 2 && month !== "0") {
    return `${month.padStart(2, "0")}/${digitsOnly(value.slice(slash + 1)).slice(0, 4)}`;
  }
  const d = digitsOnly(value).slice(0, 6);
  if (d.length === 1 && d >= "2") return `0${d}/`;
  if (d.length > 2) return `${d.slice(0, 2)}/${d.slice(2)}`;
  return d;
}
