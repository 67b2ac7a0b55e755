// Property-based tests for the money and card helpers every form and gateway client relies on.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detectBrand, digitsOnly, formatCardNumber, last4, luhnValid, maskPan, parseExpiry } from "./card";
import { CURRENCIES, minorExponent, parseMajor, toMajorString } from "./money";
import { hostileString, luhnPan, RUNS } from "./testing/fuzz";

const currency = fc.constantFrom(...CURRENCIES, "BHD", "KWD", "JPY", "xyz");
/** Largest amount parseMajor can express: 13 whole digits, and a safe integer of minor units. */
const maxMinor = (cur: string) => Math.min(Number.MAX_SAFE_INTEGER, 10 ** (13 + minorExponent(cur)) - 1);

describe("money: parseMajor / toMajorString", () => {
  it("round-trips every non-negative amount it can express", () => {
    fc.assert(
      fc.property(currency.chain((cur) => fc.tuple(fc.constant(cur), fc.integer({ min: 0, max: maxMinor(cur) }))), ([cur, minor]) => {
        const typed = toMajorString(minor, cur);
        expect(parseMajor(typed, cur)).toEqual({ ok: true, minor });
        // What a person types, with grouping and stray spaces, means the same amount.
        const grouped = typed.replace(/^(\d+)/, (w) => w.replace(/\B(?=(\d{3})+(?!\d))/g, ","));
        expect(parseMajor(` ${grouped} `, cur)).toEqual({ ok: true, minor });
      }),
      { numRuns: RUNS.pure },
    );
  });

  it("never throws; anything accepted is a safe non-negative integer with no more decimals than the currency has", () => {
    const typed = fc.oneof(
      hostileString(40),
      fc.double().map(String),
      fc.integer().map(String),
      fc.stringMatching(/^-?[\d ,.]{0,30}(e-?\d{1,3})?$/),
    );
    fc.assert(
      fc.property(typed, currency, (input, cur) => {
        const parsed = parseMajor(input, cur);
        if (!parsed.ok) {
          expect(["empty", "format", "decimal_comma", "precision", "too_large"]).toContain(parsed.error);
          return;
        }
        expect(Number.isSafeInteger(parsed.minor)).toBe(true);
        expect(parsed.minor).toBeGreaterThanOrEqual(0);
        const decimals = input.trim().replace(/[\s,]/g, "").split(".")[1] ?? "";
        expect(decimals.length).toBeLessThanOrEqual(minorExponent(cur));
        // The canonical form of an accepted amount parses back to the same number.
        expect(parseMajor(toMajorString(parsed.minor, cur), cur)).toEqual(parsed);
      }),
      { numRuns: RUNS.pure },
    );
  });

  it("refuses negative, exponent, hex and non-ASCII-digit amounts instead of guessing", () => {
    for (const input of ["-1", "-0.01", "1e3", "0x10", "١٢", "１２", "+5", "Infinity", "NaN", "1.2.3", "12..5"]) {
      expect(parseMajor(input, "USD").ok, input).toBe(false);
    }
    expect(parseMajor("1.234", "USD")).toEqual({ ok: false, error: "precision" });
    expect(parseMajor("1.5", "JPY")).toEqual({ ok: false, error: "precision" });
    expect(parseMajor("99999999999999", "USD")).toEqual({ ok: false, error: "too_large" });
  });

  it("refuses a comma that is not a thousands separator, instead of reading 12,50 as 1,250 (issue 14, item 1)", () => {
    for (const input of ["12,50", "5,00", "1,5", "1 250,75", "1,25", "12,5"]) {
      expect(parseMajor(input, "USD"), input).toEqual({ ok: false, error: "decimal_comma" });
    }
    for (const input of ["1,2,3", "12,3456", "1,25,000", "1,250 000"]) expect(parseMajor(input, "USD").ok, input).toBe(false);
    expect(parseMajor("1,250.00", "USD")).toEqual({ ok: true, minor: 125000 });
    expect(parseMajor("12 500", "USD")).toEqual({ ok: true, minor: 1250000 });
    expect(parseMajor("1,250", "JPY")).toEqual({ ok: true, minor: 1250 });
  });

  it("toMajorString keeps the sign and exactly the currency's decimals", () => {
    fc.assert(
      fc.property(currency, fc.integer({ min: -1e12, max: 1e12 }), (cur, minor) => {
        const s = toMajorString(minor, cur);
        const exp = minorExponent(cur);
        expect(s).toMatch(exp === 0 ? /^-?\d+$/ : new RegExp(`^-?\\d+\\.\\d{${exp}}$`));
        expect(s.startsWith("-")).toBe(minor < 0);
        expect(Math.round(Number(s) * 10 ** exp)).toBe(minor);
      }),
      { numRuns: RUNS.pure },
    );
  });
});

