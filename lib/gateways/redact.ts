// Redaction for stored raw payloads: no PAN, no CVV, no secret ever leaves a client unredacted.

const SECRET_KEY =
  /(^|_|-)(cvv2?|cvc2?|cvn|cvd|card_?code|security_?code|verification_?value|pan|card_?number|cc_?num(ber)?|payment_?account|secret|secret_?key|password|pass|api_?key|private_?key|atoken|tamper_?proof_?seal|tps|signature|authorization|seal)$/i;

const CARD_LIKE = /\b\d(?:[ -]?\d){11,18}\b/g;

/** Masks any card-number-like digit run inside free text (keeps the last 4). */
export function scrubText(text: string): string {
  return text.replace(CARD_LIKE, (run) => {
    const digits = run.replace(/\D/g, "");
    return `${"*".repeat(Math.max(0, digits.length - 4))}${digits.slice(-4)}`;
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
