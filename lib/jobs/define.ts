// What a background job is: a queue name, a zod schema for its payload, the queue's retry policy
// and the work. Jobs are listed in ./registry.ts and run by ./queue.ts; each one's queue is created
// by a migration (prisma/migrations/*_job_queue), since app nodes may not run DDL.
import type { z } from "zod";
import type { Db } from "../db";

/** The PostgreSQL schema holding the queue's tables (made by a migration). */
export const QUEUE_SCHEMA = "pgboss";

export interface JobContext {
  db: Db;
  /** Queues a job (its payload is checked against the job's schema first). */
  enqueue: <P>(job: JobDefinition<P>, payload: P, opts?: { startAfterSeconds?: number }) => Promise<string | null>;
}

export interface JobDefinition<P = unknown> {
  /** The queue's name, as the migration created it. */
  name: string;
  payload: z.ZodType<P>;
  /**
   * pg-boss's queue policy: "standard" (any number queued and running), or "stately" (at most one
   * queued and one running: a second send while one waits is dropped — how a recurring job stays single).
   */
  policy: "standard" | "stately";
  /** Attempts after the first; each waits retryDelaySeconds, doubled per attempt (with jitter). */
  retryLimit: number;
  retryDelaySeconds: number;
  /** A run taking longer than this fails (and may be retried); also how long a crashed node's job waits before another node retries it. */
  expireInSeconds: number;
  /**
   * How often a node asks for this queue's next job. A node takes one job per poll (measured: 20 jobs
   * in about 6 s on two nodes polling every 0.5 s): a high-volume queue later wants pg-boss's batchSize.
   */
  pollingSeconds: number;
  /**
   * A recurring job: seconds from one run's start to the next (0: not run at all). Its policy must be
   * "stately". Each run queues the next before it works, so the chain survives a failed run or a
   * crashed node; a once-a-minute schedule revives it if every node was down when the next was due.
   */
  everySeconds?: () => number;
  run: (payload: P, ctx: JobContext) => Promise<unknown>;
}

/** Any job, whatever its payload's type: for lists of jobs, where each one's payload is checked by its own schema. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJob = JobDefinition<any>;

export function defineJob<P>(job: JobDefinition<P>): JobDefinition<P> {
  return job;
}
