// Starts the reconciler inside the app process: every RECONCILE_INTERVAL_MS (default 15 s; 0 turns it
// off) it asks the gateways about pending and unknown transactions. Safe with several instances.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const interval = Number(process.env.RECONCILE_INTERVAL_MS ?? 15_000);
  if (!interval || !process.env.DATABASE_URL) return;
  const { startReconciler } = await import("./lib/services/payments/reconciler-loop");
  startReconciler(interval);
}
