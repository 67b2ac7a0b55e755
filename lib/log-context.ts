// What the current request or job is about, carried through its async calls so every log line and
// gateway call made on its behalf names it without passing ids down every function.
import { AsyncLocalStorage } from "node:async_hooks";

export interface LogContext {
  requestId?: string;
  userId?: string;
  transactionId?: string;
  gateway?: string;
  account?: string;
  operation?: string;
  job?: string;
}

// On globalThis under a registered symbol: lib/cli/serve-worker.cjs, which is not bundled, starts
// each request's context in the same store, and Next.js may load this module once per bundle layer.
const KEY = Symbol.for("keyed.logContext");
const store = ((globalThis as Record<symbol, unknown>)[KEY] ??= new AsyncLocalStorage<LogContext>()) as AsyncLocalStorage<LogContext>;

export function logContext(): LogContext | undefined {
  return store.getStore();
}

/** Runs `fn` with the current context plus `fields`; the caller's context is left as it was. */
export function withLogContext<T>(fields: LogContext, fn: () => T): T {
  return store.run({ ...store.getStore(), ...fields }, fn);
}

/**
 * Adds `fields` to the current context, so that lines logged later in it carry them too — such as
 * the request's own line, written when its response ends. Does nothing outside a context.
 */
export function setLogContext(fields: LogContext): void {
  const current = store.getStore();
  if (current) Object.assign(current, fields);
}
