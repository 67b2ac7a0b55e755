// Shared arbitraries and checks for the property-based / fuzz tests (lib/**/*.fuzz.test.ts):
// hostile strings and values, prototype-pollution keys, Luhn-valid PANs, a PAN detector, and a
// tiny local HTTP server that answers whatever reply a test hands it.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import type { z } from "zod";

/** Keys that would change an object's prototype (or shadow its methods) if copied naively. */
export const PROTO_KEYS = ["__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty", "__defineGetter__", "isPrototypeOf"] as const;

/** Injection and encoding snippets that have broken parsers and templates before. */
export const HOSTILE_SNIPPETS = [
  "' OR '1'='1' --",
  "'; DROP TABLE \"Transaction\"; --",
  "1; SELECT pg_sleep(10)",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)",
  "${7*7}",
  "{{7*7}}",
  "../../../../etc/passwd",
  "%00",
  "\u0000",
  "\u202e",
  "\u200b",
  "\ufeff",
  "\u2028",
  "\ud800",
  "\udfff",
  "𝕏𝕐ℤ",
  "👩‍👩‍👧‍👦",
  "Ｚａｌｇｏ̶̧̛̖̦̙",
  "٤١١١١١١١١١١١١١١١", // Arabic-Indic digits
  "４１１１１１１１１１１１１１１１", // full-width digits
  "\u00a0",
  "NaN",
  "Infinity",
  "-0",
  "1e308",
  "0x1F",
  "-1",
  "1.005",
  "9007199254740993",
  "__proto__",
  "constructor",
  '{"__proto__":{"polluted":true}}',
  "a=1&__proto__[polluted]=1",
] as const;

/** Any string: full unicode, lone surrogates, control characters, snippets glued to random text. */
export const hostileString = (maxLength = 300): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ maxLength }),
    fc.string({ unit: "grapheme", maxLength }),
    fc.string({ unit: "binary", maxLength }),
    fc.constantFrom(...HOSTILE_SNIPPETS),
    fc.tuple(fc.string({ maxLength: 20 }), fc.constantFrom(...HOSTILE_SNIPPETS), fc.string({ maxLength: 20 })).map((p) => p.join("")),
    fc.constantFrom(...PROTO_KEYS),
  );

/** Anything a hostile client can put where a field is expected, including the wrong JSON type. */
export const hostileValue = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 4, arbitrary: hostileString() },
    fc.integer(),
    fc.double(),
    fc.constantFrom(NaN, Infinity, -Infinity, -0, Number.MAX_SAFE_INTEGER + 2, 1e308),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.bigInt(),
    fc.array(hostileString(20), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...PROTO_KEYS, "a", "0"), hostileString(20), { maxKeys: 3 }),
  );

/** `value` plus own `__proto__` / `constructor` keys, exactly as JSON.parse leaves them in a request body. */
export function withPrototypeKeys(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  Object.defineProperty(out, "__proto__", { value: { polluted: "yes", isAdmin: true }, enumerable: true, writable: true, configurable: true });
  out["constructor"] = { prototype: { polluted: "yes" } };
  return Object.assign(out, value);
}

/** Fails the test if any parse so far polluted the global Object prototype. */
export function expectCleanPrototype(): void {
  const probe = {} as Record<string, unknown>;
  if ("polluted" in probe || "isAdmin" in probe || "x" in Object.prototype) {
    throw new Error("Object.prototype was polluted");
  }
}

/** A string of about `bytes` characters, for "huge input" checks. */
export function huge(bytes = 1 << 20, unit = "9"): string {
  return unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
}

// ---- card numbers ------------------------------------------------------------------------------

export function luhnCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let n = body.charCodeAt(body.length - 1 - i) - 48;
    if (i % 2 === 0) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return (10 - (sum % 10)) % 10;
}

export function isLuhn(digits: string): boolean {
  return digits.length > 1 && luhnCheckDigit(digits.slice(0, -1)) === Number(digits.at(-1));
}

/** A Luhn-valid digit string of the given lengths, optionally starting with `prefix`. */
export const luhnPan = (lengths: readonly number[] = [13, 14, 15, 16, 17, 18, 19], prefix = ""): fc.Arbitrary<string> =>
  fc
    .constantFrom(...lengths)
    .chain((len) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: len - 1 - prefix.length, maxLength: len - 1 - prefix.length }))
    .map((ds) => {
      const body = prefix + ds.join("");
      return body + String(luhnCheckDigit(body));
    });

/** Real-looking PANs of the brands the terminal accepts, with their CVV length. */
export const brandedPan = (): fc.Arbitrary<{ pan: string; cvvLength: number }> =>
  fc.oneof(
    luhnPan([16], "4").map((pan) => ({ pan, cvvLength: 3 })),
    luhnPan([16], "51").map((pan) => ({ pan, cvvLength: 3 })),
    luhnPan([15], "37").map((pan) => ({ pan, cvvLength: 4 })),
    luhnPan([16], "6011").map((pan) => ({ pan, cvvLength: 3 })),
  );

