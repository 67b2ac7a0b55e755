// A card number with any separator, in any script's digits (issue 13, finding 2): "4111.1111.1111.1111",
// "4111/1111/…", "4111_1111_…", double spaces, tabs, commas and full-width digits went past the free-text
// guard and the redaction, and were stored, sent, printed and exported. Property: any Luhn-valid PAN of a
// known brand, cut into groups joined by any 1–3 non-digit characters and written in any digits, is
// refused by the guard and masked by the redaction.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { asciiDigits, containsCardNumber } from "./card";
import { scrubText } from "./gateways/redact";
import { brandedPan, RUNS } from "./testing/fuzz";
import { refundReasonSchema } from "./validation/payment";
import { customerSchema } from "./validation/customer";

/** Zero of some of Unicode's decimal digit runs: ASCII, full-width, Arabic-Indic, Devanagari, mathematical bold. */
const ZEROS = [0x30, 0xff10, 0x0660, 0x0966, 0x1d7ce];
const SEPARATOR_CHARS = [".", "/", "_", " ", "  ", "\t", ",", "\u3000", "\u00a0", "-", "|", ":", "a", "x", "#", "*", "\n", "·"];

const disguisedPan = fc
  .record({
    pan: brandedPan().map((b) => b.pan),
    cuts: fc.uniqueArray(fc.integer({ min: 1, max: 18 }), { maxLength: 6 }),
    separators: fc.array(fc.array(fc.constantFrom(...SEPARATOR_CHARS), { minLength: 1, maxLength: 3 }).map((a) => a.join("").slice(0, 3)), { minLength: 6, maxLength: 6 }),
    zero: fc.constantFrom(...ZEROS),
    before: fc.constantFrom("", "Order ", "note: ", "ref_"),
    after: fc.constantFrom("", " thanks", " exp 12/30", "!"),
  })
  .map(({ pan, cuts, separators, zero, before, after }) => {
    const digits = Array.from(pan, (d) => String.fromCodePoint(zero + Number(d)));
    const at = cuts.filter((c) => c < pan.length).sort((a, b) => a - b);
    let text = "";
    let from = 0;
    at.forEach((cut, i) => {
      text += digits.slice(from, cut).join("") + separators[i];
      from = cut;
    });
    text += digits.slice(from).join("");
    return { pan, text: `${before}${text}${after}` };
  });

describe("card numbers with any separator and any digits", () => {
  it.each([
    "4111.1111.1111.1111",
    "4111/1111/1111/1111",
    "4111_1111_1111_1111",
    "4111  1111  1111  1111",
    "4111\t1111\t1111\t1111",
    "4111,1111,1111,1111",
    "４１１１１１１１１１１１１１１１",
    "٤١١١ ١١١١ ١١١١ ١١١١",
    "Order 5555 / 5555 / 5555 / 4444 please",
  ])("the guard refuses %j", (text) => {
    expect(containsCardNumber(text)).toBe(true);
    expect(refundReasonSchema.safeParse(text).success).toBe(false);
  });

  it.each(["12 Main St., Apt. 4, Springfield 62701", "+1 (415) 555-0132", "Invoice 2026/11/24, 3 items", "ORD-2026-000123"])("leaves ordinary text alone: %j", (text) => {
    expect(containsCardNumber(text)).toBe(false);
  });

  it("refuses it in a billing field of the customer form, where it would be stored and sent", () => {
    const parsed = customerSchema.safeParse({ firstName: "Jane", lastName: "Doe", address1: "4111.1111.1111.1111", city: "X", postalCode: "1", country: "US" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.some((i) => i.path.join(".") === "address1" && /must not hold a card number/.test(i.message))).toBe(true);
  });

  it("property: the guard refuses, and the redaction masks, every disguised card number", () => {
    fc.assert(
      fc.property(disguisedPan, ({ pan, text }) => {
        expect(containsCardNumber(text), JSON.stringify(text)).toBe(true);
        const masked = scrubText(text);
        expect(asciiDigits(masked).replace(/\D/g, ""), `${JSON.stringify(text)} → ${JSON.stringify(masked)}`).not.toContain(pan.slice(0, 12));
        // What is not a digit of the card number is kept as written.
        expect(Array.from(masked).length).toBe(Array.from(text).length);
      }),
      { numRuns: RUNS.pure },
    );
  });
});
