// The background job queue: pg-boss 10 on the app's own PostgreSQL (the same pool as Prisma).
//
// Why pg-boss: it needs nothing but the database — no LISTEN/NOTIFY (graphile-worker waits on
// LISTEN, which on the embedded database is one session shared by every connection, see
// lib/cli/embedded-postgres), no session advisory locks (only transaction-scoped ones, released at
// COMMIT), jobs claimed with FOR UPDATE SKIP LOCKED so each runs on one node, retries with
// exponential backoff, failed jobs kept with their error. Version 10 because it is the last line
// that runs on Node 20 (11 and 12 need Node 22).
//
// App nodes never run DDL: the schema and each job's queue are made by a migration
// (prisma/migrations/*_job_queue), so pg-boss starts with `migrate: false` and only checks the
// schema version. Granted to the app role by lib/cli/app-role.ts.
import PgBoss from "pg-boss";
import type { Db } from "../db";
import { log } from "../log";
import { withLogContext } from "../log-context";
import { metrics } from "../metrics";
import { QUEUE_SCHEMA, type AnyJob, type JobContext, type JobDefinition } from "./define";

export interface JobQueue {
  enqueue: JobContext["enqueue"];
  /** Stops fetching, waits up to `timeoutMs` for running jobs, then fails what is still running (it is retried later). */
  stop(opts?: { timeoutMs?: number }): Promise<void>;
  running(): boolean;
}

/** A payload that no longer parses cannot succeed on a retry: fail it now, with the reason. */
export class BadPayloadError extends Error {}

/** Starts a queue that works `jobs`, and queues the first run of the recurring ones (dropped if one is queued already). */
export async function startQueue(db: Db, jobs: readonly AnyJob[]): Promise<JobQueue> {
  const boss = new PgBoss({
    db: { executeSql: (text, values) => db.sql.query(text, values) },
    schema: QUEUE_SCHEMA,
    migrate: false,
    // Maintenance (expiring jobs of crashed nodes, archiving, deleting) runs on one node at a time;
    // the schedule is what revives a recurring job whose chain broke (reconcile.ts).
    supervise: true,
    schedule: true,
    archiveCompletedAfterSeconds: 3600,
    archiveFailedAfterSeconds: 7 * 86_400,
    deleteAfterDays: 7,
  });
  let stopped = false;
  boss.on("error", (err) => log.error({ err }, "job queue: error"));
  await boss.start();

  const enqueue: JobContext["enqueue"] = async (job, payload, sendOpts = {}) => {
    const data = job.payload.parse(payload) as object;
    return boss.send(job.name, data ?? {}, { startAfter: sendOpts.startAfterSeconds });
  };
  const queue: JobQueue = {
    enqueue,
    running: () => !stopped,
    async stop({ timeoutMs = 30_000 } = {}) {
      if (stopped) return;
      stopped = true;
      await boss.stop({ graceful: true, wait: true, close: false, timeout: timeoutMs });
    },
  };

  for (const job of jobs) {
    // The queue's retry policy follows the code; the queue itself came from a migration.
    await boss.updateQueue(job.name, { name: job.name, policy: job.policy, retryLimit: job.retryLimit, retryDelay: job.retryDelaySeconds, retryBackoff: true, expireInSeconds: job.expireInSeconds });
    const every = job.everySeconds?.() ?? 0;
    if (job.everySeconds && !every) {
      // Turned off (the same setting on every node, or the schedule revives it): nothing queues it any more.
      await boss.unschedule(job.name);
      continue;
    }
    await boss.work<unknown>(job.name, { pollingIntervalSeconds: job.pollingSeconds, batchSize: 1 }, async ([item]) => {
      if (!item) return;
      const started = performance.now();
      try {
        if (every) await boss.send(job.name, {}, { startAfter: every });
        const result = await withLogContext({ job: job.name }, () => runOne(db, job, item, enqueue));
        metrics.jobs.inc({ queue: job.name, outcome: "completed" });
        return result;
      } catch (err) {
        metrics.jobs.inc({ queue: job.name, outcome: "failed" });
        log.error({ err, job: job.name, jobId: item.id, ms: Math.round(performance.now() - started) }, `job ${job.name} failed`);
        throw err;
      }
    });
    if (every) {
      await boss.send(job.name, {});
      await boss.schedule(job.name, "* * * * *", {});
    }
  }
  return queue;
}

async function runOne(db: Db, job: AnyJob, item: PgBoss.Job<unknown>, enqueue: JobContext["enqueue"]): Promise<unknown> {
  const parsed = job.payload.safeParse(item.data);
  if (!parsed.success) {
    // pg-boss retries while retry_count < retry_limit: closing that gap fails the job on this attempt.
    await db.sql.query(`UPDATE ${QUEUE_SCHEMA}.job SET retry_limit = retry_count WHERE name = $1 AND id = $2`, [job.name, item.id]);
    throw new BadPayloadError(`payload does not parse: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(payload)"}: ${i.message}`).join("; ")}`);
  }
  return job.run(parsed.data, { db, enqueue });
}

// The app's queue, one per process, on globalThis: Next.js loads instrumentation.ts and the routes
// that read its state in separate bundle layers.
const globalForQueue = globalThis as unknown as { keyedJobQueue?: JobQueue };

export function setAppQueue(queue: JobQueue | undefined): void {
  globalForQueue.keyedJobQueue = queue;
}

/** running: this process works the queue; stopped: it never started, failed to, or was stopped. */
export function jobQueueStatus(): "running" | "stopped" {
  return globalForQueue.keyedJobQueue?.running() ? "running" : "stopped";
}

/** Queues a job on this process's queue (a server action's way in); throws while the queue is not running. */
export async function enqueueJob<P>(job: JobDefinition<P>, payload: P, opts?: { startAfterSeconds?: number }): Promise<string | null> {
  const queue = globalForQueue.keyedJobQueue;
  if (!queue?.running()) throw new Error("the job queue is not running");
  return queue.enqueue(job, payload, opts);
}

/** For the shutdown path: lets running jobs finish (up to `timeoutMs`), then stops. Safe to call twice or before a start. */
export async function stopJobQueue(opts?: { timeoutMs?: number }): Promise<void> {
  await globalForQueue.keyedJobQueue?.stop(opts);
}
