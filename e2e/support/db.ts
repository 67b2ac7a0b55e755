// Direct access to the e2e server's database, for arranging state a user cannot (deactivating a
// user mid-session) and for checking what was stored.
import pg from "pg";
import { DATABASE_URL } from "./env";

export async function withDb<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  if (!DATABASE_URL) throw new Error("the e2e database is unknown: start the suite with `npm run test:e2e` (lib/cli/e2e-server.ts writes it)");
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
  return withDb(async (client) => (await client.query<R>(sql, params)).rows);
}
