// /api/ready's answer: ready only with a reachable, current database and a running job queue.
import { cpSync, mkdirSync, mkdtempSync, readdirSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { readiness } from "./readiness";
import { setAppQueue, startQueue, stopJobQueue } from "./jobs/queue";
import { testDb } from "./testing/db";

const db = testDb();
const MIGRATIONS = join(process.cwd(), "prisma", "migrations");

/** A project root whose prisma/migrations holds `names` (copied, or empty folders for made-up ones). */
function rootWith(names: string[]): string {
  const root = mkdtempSync(join(tmpdir(), "keyed-ready-"));
  for (const name of names) {
    const from = join(MIGRATIONS, name);
    if (readdirSync(MIGRATIONS).includes(name)) cpSync(from, join(root, "prisma", "migrations", name), { recursive: true });
    else mkdirSync(join(root, "prisma", "migrations", name), { recursive: true });
  }
  return root;
}

const shipped = readdirSync(MIGRATIONS, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

/** This process's queue, running (with no jobs to work: readiness asks only whether it runs). */
async function runningQueue() {
  const queue = await startQueue(db, []);
  setAppQueue(queue);
  return queue;
}

afterEach(async () => {
  await stopJobQueue({ timeoutMs: 1_000 });
  setAppQueue(undefined);
});
afterAll(() => db.$disconnect());

describe("readiness", () => {
  it("is ready with the database up, its migrations current and the job queue running", async () => {
    await runningQueue();
    expect(await readiness(db.sql)).toEqual({ ready: true, database: "up", migrations: "current", jobQueue: "running" });
  });

  it("is not ready when the job queue never started, or has stopped", async () => {
    expect(await readiness(db.sql)).toMatchObject({ ready: false, database: "up", jobQueue: "stopped" });
    const queue = await runningQueue();
    await queue.stop({ timeoutMs: 1_000 });
    expect(await readiness(db.sql)).toMatchObject({ ready: false, database: "up", jobQueue: "stopped" });
  });

  it("is not ready when this version ships a migration the database lacks, or the database has one it does not know", async () => {
    await runningQueue();
    expect(await readiness(db.sql, { root: rootWith([...shipped, "29991231000000_from_the_future"]) })).toMatchObject({ ready: false, database: "up", migrations: "pending" });
    expect(await readiness(db.sql, { root: rootWith(shipped.slice(0, -1)) })).toMatchObject({ ready: false, database: "up", migrations: "newer" });
  });

  it("is not ready once the instance drains before it stops, with everything else up", async () => {
    await runningQueue();
    const state = globalThis as Record<symbol, unknown>;
    state[Symbol.for("keyed.shutdown")] = { drainingSince: Date.now() };
    try {
      expect(await readiness(db.sql)).toEqual({ ready: false, database: "up", migrations: "current", jobQueue: "running", shuttingDown: true });
    } finally {
      delete state[Symbol.for("keyed.shutdown")];
    }
  });

  it("is not ready when the database refuses connections", async () => {
    await runningQueue();
    const pool = new pg.Pool({ connectionString: "postgresql://postgres@127.0.0.1:1/keyed" });
    try {
      expect(await readiness(pool)).toEqual({ ready: false, database: "down", migrations: "unchecked", jobQueue: "running" });
    } finally {
      await pool.end();
    }
  });

  it("is not ready, within its time limit, when the database accepts connections and never answers", async () => {
    await runningQueue();
    const sockets: Socket[] = [];
    const silent: Server = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    const port = (silent.address() as { port: number }).port;
    const pool = new pg.Pool({ connectionString: `postgresql://postgres@127.0.0.1:${port}/keyed` });
    try {
      const started = Date.now();
      expect(await readiness(pool, { timeoutMs: 300 })).toMatchObject({ ready: false, database: "down" });
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
      await pool.end().catch(() => undefined);
    }
  });
});
