// Redaction for stored raw payloads: no PAN, no CVV, no secret ever leaves a client unredacted.

const SECRET_KEY =
  /(^|_|-)(cvv2?|cvc2?|cvn|cvd|card_?code|security_?code|verification_?value|pan|card_?number|cc_?num(ber)?|payment_?account|secret|secret_?key|password|pass|api_?key|private_?key|atoken|tamper_?proof_?seal|tps|signature|authorization|seal)$/i;

const DIGIT_RUN = /\b\d(?:[ -]?\d){11,18}\b/g;

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let n = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1 && (n *= 2) > 9) n -= 9;
    sum += n;
  }
  return sum % 10 === 0;
}

/**
 * Masks every digit run inside free text that could be a card number (12–19 digits passing
 * Luhn), keeping the last 4. Transaction ids that happen to pass Luhn are masked too: the safe side.
 */
export function scrubText(text: string): string {
  return text.replace(DIGIT_RUN, (run) => {
    const digits = run.replace(/\D/g, "");
    return luhn(digits) ? `${"*".repeat(digits.length - 4)}${digits.slice(-4)}` : run;
  });
}

/**
 * Deep-copies a payload, replacing values under sensitive keys with "[REDACTED]" and masking
 * card-like digit runs everywhere else. `extraKeys` names further keys to redact (exact match).
 */
export function redact(value: unknown, extraKeys: readonly string[] = []): unknown {
  const extra = new Set(extraKeys.map((k) => k.toLowerCase()));
  const walk = (v: unknown, key: string | null): unknown => {
    if (key !== null && (SECRET_KEY.test(key) || extra.has(key.toLowerCase()))) {
      return v === null || v === undefined || v === "" ? v : "[REDACTED]";
    }
    if (typeof v === "string") return scrubText(v);
    if (Array.isArray(v)) return v.map((item) => walk(item, null));
    if (v && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, child] of Object.entries(v)) out[k] = walk(child, k);
      return out;
    }
    return v;
  };
  return walk(value, null);
}

/** Parses a url-encoded string into a plain object, for redacting form-encoded wire payloads. */
export function formToObject(form: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(form));
}
