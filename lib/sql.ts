// Plain SQL on the app's pool (db.sql) for the hot paths Prisma makes expensive; see lib/db.ts.
import { createHash } from "node:crypto";
import type pg from "pg";
import type { Prisma } from "./db";

/** A pool or a client checked out of it (inside a transaction). */
export type Sql = Pick<pg.Pool, "query"> | Pick<pg.PoolClient, "query">;

/** Runs `work` in one database transaction on one pooled connection; rolls back on any error. */
export async function inTransaction<T>(pool: pg.Pool, work: (sql: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    const out = await work(client);
    await client.query("COMMIT");
    return out;
  } catch (err) {
    await client.query("ROLLBACK").catch((rollbackErr: Error) => (broken = rollbackErr));
    throw err;
  } finally {
    // A connection that could not roll back is discarded rather than handed to the next caller.
    client.release(broken);
  }
}

/** JSON for a jsonb parameter (pg would send a JS array as a PostgreSQL array, not as JSON). */
export function json(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/**
 * An instant for a timestamp(3) column holding UTC (as Prisma writes them; now by default): send as
 * `$n::timestamp`. An ISO string, because pg would send a Date in the process's local time, whose
 * offset PostgreSQL drops for a column without a time zone. Rows take the app's clock, not the
 * database's now(): that is rounded *up* to timestamp(3) and could land after a "before" the app
 * computes a moment later (the reconciler's age check).
 */
export function utcTimestamp(at: Date = new Date()): string {
  return at.toISOString();
}

/** A Prisma.Sql as a pg query for `db.sql`: the same text ($1, $2…) and values, instants as {@link utcTimestamp}. */
export function pgQuery(sql: Prisma.Sql): pg.QueryConfig {
  return { text: sql.text, values: sql.values.map((v) => (v instanceof Date ? utcTimestamp(v) : v)) };
}

/**
 * `"column" = $n` pairs for an UPDATE from a column → value map (undefined = leave as is), pushing
 * the values onto `params`. Columns named in `jsonColumns` are sent as jsonb.
 */
export function assignments(data: Record<string, unknown>, params: unknown[], jsonColumns: ReadonlySet<string> = new Set()): string {
  const parts: string[] = [];
  for (const [column, value] of Object.entries(data)) {
    if (value === undefined) continue;
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(column)) throw new Error(`not a column name: ${column}`);
    params.push(jsonColumns.has(column) ? json(value) : value);
    parts.push(`"${column}" = $${params.length}${jsonColumns.has(column) ? "::jsonb" : ""}`);
  }
  return parts.join(", ");
}


const names = new Map<string, string>();

/**
 * A statement PostgreSQL parses and plans once per connection rather than on every call (a named
 * prepared statement, named after its text), for the statements a sale runs every time.
 */
export function prepared(text: string, values: unknown[]): pg.QueryConfig {
  let name = names.get(text);
  if (!name) {
    name = `k_${createHash("sha256").update(text).digest("base64url").slice(0, 20)}`;
    names.set(text, name);
  }
  return { name, text, values };
}