describe("card helpers", () => {
  it("luhnValid accepts every Luhn-valid number and catches every single-digit typo", () => {
    fc.assert(
      fc.property(luhnPan([12, 13, 14, 15, 16, 17, 18, 19]), fc.nat(), fc.integer({ min: 1, max: 9 }), (pan, at, delta) => {
        expect(luhnValid(pan)).toBe(true);
        const i = at % pan.length;
        const typo = `${pan.slice(0, i)}${(Number(pan[i]) + delta) % 10}${pan.slice(i + 1)}`;
        expect(luhnValid(typo)).toBe(false);
      }),
      { numRuns: RUNS.pure },
    );
  });

  it("never throws on hostile input and never calls fewer than 12 or more than 19 digits valid", () => {
    fc.assert(
      fc.property(fc.oneof(hostileString(60), fc.stringMatching(/^[\d -]{0,40}$/)), (input) => {
        const d = digitsOnly(input);
        expect(d).toMatch(/^\d*$/);
        if (luhnValid(input)) expect(d.length >= 12 && d.length <= 19).toBe(true);
        expect(typeof detectBrand(input)).toBe("string");
        expect(last4(input)).toBe(d.slice(-4));
      }),
      { numRuns: RUNS.pure },
    );
  });

  it("maskPan never reveals more than the first 6 and last 4 digits", () => {
    fc.assert(
      fc.property(fc.oneof(luhnPan(), fc.stringMatching(/^[\d -]{0,30}$/), hostileString(40)), (input) => {
        const d = digitsOnly(input);
        const masked = maskPan(input);
        const shown = masked.replace(/\*/g, "");
        expect(masked).toMatch(/^[\d*]*$/);
        expect(shown.length).toBeLessThanOrEqual(Math.min(10, d.length));
        if (d.length >= 10) {
          expect(masked).toBe(`${d.slice(0, 6)}${"*".repeat(d.length - 10)}${d.slice(-4)}`);
          // Every digit between the first 6 and the last 4 is hidden.
          expect(masked.slice(6, -4)).toMatch(/^\**$/);
        } else {
          expect(masked.endsWith(d.slice(-4))).toBe(true);
          expect(shown).toBe(d.slice(-4));
        }
      }),
      { numRuns: RUNS.pure },
    );
  });

  it("formatCardNumber keeps the first 19 digits, in order, grouped by single spaces", () => {
    fc.assert(
      fc.property(fc.oneof(luhnPan(), hostileString(60)), (input) => {
        const out = formatCardNumber(input);
        expect(out).toMatch(/^(\d+( \d+)*)?$/);
        expect(out.replace(/ /g, "")).toBe(digitsOnly(input).slice(0, 19));
      }),
      { numRuns: RUNS.pure },
    );
  });

  it("parseExpiry never throws and only returns real months with four-digit years", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          hostileString(12),
          fc.tuple(fc.integer({ min: -1, max: 100 }), fc.integer({ min: -1, max: 10_000 })).map(([m, y]) => `${m}/${y}`),
        ),
        (input) => {
          const exp = parseExpiry(input);
          if (exp === null) return;
          expect(Number.isInteger(exp.month) && exp.month >= 1 && exp.month <= 12).toBe(true);
          expect(Number.isInteger(exp.year) && exp.year >= 0 && exp.year <= 9999).toBe(true);
        },
      ),
      { numRuns: RUNS.pure },
    );
  });
});
