// The embedded database must behave like a server for everything the app does over several pool
// connections (issue 12: named prepared statements collided across connections and every page after
// the first answered 500).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startEmbeddedPostgres, type EmbeddedPostgres } from ".";

let embedded: EmbeddedPostgres;
const pools: pg.Pool[] = [];
const pool = (opts: pg.PoolConfig = {}) => {
  const p = new pg.Pool({ connectionString: embedded.url, max: 4, ...opts });
  p.on("error", () => {});
  pools.push(p);
  return p;
};
const connect = async () => {
  const c = new pg.Client({ connectionString: embedded.url });
  c.on("error", () => {});
  await c.connect();
  return c;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const named = (value: number) => ({ name: "k_same_name", text: "SELECT $1::int AS v", values: [value] });

beforeAll(async () => {
  vi.spyOn(console, "error").mockImplementation(() => {});
  embedded = await startEmbeddedPostgres({ port: 0, lockWaitMs: 1000 });
  const c = await connect();
  await c.query("CREATE TABLE t (v int)");
  await c.end();
}, 60_000);

afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
  await embedded?.stop();
});

describe("embedded PostgreSQL front", () => {
  it("lets every pool connection prepare the same statement name, concurrently", async () => {
    const p = pool();
    const values = Array.from({ length: 40 }, (_, i) => i);
    const rows = await Promise.all(values.map((v) => p.query<{ v: number }>(v % 2 ? named(v) : { text: "SELECT $1::int + 0 AS v", values: [v] })));
    expect(rows.map((r) => r.rows[0]!.v)).toEqual(values);
    expect(p.totalCount).toBeGreaterThan(1);
  });

  it("lets a new connection prepare a name again after the pool dropped an idle one", async () => {
    const p = pool({ idleTimeoutMillis: 50 });
    expect((await p.query<{ v: number }>(named(1))).rows[0]!.v).toBe(1);
    await sleep(300);
    expect(p.totalCount).toBe(0);
    expect((await p.query<{ v: number }>(named(2))).rows[0]!.v).toBe(2);
  });

  it("deallocates a closed connection's statements", async () => {
    // The backend session is shared, so any connection sees every connection's statements.
    const observer = await connect();
    const count = async () =>
      (await observer.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name LIKE '%k_only_here'")).rows[0]!.n;
    const c = await connect();
    await c.query({ name: "k_only_here", text: "SELECT 1", values: [] });
    expect(await count()).toBe(1);
    await c.end();
    await sleep(100);
    expect(await count()).toBe(0);
    await observer.end();
  });

  it("never runs another connection's statement inside an open transaction", async () => {
    const a = await connect();
    const b = await connect();
    await a.query("BEGIN");
    await a.query("INSERT INTO t VALUES (1)");
    const bWrite = b.query("INSERT INTO t VALUES (2)");
    await sleep(100);
    await a.query("ROLLBACK");
    await bWrite;
    const { rows } = await b.query<{ v: number }>("SELECT v FROM t ORDER BY v");
    expect(rows.map((r) => r.v)).toEqual([2]);
    await a.end();
    await b.end();
    await b.query("SELECT 1").catch(() => {});
  });

  it("rolls back the open transaction of a connection that went away, and serves the others", async () => {
    const a = await connect();
    await a.query("BEGIN");
    await a.query("INSERT INTO t VALUES (3)");
    const b = await connect();
    const bRead = b.query<{ n: number }>("SELECT count(*)::int AS n FROM t WHERE v = 3");
    (a as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    expect((await bRead).rows[0]!.n).toBe(0);
    await b.end();
  });

  it("closes a connection that waits too long behind another's transaction, with the cause, and keeps serving", async () => {
    const a = await connect();
    const b = await connect();
    await a.query("BEGIN");
    await expect(b.query("SELECT 1")).rejects.toThrow();
    expect(vi.mocked(console.error)).toHaveBeenCalledWith(expect.stringMatching(/waited 1 s for connection \d+'s open transaction/));
    await a.query("COMMIT");
    expect((await a.query<{ v: number }>("SELECT 5 AS v")).rows[0]!.v).toBe(5);
    await a.end();
  });
});
