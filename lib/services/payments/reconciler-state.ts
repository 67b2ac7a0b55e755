/** RECONCILE_INTERVAL_MS (default 15 s): how often the reconciler job (lib/jobs/reconcile.ts) runs; 0 turns it off. */
export function reconcileIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  const ms = Number(env.RECONCILE_INTERVAL_MS ?? 15_000);
  return Number.isFinite(ms) && ms > 0 ? ms : 0;
}
