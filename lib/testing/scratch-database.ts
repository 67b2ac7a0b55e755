// A throwaway database for one test run: a fresh `<prefix>_<random>` database on the PostgreSQL
// server in TEST_DATABASE_URL, or, when no server answers there, an in-memory embedded PostgreSQL.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { maskDatabaseUrl } from "../cli/database-url";
import { startEmbeddedPostgres } from "../cli/embedded-postgres";

export const DEFAULT_TEST_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres";

export interface ScratchDatabase {
  url: string;
  /** True when the embedded PostgreSQL stands in for a server. */
  embedded: boolean;
  /** Drops the database (or stops the embedded one). Safe to call twice. */
  drop(): Promise<void>;
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function onServer<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

export async function createScratchDatabase(opts: { prefix: string; embeddedPort: number; log: (line: string) => void }): Promise<ScratchDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL || DEFAULT_TEST_SERVER;

  if (!(await answers(serverUrl))) {
    const embedded = await startEmbeddedPostgres({ port: opts.embeddedPort });
    opts.log(`no PostgreSQL answers at ${maskDatabaseUrl(serverUrl)}: using the embedded PostgreSQL (PGlite, in memory) on 127.0.0.1:${opts.embeddedPort}`);
    let stopped = false;
    return {
      url: embedded.url,
      embedded: true,
      async drop() {
        if (stopped) return;
        stopped = true;
        await embedded.stop();
      },
    };
  }

  const name = `${opts.prefix}_${randomBytes(5).toString("hex")}`;
  await onServer(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  opts.log(`database ${name} created on ${maskDatabaseUrl(serverUrl)}`);
  let dropped = false;
  return {
    url: url.toString(),
    embedded: false,
    async drop() {
      if (dropped) return;
      dropped = true;
      // FORCE ends sessions a crashed test or server may have left open.
      await onServer(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      opts.log(`database ${name} dropped`);
    },
  };
}
