// What the job queue holds, read from its tables: for the metrics (lib/metrics/database.ts) and the
// System page. pg-boss moves finished jobs to its archive table after a while (lib/jobs/queue.ts),
// so counts of failed jobs and the last completion look in both.
import type pg from "pg";
import { QUEUE_SCHEMA } from "./define";

export interface QueueStats {
  queue: string;
  /** Waiting (created, or failed and waiting for a retry), due or not. */
  queued: number;
  active: number;
  failed: number;
  /** Seconds the oldest due job has waited for a node to take it (0 when none is due). */
  lagSeconds: number;
  lastCompletedAt: Date | null;
}

export interface FailedJob {
  id: string;
  queue: string;
  error: string;
  attempts: number;
  failedAt: Date;
}

const S = QUEUE_SCHEMA;

// pg-boss's own queues (its schedule) are left out: they are how it works, not work of ours.
const STATS_SQL = `
  WITH archived AS (
    SELECT name,
           count(*) FILTER (WHERE state = 'failed')::int AS failed,
           max(completed_on) FILTER (WHERE state = 'completed') AS completed
      FROM ${S}.archive GROUP BY name)
  SELECT q.name AS queue,
         count(j.id) FILTER (WHERE j.state IN ('created', 'retry'))::int AS queued,
         count(j.id) FILTER (WHERE j.state = 'active')::int AS active,
         (count(j.id) FILTER (WHERE j.state = 'failed') + coalesce(max(a.failed), 0))::int AS failed,
         coalesce(extract(epoch FROM now() - min(j.start_after) FILTER (WHERE j.state IN ('created', 'retry') AND j.start_after <= now())), 0)::float8 AS "lagSeconds",
         greatest(max(j.completed_on) FILTER (WHERE j.state = 'completed'), max(a.completed)) AS "lastCompletedAt"
    FROM ${S}.queue q
    LEFT JOIN ${S}.job j ON j.name = q.name
    LEFT JOIN archived a ON a.name = q.name
   WHERE q.name NOT LIKE '\\_\\_pgboss%'
   GROUP BY q.name
   ORDER BY q.name`;

export async function queueStats(sql: Pick<pg.Pool, "query">): Promise<QueueStats[]> {
  return (await sql.query<QueueStats>(STATS_SQL)).rows;
}

const FAILED_SQL = `
  SELECT id, name AS queue, coalesce(output->>'message', output::text, '') AS error, retry_count + 1 AS attempts, completed_on AS "failedAt"
    FROM (SELECT id, name, output, retry_count, completed_on FROM ${S}.job WHERE state = 'failed'
          UNION ALL
          SELECT id, name, output, retry_count, completed_on FROM ${S}.archive WHERE state = 'failed') f
   WHERE name NOT LIKE '\\_\\_pgboss%'
   ORDER BY completed_on DESC
   LIMIT $1`;

/** The most recently failed jobs, newest first, with the error they failed with. */
export async function failedJobs(sql: Pick<pg.Pool, "query">, limit = 20): Promise<FailedJob[]> {
  return (await sql.query<FailedJob>(FAILED_SQL, [limit])).rows;
}
