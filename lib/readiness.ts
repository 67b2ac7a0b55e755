// Whether this instance can do its work (/api/ready): its database answers, has exactly this
// version's migrations, this process runs the job queue (lib/jobs: the reconciler and other background work),
// and it is not shutting down (lib/shutdown.ts: a draining instance answers 503 so load balancers leave it).
// Only states, never data: the probe needs no session.
import type pg from "pg";
import { jobQueueStatus } from "./jobs/queue";
import { migrationState } from "./migration-state";
import { drainingSince } from "./shutdown";

export interface Readiness {
  ready: boolean;
  database: "up" | "down";
  /** pending: run `npm run db:migrate`; newer: a newer Keyed migrated it; failed: a migration stopped part-way. */
  migrations: "current" | "pending" | "newer" | "failed" | "unchecked";
  /** stopped: it failed to start (the log says why: often migrations not applied) or is shutting down. */
  jobQueue: "running" | "stopped";
  /** Present (true) only once the instance drains before it stops (SIGTERM). */
  shuttingDown?: true;
}

/** A database that does not answer within this is down for a probe, whatever it would say later. */
const DATABASE_TIMEOUT_MS = 3_000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

export async function readiness(sql: Pick<pg.Pool, "query">, opts: { timeoutMs?: number; root?: string } = {}): Promise<Readiness> {
  const jobQueue = jobQueueStatus();
  let database: Readiness["database"] = "down";
  let migrations: Readiness["migrations"] = "unchecked";
  try {
    const state = await withTimeout(migrationState(sql, opts.root), opts.timeoutMs ?? DATABASE_TIMEOUT_MS);
    database = "up";
    migrations = state.failed.length ? "failed" : state.unknown.length ? "newer" : state.pending.length ? "pending" : "current";
  } catch {
    // Unreachable, or too slow to count as reachable.
  }
  const shuttingDown = drainingSince() !== null;
  const ready = database === "up" && migrations === "current" && jobQueue === "running" && !shuttingDown;
  return { ready, database, migrations, jobQueue, ...(shuttingDown ? { shuttingDown: true as const } : {}) };
}
