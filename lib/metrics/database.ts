// Figures that belong to the database, not to a process: read at scrape time, so every process and
// instance reports the same values (take max(), not sum(), across instances).
import type pg from "pg";
import { Gauge, Registry } from "prom-client";
import { queueStats } from "../jobs/status";
import { OPEN_STATUSES } from "../services/payments/outcome";

interface OpenRow {
  account: string;
  gateway: string;
  label: string;
  mode: string;
  status: string;
  open: number;
  oldest: number;
}

/** Zero rows for an account with nothing open, so an alert on the series never meets an absent one. */
const OPEN_SQL = `
  SELECT a.id AS account, a.kind::text AS gateway, a.label, a.mode::text AS mode, s.status,
         count(t.id)::int AS open,
         coalesce(extract(epoch FROM (now() AT TIME ZONE 'UTC') - min(t."createdAt")), 0)::float8 AS oldest
    FROM "GatewayAccount" a
   CROSS JOIN unnest($1::text[]) AS s(status)
    LEFT JOIN "Transaction" t ON t."gatewayAccountId" = a.id AND t.status = s.status::"TransactionStatus"
   GROUP BY a.id, a.kind, a.label, a.mode, s.status`;

export async function databaseMetrics(sql: Pick<pg.Pool, "query">): Promise<string> {
  const registry = new Registry();
  const up = new Gauge({ name: "keyed_database_up", help: "Whether the scrape could read the database", registers: [registry] });
  try {
    const { rows } = await sql.query<OpenRow>(OPEN_SQL, [OPEN_STATUSES]);
    const open = new Gauge({
      name: "keyed_transactions_open",
      help: "Transactions whose outcome is not known yet (pending: the gateway has not decided; unknown: we do not know what it decided), by status, gateway and account id",
      labelNames: ["status", "gateway", "account"] as const,
      registers: [registry],
    });
    const oldest = new Gauge({
      name: "keyed_transactions_open_oldest_age_seconds",
      help: "Age of the oldest open transaction, by status, gateway and account id (0 when none is open)",
      labelNames: ["status", "gateway", "account"] as const,
      registers: [registry],
    });
    const info = new Gauge({
      name: "keyed_gateway_account_info",
      help: "Gateway accounts' labels and modes by account id, to join on the other metrics' account label",
      labelNames: ["account", "gateway", "label", "mode"] as const,
      registers: [registry],
    });
    for (const r of rows) {
      open.set({ status: r.status, gateway: r.gateway, account: r.account }, r.open);
      oldest.set({ status: r.status, gateway: r.gateway, account: r.account }, Math.max(0, r.oldest));
      info.set({ account: r.account, gateway: r.gateway, label: r.label, mode: r.mode }, 1);
    }
    await jobQueueMetrics(sql, registry);
    up.set(1);
  } catch {
    up.set(0);
  }
  return registry.metrics();
}

async function jobQueueMetrics(sql: Pick<pg.Pool, "query">, registry: Registry): Promise<void> {
  const stats = await queueStats(sql);
  const gauge = (name: string, help: string) => new Gauge({ name, help, labelNames: ["queue"] as const, registers: [registry] });
  const lag = gauge("keyed_job_queue_lag_seconds", "Seconds the oldest due job of a queue has waited for a node to take it (0 when none waits)");
  const queued = gauge("keyed_jobs_queued", "Jobs waiting in a queue (due or scheduled later, including retries)");
  const active = gauge("keyed_jobs_active", "Jobs running now, by queue");
  const failed = gauge("keyed_jobs_failed", "Jobs that failed for good (retries spent, or a payload that no longer parses) and are still kept, by queue");
  const reconciler = new Gauge({ name: "keyed_reconciler_lag_seconds", help: "Seconds since a reconciler pass (the reconcile job) last completed on any node", registers: [registry] });
  const now = Date.now();
  for (const s of stats) {
    lag.set({ queue: s.queue }, s.lagSeconds);
    queued.set({ queue: s.queue }, s.queued);
    active.set({ queue: s.queue }, s.active);
    failed.set({ queue: s.queue }, s.failed);
    if (s.queue === "reconcile" && s.lastCompletedAt) reconciler.set((now - s.lastCompletedAt.getTime()) / 1000);
  }
}
