// Money is an integer of minor units plus an ISO 4217 code. This module is the only place that
// converts between what a person types ("12.50") and what the app stores (1250).

const EXPONENTS: Record<string, number> = { JPY: 0, KRW: 0, VND: 0, CLP: 0, ISK: 0, BHD: 3, KWD: 3, OMR: 3, JOD: 3, TND: 3 };

/** Currencies offered for gateway accounts. */
export const CURRENCIES = ["USD", "EUR", "GBP", "CAD", "AUD", "BYN", "UAH", "PLN", "JPY"] as const;

export function minorExponent(currency: string): number {
  return EXPONENTS[currency.toUpperCase()] ?? 2;
}

export type ParseAmountError = "empty" | "format" | "decimal_comma" | "precision" | "too_large";

/**
 * Whole units, plain ("1250") or grouped by thousands with commas or spaces, one kind of separator
 * throughout ("1,250", "12 500 000"); then optionally a dot and the decimals.
 */
const AMOUNT = /^(\d{1,3}(?:([, ])\d{3})(?:\2\d{3})*|\d+)(?:\.(\d*))?$/;

/**
 * Parses a typed major-unit amount ("1,234.5", "3") into minor units.
 * Refuses more decimals than the currency has rather than rounding money, and a comma anywhere but
 * between groups of three digits: "12,50" (twelve fifty, where the comma is the decimal mark) would
 * otherwise be read as 1,250 — a hundred times the sale — so it is refused ("decimal_comma"), not guessed.
 */
export function parseMajor(input: string, currency: string): { ok: true; minor: number } | { ok: false; error: ParseAmountError } {
  const s = input.trim();
  if (s === "") return { ok: false, error: "empty" };
  const m = AMOUNT.exec(s);
  if (!m) return { ok: false, error: /^[\d ]*\d,\d+$/.test(s) || /^\d+(?:[ ,]\d+)*,\d{1,2}$/.test(s) ? "decimal_comma" : "format" };
  const exp = minorExponent(currency);
  const frac = m[3] ?? "";
  if (frac.length > exp) return { ok: false, error: "precision" };
  const whole = m[1]!.replace(/[, ]/g, "").replace(/^0+(?=\d)/, "");
  if (whole.length > 13) return { ok: false, error: "too_large" };
  const minor = Number(whole) * 10 ** exp + Number((frac + "0".repeat(exp)).slice(0, exp) || "0");
  if (!Number.isSafeInteger(minor)) return { ok: false, error: "too_large" };
  return { ok: true, minor };
}

/** 1250 USD → "12.50" (no grouping, no symbol): for gateways, CSV and inputs. */
export function toMajorString(minor: number, currency: string): string {
  const exp = minorExponent(currency);
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  if (exp === 0) return `${sign}${abs}`;
  const s = String(abs).padStart(exp + 1, "0");
  return `${sign}${s.slice(0, -exp)}.${s.slice(-exp)}`;
}

/** 1250 USD → "$12.50": for people. */
export function formatMoney(minor: number, currency: string, locale = "en-US"): string {
  const exp = minorExponent(currency);
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    minimumFractionDigits: exp,
    maximumFractionDigits: exp,
  }).format(minor / 10 ** exp);
}