/**
 * Card-number-looking runs in `text`: 13–19 digits, plain or grouped by single spaces/dashes,
 * not touching further digits, that pass Luhn. A run glued to letters ("pan4111…") still counts.
 */
export function panRuns(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\d(?:[ -]?\d)*/g)) {
    const digits = m[0].replace(/\D/g, "");
    if (digits.length >= 13 && digits.length <= 19 && isLuhn(digits)) out.push(m[0]);
    // A grouped run longer than a PAN may still hold one as a plain block ("4111…1111 2024").
    for (const block of m[0].split(/[ -]/)) if (block.length >= 13 && block.length <= 19 && isLuhn(block) && block !== digits) out.push(block);
  }
  return out;
}

// ---- zod issue checks --------------------------------------------------------------------------

/**
 * A rejection a person can act on: at least one issue, each with a non-empty, plain message, and
 * (for object schemas given an object) a path naming the field. Messages never echo a PAN.
 */
export function expectHumanIssues(error: z.core.$ZodError, opts: { pathRequired: boolean }): void {
  if (error.issues.length === 0) throw new Error("rejected without any issue");
  for (const issue of error.issues) {
    const msg = issue.message;
    if (typeof msg !== "string" || msg.trim() === "") throw new Error(`empty message at ${issue.path.join(".")}`);
    if (/\[object |stack|at .*\(.*:\d+:\d+\)/.test(msg)) throw new Error(`unhelpful message: ${msg}`);
    if (panRuns(msg).length > 0) throw new Error(`message echoes a card number: ${msg}`);
    if (opts.pathRequired && issue.path.length === 0) throw new Error(`issue without a field path: ${msg}`);
  }
}

/** Runs `fn` and returns how long it took, in milliseconds. */
export function timed<T>(fn: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = fn();
  return { value, ms: performance.now() - started };
}

// ---- a local server that answers canned (fuzzed) replies ----------------------------------------

export interface CannedReply {
  status: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Announce the full length, send only the first `cutAt` bytes, then drop the connection. */
  cutAt?: number;
}

export interface ReplyServer {
  /** Base URL, no trailing slash. */
  url: string;
  /** The reply to every following request, until replaced. */
  answer(reply: CannedReply | ((req: IncomingMessage, body: string) => CannedReply)): void;
  /** Bodies of the requests received since the last answer(). */
  received: string[];
  close(): Promise<void>;
}

/** node:http on 127.0.0.1, port 0. Header values the HTTP layer cannot carry are dropped, not thrown. */
export async function startReplyServer(): Promise<ReplyServer> {
  let next: CannedReply | ((req: IncomingMessage, body: string) => CannedReply) = { status: 500 };
  const received: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      received.push(body);
      const reply = typeof next === "function" ? next(req, body) : next;
      const payload = Buffer.from(reply.body ?? "");
      for (const [k, v] of Object.entries(reply.headers ?? {})) {
        try {
          res.setHeader(k, v);
        } catch {
          // invalid header characters: the fuzzed reply simply lacks that header
        }
      }
      res.setHeader("content-length", String(payload.length));
      res.statusCode = reply.status;
      if (reply.cutAt !== undefined && reply.cutAt < payload.length) {
        res.flushHeaders();
        res.write(payload.subarray(0, reply.cutAt), () => res.socket?.destroy());
        return;
      }
      res.end(payload);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    answer(reply) {
      next = reply;
      received.length = 0;
    },
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Moderate run counts keep the whole fuzz suite well under 30 s on two cores. */
export const RUNS = { pure: 300, schema: 150, http: 60 } as const;

// ---- gateway result checks -------------------------------------------------------------------------

/** The outcome of a reply we cannot trust: never approved, always "unknown, inquire". */
export function expectUnknownOutcome(result: { status: string; errorKind?: string; message: string }): void {
  if (result.status === "approved") throw new Error(`approved an untrusted reply: ${result.message}`);
  if (result.errorKind !== "unknown_outcome") throw new Error(`expected unknown_outcome, got ${result.status}/${result.errorKind}: ${result.message}`);
  if (result.message.trim() === "") throw new Error("unknown outcome without a message");
}

/** No card number anywhere in a result (message, card, raw exchange, extra). */
export function expectNoPan(value: unknown): void {
  // Numbers are our own amounts and durations (7.9737000000022 is not a card): only text can carry a PAN.
  const runs = panRuns(JSON.stringify(value, (_k, v: unknown) => (typeof v === "number" ? 0 : v)) ?? "");
  if (runs.length > 0) throw new Error(`card number in result: ${runs.join(", ")}`);
}

/** Replies the HTTP layer can carry without special cases (no 1xx, 204 or 304). */
export const HTTP_STATUSES = [200, 201, 202, 301, 302, 303, 307, 400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504] as const;
