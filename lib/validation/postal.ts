// Postal code formats of common countries, checked at the field (browser) and again by the server
// with the same billing schema. Gateways refuse a code that does not fit the country (bePaid refuses
// a Belarusian "220030" sent with country US), and they do it after the card was typed: better to
// say so next to the field before anything is sent. Countries not listed keep the general rule.
import { countryName } from "../countries";

interface PostalFormat {
  pattern: RegExp;
  /** What the field's hint and error show, e.g. "12345 or 12345-6789". */
  example: string;
  /** What the country calls it, when not "postal code". */
  name?: string;
}

const digits = (n: number, example: string): PostalFormat => ({ pattern: new RegExp(`^\\d{${n}}$`), example });

const FORMATS: Readonly<Record<string, PostalFormat>> = {
  US: { pattern: /^\d{5}(-?\d{4})?$/, example: "12345 or 12345-6789", name: "ZIP code" },
  CA: { pattern: /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d$/i, example: "K1A 0B1" },
  GB: { pattern: /^([A-Z]{1,2}\d[A-Z\d]?|GIR) ?\d[A-Z]{2}$/i, example: "SW1A 2AA", name: "postcode" },
  IE: { pattern: /^[A-Z\d]{3} ?[A-Z\d]{4}$/i, example: "D02 X285", name: "Eircode" },
  BY: digits(6, "220030"),
  RU: digits(6, "101000"),
  KZ: { pattern: /^(\d{6}|[A-Z]\d{2}[A-Z]\d[A-Z]\d)$/i, example: "050000 or A15C9T5" },
  IN: digits(6, "110001"),
  CN: digits(6, "100000"),
  UA: digits(5, "01001"),
  DE: digits(5, "10115"),
  FR: digits(5, "75001"),
  IT: digits(5, "00118"),
  ES: digits(5, "28001"),
  FI: digits(5, "00100"),
  EE: digits(5, "10111"),
  MX: digits(5, "06000"),
  LT: { pattern: /^(LT-?)?\d{5}$/i, example: "01100 or LT-01100" },
  LV: { pattern: /^(LV-?)?\d{4}$/i, example: "LV-1050" },
  MD: { pattern: /^(MD-?)?\d{4}$/i, example: "MD-2001" },
  PL: { pattern: /^\d{2}-?\d{3}$/, example: "00-950" },
  PT: { pattern: /^\d{4}-?\d{3}$/, example: "1000-001" },
  CZ: { pattern: /^\d{3} ?\d{2}$/, example: "110 00" },
  SK: { pattern: /^\d{3} ?\d{2}$/, example: "811 01" },
  SE: { pattern: /^\d{3} ?\d{2}$/, example: "113 51" },
  NL: { pattern: /^\d{4} ?[A-Z]{2}$/i, example: "1011 AB" },
  BR: { pattern: /^\d{5}-?\d{3}$/, example: "01310-100" },
  JP: { pattern: /^\d{3}-?\d{4}$/, example: "100-0001" },
  AT: digits(4, "1010"),
  AU: digits(4, "2000"),
  BE: digits(4, "1000"),
  CH: digits(4, "8001"),
  DK: digits(4, "1050"),
  NO: digits(4, "0150"),
  HU: digits(4, "1051"),
  NZ: digits(4, "6011"),
  GE: digits(4, "0105"),
  AM: digits(4, "0010"),
};

/** What the country calls a postal code ("ZIP code" in the US). */
export function postalName(country: string): string {
  return FORMATS[country]?.name ?? "postal code";
}

/** An example of a valid code for the country, or null when the country has no listed format. */
export function postalExample(country: string): string | null {
  return FORMATS[country]?.example ?? null;
}

/** Why the code does not fit the country, or null when it does (or the country has no listed format). */
export function postalCodeIssue(country: string, code: string): string | null {
  const format = FORMATS[country];
  if (!format || format.pattern.test(code.trim())) return null;
  return `A ${countryName(country)} ${format.name ?? "postal code"} looks like ${format.example}: check the code or the country`;
}
