// Property-based tests for the redactor every stored gateway payload and audit detail goes through:
// no card number survives anywhere in a random nested object, and sensitive keys are always blanked.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectCleanPrototype, hostileString, luhnPan, panRuns, PROTO_KEYS, RUNS, withPrototypeKeys } from "../testing/fuzz";
import { redact, scrubText } from "./redact";

/** A PAN as it shows up in free text: plain, grouped, or between other characters. */
const panInText = fc
  .tuple(
    fc.oneof(hostileString(20), fc.constantFrom("", "card ", "PAN:", "number=", "x", "ref_", "Card#")),
    luhnPan(),
    fc.constantFrom("plain", "spaced", "dashed"),
    fc.oneof(hostileString(20), fc.constantFrom("", " exp 12/28", " 12/28", ".", "!", "abc", "_1")),
  )
  .map(([before, pan, style, after]) => {
    const shown = style === "plain" ? pan : pan.replace(/(\d{4})(?=\d)/g, style === "spaced" ? "$1 " : "$1-");
    return { text: `${before}${shown}${after}`, pan };
  });

const SENSITIVE_KEYS = [
  "cvv",
  "CVV2",
  "cvc",
  "card_code",
  "securityCode",
  "verification_value",
  "pan",
  "card_number",
  "cardNumber",
  "CC_NUM",
  "payment_account",
  "secret",
  "secret_key",
  "password",
  "api_key",
  "apiKey",
  "private_key",
  "atoken",
  "token",
  "ctoken",
  "cardToken",
  "TAMPER_PROOF_SEAL",
  "signature",
  "Authorization",
  "billing-cvv",
];

/** Random JSON-like trees whose leaves are strings that may carry a PAN. */
const tree = fc.letrec((tie) => ({
  leaf: fc.oneof(
    panInText.map((p) => p.text),
    hostileString(30),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
  ),
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    tie("leaf"),
    fc.array(tie("node"), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...PROTO_KEYS)), tie("node"), { maxKeys: 4 }),
  ),
})).node;

describe("redact", () => {
  it("masks a card number wherever it sits in free text", () => {
    fc.assert(
      fc.property(panInText, ({ text, pan }) => {
        const out = scrubText(text);
        expect(panRuns(out), `"${text}" → "${out}"`).toEqual([]);
        expect(out).not.toContain(pan);
      }),
      { numRuns: RUNS.pure },
    );
  });

  it("masks a card number followed by its expiry or CVV in the same message", () => {
    // Found by the property above: the greedy digit-run match swallows the next digits and then fails Luhn.
    for (const text of ["Card 4111111111111111 12/28", "4111 1111 1111 1111 123", "pan 5555555555554444-1"]) {
      expect(panRuns(scrubText(text)), text).toEqual([]);
    }
  });

  it("masks a card number glued to letters or an underscore", () => {
    // Found by the property above: \b does not separate digits from letters or "_".
    for (const text of ["card4111111111111111", "4111111111111111x", "ref_4111111111111111"]) {
      expect(panRuns(scrubText(text)), text).toEqual([]);
    }
  });

  it("keeps row ids whole, even one whose digits read across its letters pass Luhn, and still masks a card number split by letters", () => {
    // A real id the redactor once masked to "cmx*jfa*******c*d8ka8s85t", breaking an audit detail's link.
    const id = "cmx6jfa0700172c7d8ka8s85t";
    expect(scrubText(id)).not.toBe(id);
    expect(redact({ newDefault: { id }, ids: [id] })).toEqual({ newDefault: { id }, ids: [id] });
    expect(redact({ note: "4111a1111a1111a1111" })).toEqual({ note: "****a****a****a1111" });
    expect(redact({ note: `id ${id}` })).not.toEqual({ note: `id ${id}` }); // inside text it is text
  });

  it("leaves no Luhn-valid 13–19 digit run anywhere in a random nested object", () => {
    fc.assert(
      fc.property(tree, (value) => {
        const out = JSON.stringify(redact(value)) ?? "";
        expect(panRuns(out)).toEqual([]);
        expectCleanPrototype();
      }),
      { numRuns: RUNS.pure },
    );
  });

  it("always blanks the values of sensitive keys, at any depth, whatever their type", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SENSITIVE_KEYS),
        fc.oneof(fc.string({ minLength: 1 }), fc.integer(), fc.dictionary(fc.string(), fc.string()), fc.array(fc.string(), { minLength: 1 })),
        fc.array(fc.oneof(fc.string({ minLength: 1, maxLength: 6 }), fc.constant("0")), { maxLength: 3 }),
        (key, secret, path) => {
          let value: unknown = { [key]: secret };
          for (const p of path) value = { [p]: value, sibling: "kept" };
          let out = redact(value) as Record<string, unknown>;
          for (const p of [...path].reverse()) {
            expect(out.sibling).toBe("kept");
            out = out[p] as Record<string, unknown>;
          }
          expect(out[key]).toBe("[REDACTED]");
        },
      ),
      { numRuns: RUNS.pure },
    );
  });

  it("replaces a secret value wherever it occurs, under any key and inside longer text", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 8 }).filter((k) => k !== "__proto__"), hostileString(10), (key, before) => {
        const token = "100000000042";
        const out = JSON.stringify(redact({ [key]: token, list: [`${before}${token}!`], nested: { MASTER_ID: token } }, [], [token]));
        expect(out).not.toContain(token);
      }),
      { numRuns: RUNS.pure },
    );
  });

  it("redacts extra keys case-insensitively and never throws on prototype keys", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 10 }), luhnPan(), (key, pan) => {
        const input = withPrototypeKeys({ [key]: "v", nested: { [key.toUpperCase()]: pan } });
        const out = redact(input, [key]) as Record<string, unknown>;
        expectCleanPrototype();
        if (key !== "nested" && key !== "__proto__" && key !== "constructor") expect(out[key]).toBe("[REDACTED]");
        expect(panRuns(JSON.stringify(out))).toEqual([]);
      }),
      { numRuns: RUNS.pure },
    );
  });
});
