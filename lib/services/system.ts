// What the System page (admins) shows: how each gateway account's calls went over the last hour and
// day, the job queues and their failed jobs, the reconciler's backlog, and which version of Keyed runs
// on which migration. Read-only; figures, never card data.
import packageJson from "../../package.json";
import type { Db } from "../db";
import { failedJobs, queueStats, type FailedJob, type QueueStats } from "../jobs/status";
import { migrationState } from "../migration-state";
import { OPEN_STATUSES } from "./payments/outcome";

export interface CallStats {
  calls: number;
  /** Shares of calls (0…1), or null with no calls. */
  errorRate: number | null;
  unknownRate: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
}

export interface AccountHealth {
  id: string;
  label: string;
  gateway: string;
  mode: string;
  lastSuccessAt: Date | null;
  hour: CallStats;
  day: CallStats;
}

export interface SystemOverview {
  accounts: AccountHealth[];
  queues: QueueStats[];
  failedJobs: FailedJob[];
  backlog: { status: string; open: number; oldestAt: Date | null }[];
  version: string;
  migrations: { latest: string | null; pending: number; problem: boolean };
}

interface WindowRow {
  account: string;
  window: "hour" | "day";
  calls: number;
  errors: number;
  unknowns: number;
  p50: number | null;
  p95: number | null;
}

// Timestamps are UTC wall time (timestamp without time zone), as Prisma writes them: the SQL turns
// them into ages, which the pg driver cannot misread in another time zone. A call is a
// transaction that went to the gateway (it has a duration); an unknown one counts whether or not it
// was resolved since.
const WINDOWS_SQL = `
  WITH w(win, since) AS (VALUES ('hour', (now() AT TIME ZONE 'UTC') - interval '1 hour'), ('day', (now() AT TIME ZONE 'UTC') - interval '1 day'))
  SELECT t."gatewayAccountId" AS account, w.win AS window,
         count(*)::int AS calls,
         count(*) FILTER (WHERE t.status = 'error')::int AS errors,
         count(*) FILTER (WHERE t."unknownAt" IS NOT NULL OR t.status = 'unknown')::int AS unknowns,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY t."gatewayDurationMs")::float8 AS p50,
         percentile_cont(0.95) WITHIN GROUP (ORDER BY t."gatewayDurationMs")::float8 AS p95
    FROM w JOIN "Transaction" t ON t."createdAt" >= w.since AND t."gatewayDurationMs" IS NOT NULL
   GROUP BY t."gatewayAccountId", w.win`;

const ACCOUNTS_SQL = `
  SELECT a.id, a.label, a.kind::text AS gateway, a.mode::text AS mode,
         extract(epoch FROM (now() AT TIME ZONE 'UTC') - (SELECT t."createdAt" FROM "Transaction" t WHERE t.status = 'approved' AND t."gatewayAccountId" = a.id ORDER BY t."createdAt" DESC LIMIT 1))::float8 AS "lastSuccessAgo"
    FROM "GatewayAccount" a
   ORDER BY a.label`;

const BACKLOG_SQL = `
  SELECT s.status, count(t.id)::int AS open, extract(epoch FROM (now() AT TIME ZONE 'UTC') - min(t."createdAt"))::float8 AS "oldestAgo"
    FROM unnest($1::text[]) AS s(status)
    LEFT JOIN "Transaction" t ON t.status = s.status::"TransactionStatus"
   GROUP BY s.status ORDER BY s.status`;

function callStats(row: WindowRow | undefined): CallStats {
  if (!row?.calls) return { calls: 0, errorRate: null, unknownRate: null, p50Ms: null, p95Ms: null };
  const ms = (v: number | null) => (v === null ? null : Math.round(v));
  return { calls: row.calls, errorRate: row.errors / row.calls, unknownRate: row.unknowns / row.calls, p50Ms: ms(row.p50), p95Ms: ms(row.p95) };
}

export async function systemOverview(db: Db): Promise<SystemOverview> {
  const [accounts, windows, backlog, queues, failed, migrations] = await Promise.all([
    db.sql.query<Omit<AccountHealth, "hour" | "day" | "lastSuccessAt"> & { lastSuccessAgo: number | null }>(ACCOUNTS_SQL),
    db.sql.query<WindowRow>(WINDOWS_SQL),
    db.sql.query<{ status: string; open: number; oldestAgo: number | null }>(BACKLOG_SQL, [OPEN_STATUSES]),
    queueStats(db.sql),
    failedJobs(db.sql),
    migrationState(db.sql),
  ]);
  const ago = (seconds: number | null) => (seconds === null ? null : new Date(Date.now() - seconds * 1000));
  const find = (account: string, window: WindowRow["window"]) => windows.rows.find((r) => r.account === account && r.window === window);
  const applied = (await db.sql.query<{ name: string }>(`SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name DESC LIMIT 1`)).rows[0];
  return {
    accounts: accounts.rows.map(({ lastSuccessAgo, ...a }) => ({ ...a, lastSuccessAt: ago(lastSuccessAgo), hour: callStats(find(a.id, "hour")), day: callStats(find(a.id, "day")) })),
    queues,
    failedJobs: failed,
    backlog: backlog.rows.map(({ oldestAgo, ...b }) => ({ ...b, oldestAt: ago(oldestAgo) })),
    version: packageJson.version,
    migrations: { latest: applied?.name ?? null, pending: migrations.pending.length, problem: migrations.failed.length + migrations.unknown.length > 0 },
  };
}
