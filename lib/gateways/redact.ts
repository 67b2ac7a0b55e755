// Redaction for stored raw payloads and for every log line (lib/log.ts): no PAN, no CVV, no secret
// ever leaves a client, or reaches a log, unredacted.
import { asciiDigits, MAX_SEPARATOR } from "../card";

// A card's gateway token is a secret too (lib/services/vault-tokens.ts): bePaid's credit_card.token,
// Rover Pay's ctoken and token, PayCore's token.
const SECRET_KEY =
  /(^|_|-)(cvv2?|cvc2?|cvn|cvd|card_?code|security_?code|verification_?value|pan|card_?number|cc_?num(ber)?|payment_?account|secret|secret_?key|password|pass|api_?key|private_?key|atoken|c?token|card_?token|tamper_?proof_?seal|tps|signature|authorization|seal)$/i;

// Runs of 12+ digits with up to MAX_SEPARATOR other characters between any two ("4111.1111…",
// "4111\t1111…"; the same separators the free-text guard in lib/card.ts knows), even when glued to
// letters ("ref_4111…") — \b would not separate those. Matched on the text with every Unicode
// digit made ASCII (lib/card.ts asciiDigits), so full-width or other scripts' digits are caught too.
const DIGIT_RUN = new RegExp(`(?<!\\d)\\d(?:\\D{0,${MAX_SEPARATOR}}\\d){11,}(?!\\d)`, "g");
/**
 * A row id (Prisma's cuid(), lib/ids.ts): its digits, read across the letters between them, pass Luhn
 * often enough that masking them corrupted audit details' links now and then. Ids are made by Keyed,
 * never typed, so a value that is exactly one is left as it is.
 */
const ROW_ID = /^c[0-9a-z]{24}$/;
/** Runs longer than this are masked whole: nothing that long is worth keeping, and checking is quadratic. */
const MAX_CHECKED_RUN = 64;

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
 * Masks every stretch of a digit run that could be a card number (12–19 digits passing Luhn),
 * keeping its last 4 — also when more digits follow it ("4111… 12/28"). Ids that happen to pass
 * Luhn are masked too: the safe side.
 */
function maskRun(run: string): string {
  const at: number[] = [];
  for (let k = 0; k < run.length; k++) if (run.charCodeAt(k) >= 48 && run.charCodeAt(k) <= 57) at.push(k);
  const digits = at.map((k) => run[k]).join("");
  const hide = new Array<boolean>(digits.length).fill(false);
  if (digits.length > MAX_CHECKED_RUN) hide.fill(true, 0, digits.length - 4);
  else {
    for (let i = 0; i + 12 <= digits.length; i++) {
      for (let len = 12; len <= 19 && i + len <= digits.length; len++) {
        if (luhn(digits.slice(i, i + len))) hide.fill(true, i, i + len - 4);
      }
    }
  }
  const out = run.split("");
  hide.forEach((h, d) => {
    if (h) out[at[d]!] = "*";
  });
  return out.join("");
}

export function scrubText(text: string): string {
  const ascii = asciiDigits(text);
  if (ascii === text) return text.replace(DIGIT_RUN, maskRun);
  // Mask on the ASCII form, then put back every character that was not masked as it was written.
  const original = Array.from(text);
  const masked = Array.from(ascii.replace(DIGIT_RUN, maskRun));
  return masked.map((ch, i) => (ch === "*" && original[i] !== "*" ? "*" : original[i])).join("");
}

/**
 * Deep-copies a payload, replacing values under sensitive keys with "[REDACTED]" and masking
 * card-like digit runs everywhere else: in strings, in keys, and in numbers (a card number sent as
 * a JSON number is still one). `extraKeys` names further keys to redact: exact names
 * (case-insensitive), or a pattern. `secretValues` are replaced wherever they occur (a token a
 * gateway echoes under any name).
 */
export function redact(value: unknown, extraKeys: readonly string[] | RegExp = [], secretValues: readonly string[] = []): unknown {
  const extra = extraKeys instanceof RegExp ? extraKeys : new Set(extraKeys.map((k) => k.toLowerCase()));
  const isExtra = (key: string) => (extra instanceof RegExp ? extra.test(key) : extra.has(key.toLowerCase()));
  const secrets = secretValues.filter(Boolean);
  const hide = (s: string) => secrets.reduce((out, secret) => out.replaceAll(secret, "[REDACTED]"), s);
  const walk = (v: unknown, key: string | null): unknown => {
    if (key !== null && (SECRET_KEY.test(key) || isExtra(key))) {
      return v === null || v === undefined || v === "" ? v : "[REDACTED]";
    }
    if (typeof v === "string") return ROW_ID.test(v) && !secrets.includes(v) ? v : scrubText(hide(v));
    if (typeof v === "number" || typeof v === "bigint") {
      const text = String(v);
      const scrubbed = scrubText(text);
      return scrubbed === text ? v : scrubbed;
    }
    if (Array.isArray(v)) return v.map((item) => walk(item, null));
    if (v && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, child] of Object.entries(v)) out[scrubText(k)] = walk(child, k);
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
