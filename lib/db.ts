import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client";

/**
 * Prisma for the app's data access, plus `sql`: the same connection pool for the few hot paths
 * written in SQL (a sale, the session check). Prisma 6.19's client engine compiles every query in
 * WebAssembly with no plan cache — about 1.5 ms of CPU per query, measured — which is most of a
 * sale's cost; Prisma 7 caches plans but cannot migrate offline (see prisma.config.ts).
 */
export type Db = PrismaClient & { readonly sql: pg.Pool };

// One client per process (Next.js dev reloads modules; keep the pool on globalThis).
const globalForDb = globalThis as unknown as { keyedDb?: Db };

export function createDb(connectionString = process.env.DATABASE_URL): Db {
  if (!connectionString) throw new Error("DATABASE_URL is not set (the start command sets it for the embedded database)");
  const pool = new pg.Pool({ connectionString, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  const client = new PrismaClient({ adapter: new PrismaPg(pool) });
  const disconnect = client.$disconnect.bind(client);
  return Object.assign(client, {
    sql: pool,
    // The adapter leaves a pool it was given open: end it with the client.
    async $disconnect() {
      await disconnect();
      if (!pool.ended) await pool.end();
    },
  });
}

function instance(): Db {
  return (globalForDb.keyedDb ??= createDb());
}

/**
 * The app's client, created on first use rather than on import, so that `next build` can load
 * route modules without a database.
 */
export const db: Db = new Proxy({} as Db, {
  get(_target, prop) {
    const client = instance();
    const value: unknown = Reflect.get(client, prop, client);
    return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(client) : value;
  },
});

export type { Prisma } from "./generated/prisma/client";
