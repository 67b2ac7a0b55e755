// What every server action returns: data, or a message (and field errors) a person can act on.
import type * as z from "zod/v4/core";
import { ServiceError } from "./services/errors";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: string; fieldErrors?: Record<string, string> };

export function fieldErrorsOf(error: z.$ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".");
    if (!(key in out)) out[key] = issue.message;
  }
  return out;
}

/** A zod 4 schema: `zod` or `zod/mini` (the shared schemas in lib/validation are zod/mini). */
type Schema<T> = z.$ZodType<T> & { safeParse(input: unknown): { success: true; data: T } | { success: false; error: z.$ZodError } };

/** Parses input with the shared schema; a failure becomes field errors, not an exception. */
export function parseInput<T>(schema: Schema<T>, input: unknown): { ok: true; data: T } | { ok: false; result: ActionResult<never> } {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, result: { ok: false, error: "Check the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error) } };
}

/** Turns an expected service error into a result; rethrows anything else (a bug, or a Next.js interrupt). */
export function failure(err: unknown): ActionResult<never> {
  if (err instanceof ServiceError) {
    return { ok: false, error: err.message, fieldErrors: err.field ? { [err.field]: err.message } : undefined };
  }
  throw err;
}
