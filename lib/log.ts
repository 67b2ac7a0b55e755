// The one logger (pino): a JSON line per event on stdout, human-readable in development (pino-pretty,
// when installed). Every field, key and message is redacted on its way out by the code that redacts
// stored gateway payloads (lib/gateways/redact.ts), so a card number in any form, a CVV, a secret or a
// token reaches no log whoever logs it. LOG_LEVEL sets the level (info; silent under tests).
import { createRequire } from "node:module";
import { join } from "node:path";
import { format } from "node:util";
import pino, { type DestinationStream, type Level, type Logger } from "pino";
import { containsCardNumber, MAX_SEPARATOR } from "./card";
import { redact, scrubText } from "./gateways/redact";
import { logContext } from "./log-context";

export type { Logger } from "pino";

/** Keys never logged, besides those redact() always hides (CVV, card number, secret, signature…); camelCase too. */
const LOG_SECRET_KEY = /cvv|cvc|cvn|card_?number|secret|passw|token|cookie|authorization|credential|api[-_]?key|private[-_]?key|signature|^(code|otp|totp|recovery[-_]?codes?)$/i;

const LEVELS: readonly string[] = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

export function logLevel(env: Record<string, string | undefined> = process.env): Level | "silent" {
  const asked = env.LOG_LEVEL?.trim().toLowerCase();
  if (asked && LEVELS.includes(asked)) return asked as Level | "silent";
  return env.NODE_ENV === "test" ? "silent" : "info";
}

/**
 * The log context's ids (UUIDs, cuids) mix digits and letters, and redact()'s wide net, which takes
 * letters for separators, would mask stretches of two UUIDs in three. They are kept whole unless
 * their digit groups, split at letters, hold what the terminal refuses as a card number (lib/card.ts):
 * a request id may come from outside.
 */
const ID_KEYS = new Set(["requestId", "userId", "transactionId", "account"]);
const holdsCardNumber = (id: string) => containsCardNumber(id.replace(/[A-Za-z]/g, " ".repeat(MAX_SEPARATOR + 1)));

function clean(fields: Record<string, unknown>): Record<string, unknown> {
  const plain: Record<string, unknown> = {};
  const ids: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (ID_KEYS.has(key) && typeof value === "string" && !holdsCardNumber(value)) ids[key] = value;
    // Errors become plain data first (pino's own serializer): redact() sees only own enumerable fields.
    else plain[key] = value instanceof Error ? pino.stdSerializers.err(value) : value;
  }
  const out = { ...ids, ...(redact(plain, LOG_SECRET_KEY) as Record<string, unknown>) };
  // An error's own code (P2002, 23505, ECONNREFUSED) is a library's, not a sign-in code someone typed.
  for (const [key, value] of Object.entries(fields)) {
    const code = value instanceof Error ? (value as { code?: unknown }).code : undefined;
    if ((typeof code === "string" || typeof code === "number") && out[key] && typeof out[key] === "object") (out[key] as Record<string, unknown>).code = code;
  }
  return out;
}

/**
 * Every call becomes (fields, message): the message is formatted here (printf-style arguments
 * redacted first) and scrubbed whole, and an error's message — which pino would otherwise copy
 * into the line as it is — goes through the same scrubbing.
 */
function logMethod(this: Logger, args: unknown[], method: (...args: unknown[]) => void): void {
  const [first, ...rest] = args;
  const fields = typeof first === "string" ? {} : first instanceof Error ? { err: first } : ((first ?? {}) as Record<string, unknown>);
  const parts = typeof first === "string" ? args : rest;
  const err = fields.err instanceof Error ? fields.err : undefined;
  const text = parts.length ? format(...parts.map((p) => (typeof p === "string" ? p : redact(p, LOG_SECRET_KEY)))) : err?.message;
  method.apply(this, text === undefined ? [fields] : [fields, scrubText(text)]);
}

/** pino-pretty in development only, and only when installed (a devDependency); JSON otherwise. */
function developmentStream(): DestinationStream | undefined {
  if (process.env.NODE_ENV !== "development") return undefined;
  try {
    const pretty = createRequire(join(process.cwd(), "package.json"))("pino-pretty") as (options: object) => DestinationStream;
    return pretty({ colorize: true, sync: true, translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname" });
  } catch {
    return undefined;
  }
}

export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  const logger = pino(
    {
      level: options.level ?? logLevel(),
      timestamp: pino.stdTimeFunctions.isoTime,
      // The request, user, transaction and gateway the line is about (lib/log-context.ts).
      mixin: () => ({ ...logContext() }),
      formatters: { level: (label) => ({ level: label }), bindings: clean, log: clean },
      // clean() has serialized errors already; pino's default would take the result for another error.
      serializers: { err: (value: unknown) => value },
      hooks: { logMethod },
    },
    options.destination ?? developmentStream(),
  );
  // pino writes a child's bindings without formatters.bindings: they are cleaned on the way in
  // instead, by every child and grandchild (each inherits this method from the root).
  const child = logger.child;
  logger.child = function (this: Logger, bindings, childOptions) {
    return child.call(this, clean(bindings), childOptions);
  } as Logger["child"];
  return logger;
}

// One logger per process: Next.js loads this module once per bundle layer, and reloads it in development.
const globalForLog = globalThis as unknown as { keyedLog?: Logger };

export const log: Logger = (globalForLog.keyedLog ??= createLogger());
