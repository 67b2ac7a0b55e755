import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchDatabase, type ScratchDatabase } from "./testing/scratch-database";

const MIGRATIONS = readdirSync(join(process.cwd(), "prisma", "migrations"), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

/** `prisma migrate deploy` against `url`; asynchronous so an embedded database in this process keeps answering. */
async function migrateDeploy(url: string): Promise<string> {
  const { stdout, stderr } = await promisify(execFile)(join(process.cwd(), "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url },
  });
  return stdout + stderr;
}

async function query<R extends pg.QueryResultRow>(url: string, sql: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("migrations", () => {
  let empty: ScratchDatabase;
  beforeAll(async () => {
    empty = await createScratchDatabase({ prefix: "keyed_it_migrations", embeddedPort: 54337, log: () => {} });
  });
  afterAll(() => empty?.drop());

  it("apply to an empty database, and a second deploy changes nothing", { timeout: 120_000 }, async () => {
    expect(await query(empty.url, `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)).toEqual([]);

    const first = await migrateDeploy(empty.url);
    expect(first).toMatch(/applied/i);
    const applied = await query<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }>(
      empty.url,
      `SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name`,
    );
    expect(applied.map((m) => m.migration_name)).toEqual(MIGRATIONS);
    expect(applied.every((m) => m.finished_at !== null && m.rolled_back_at === null)).toBe(true);

    const tables = (await query<{ tablename: string }>(empty.url, `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)).map((t) => t.tablename);
    expect(tables).toEqual(expect.arrayContaining(["User", "RateLimit", "GatewayAccount", "Customer", "PaymentMethod", "Transaction", "AuditEvent"]));

    const second = await migrateDeploy(empty.url);
    expect(second).toMatch(/No pending migrations/i);
    expect(await query(empty.url, `SELECT count(*)::int AS n FROM _prisma_migrations`)).toEqual([{ n: MIGRATIONS.length }]);
  });
});
