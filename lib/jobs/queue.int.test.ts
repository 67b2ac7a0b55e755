// The job queue on a real database: each job runs once across competing nodes, failures retry with
// backoff and then stay visible, a payload that no longer parses fails at once, queued jobs survive a
// restart, and the reconciler runs as a job. Runs on the embedded database too (TEST_DATABASE_URL
// pointing at no server).
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { createDb, type Db } from "../db";
import { testDb } from "../testing/db";
import { waitFor } from "../testing/payment-world";
import { defineJob, QUEUE_SCHEMA, type AnyJob } from "./define";
import { startQueue, type JobQueue } from "./queue";
import { JOBS } from "./registry";
import { failedJobs, queueStats } from "./status";

const db = testDb();
const queues: JobQueue[] = [];
const nodes: Db[] = [];

async function start(jobs: readonly AnyJob[], on: Db = db): Promise<JobQueue> {
  for (const job of jobs) await db.sql.query(`SELECT ${QUEUE_SCHEMA}.create_queue($1, $2)`, [job.name, JSON.stringify({ policy: job.policy })]);
  const queue = await startQueue(on, jobs);
  queues.push(queue);
  return queue;
}

/** A second app node: its own pool, as a separate process would have. */
function node(): Db {
  const other = createDb(process.env.DATABASE_URL);
  nodes.push(other);
  return other;
}

const jobState = async (name: string) => (await db.sql.query<{ state: string; retry_count: number }>(`SELECT state, retry_count FROM ${QUEUE_SCHEMA}.job WHERE name = $1`, [name])).rows;

afterEach(async () => {
  await Promise.all(queues.splice(0).map((q) => q.stop({ timeoutMs: 1_000 })));
});
afterAll(async () => {
  await Promise.all(nodes.map((n) => n.$disconnect()));
  await db.$disconnect();
});

describe("the job queue", () => {
  it("has a queue, made by a migration, for every job the app defines (app nodes cannot create one)", async () => {
    const { rows } = await db.sql.query<{ name: string }>(`SELECT name FROM ${QUEUE_SCHEMA}.queue`);
    expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining(JOBS.map((j) => j.name)));
  });

  it("runs each job once when two nodes compete for it", async () => {
    const runs: { n: number; node: string }[] = [];
    const job = (nodeName: string) =>
      defineJob({ name: "it-once", payload: z.object({ n: z.number().int() }), policy: "standard", retryLimit: 0, retryDelaySeconds: 1, expireInSeconds: 30, pollingSeconds: 0.5, run: async ({ n }) => void runs.push({ n, node: nodeName }) });
    const a = await start([job("a")], node());
    await start([job("b")], node());
    for (let n = 0; n < 20; n++) await a.enqueue(job("a"), { n });
    await waitFor(async () => runs.length >= 20, 20_000);
    await new Promise((r) => setTimeout(r, 1_500)); // a second run would come within a poll or two
    expect(runs.map((r) => r.n).sort((x, y) => x - y)).toEqual([...Array(20).keys()]);
    expect((await queueStats(db.sql)).find((s) => s.queue === "it-once")).toMatchObject({ queued: 0, active: 0, failed: 0 });
  });

  it("retries a failing job with growing delays, then keeps it as failed with its error", async () => {
    const attempts: number[] = [];
    const job = defineJob({
      name: "it-flaky",
      payload: z.object({}),
      policy: "standard",
      retryLimit: 2,
      retryDelaySeconds: 1,
      expireInSeconds: 30,
      pollingSeconds: 0.5,
      run: async () => {
        attempts.push(Date.now());
        throw new Error("gateway said no");
      },
    });
    const queue = await start([job]);
    const id = await queue.enqueue(job, {});
    const failed = await waitFor(async () => (await failedJobs(db.sql)).find((f) => f.id === id), 20_000);
    expect(failed).toMatchObject({ queue: "it-flaky", error: "gateway said no", attempts: 3 });
    expect(attempts).toHaveLength(3);
    // Backoff: the first retry waits 1–2 s, the second 2–4 s.
    expect(attempts[1]! - attempts[0]!).toBeGreaterThanOrEqual(1_000);
    expect(attempts[2]! - attempts[1]!).toBeGreaterThanOrEqual(2_000);
    expect((await queueStats(db.sql)).find((s) => s.queue === "it-flaky")?.failed).toBeGreaterThanOrEqual(1);
  }, 30_000);

  it("fails a job whose payload no longer parses at once, with the reason, and never runs it", async () => {
    const run = vi.fn();
    const job = defineJob({ name: "it-typed", payload: z.object({ amount: z.number().int() }), policy: "standard", retryLimit: 5, retryDelaySeconds: 1, expireInSeconds: 30, pollingSeconds: 0.5, run });
    await start([job]);
    // Queued by an older version whose payload had another shape.
    const { rows } = await db.sql.query<{ id: string }>(`INSERT INTO ${QUEUE_SCHEMA}.job (name, data, retry_limit) VALUES ('it-typed', '{"amount":"3.00"}', 5) RETURNING id`);
    const id = rows[0]!.id;
    const failed = await waitFor(async () => (await failedJobs(db.sql)).find((f) => f.id === id), 10_000);
    expect(failed.error).toMatch(/^payload does not parse: amount: /);
    expect(failed.attempts).toBe(1);
    expect(run).not.toHaveBeenCalled();
  });

  it("refuses to queue a payload that does not parse", async () => {
    const job = defineJob({ name: "it-typed", payload: z.object({ amount: z.number().int() }), policy: "standard", retryLimit: 0, retryDelaySeconds: 1, expireInSeconds: 30, pollingSeconds: 0.5, run: async () => {} });
    const queue = await start([job]);
    await expect(queue.enqueue(job, { amount: 1.5 })).rejects.toThrow();
  });

  it("runs after a restart the jobs queued before it", async () => {
    const ran: string[] = [];
    const job = (nodeName: string) =>
      defineJob({ name: "it-restart", payload: z.object({ ref: z.string() }), policy: "standard", retryLimit: 0, retryDelaySeconds: 1, expireInSeconds: 30, pollingSeconds: 0.5, run: async ({ ref }) => void ran.push(`${ref}@${nodeName}`) });
    const before = await start([job("before")], node());
    await before.enqueue(job("before"), { ref: "r1" }, { startAfterSeconds: 2 });
    await before.stop();
    expect(await jobState("it-restart")).toEqual([{ state: "created", retry_count: 0 }]);
    await start([job("after")], node());
    await waitFor(async () => ran.length > 0, 10_000);
    expect(ran).toEqual(["r1@after"]);
  });
});
