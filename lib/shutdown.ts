// Graceful shutdown of an app process (lib/cli/serve.ts and its preload lib/cli/serve-worker.cjs).
// On SIGTERM the cluster's primary first tells its workers to drain: /api/ready answers 503 while the
// process still serves, so a load balancer that polls it stops sending work here. After
// SHUTDOWN_DRAIN_MS it sends the workers SIGTERM, and Next.js's own handler (`next start`, unless
// NEXT_MANUAL_SIG_HANDLE) closes the listener, waits for the requests in flight — a sale waits for its
// gateway call, which ends by the account's timeout — runs pending `after()` work and exits. A worker
// still busy SHUTDOWN_TIMEOUT_MS later is killed; a sale it was running stays `pending`, which the
// reconciler resolves by asking the gateway, like a crash.

/** Set by lib/cli/serve-worker.cjs, which is not bundled: shared through a registered symbol. */
const SHUTDOWN = Symbol.for("keyed.shutdown");

interface ShutdownState {
  drainingSince: number | null;
  onDrain?: (() => void)[];
}

const state = (): ShutdownState | undefined => (globalThis as Record<symbol, unknown>)[SHUTDOWN] as ShutdownState | undefined;

/** Since when this process has been draining (ms since the epoch), or null while it takes work. */
export function drainingSince(): number | null {
  return state()?.drainingSince ?? null;
}

/** Runs `listener` when this process starts draining (at once if it already is). Only under lib/cli/serve.ts. */
export function onDrain(listener: () => void): void {
  const s = state();
  if (!s) return;
  if (s.drainingSince !== null) return listener();
  (s.onDrain ??= []).push(listener);
}

export interface ShutdownTimings {
  /** How long a draining process keeps serving while it answers not-ready (default 0). */
  drainMs: number;
  /** How long requests in flight get after that before the process is killed (default 30 s). */
  timeoutMs: number;
}

function milliseconds(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value !== "" && Number.isFinite(n) && n >= 0 ? n : fallback;
}

/** SHUTDOWN_DRAIN_MS and SHUTDOWN_TIMEOUT_MS. */
export function shutdownTimings(env: Record<string, string | undefined> = process.env): ShutdownTimings {
  return { drainMs: milliseconds(env.SHUTDOWN_DRAIN_MS, 0), timeoutMs: milliseconds(env.SHUTDOWN_TIMEOUT_MS, 30_000) };
}
