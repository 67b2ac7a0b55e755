import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";

// One client per process (Next.js dev reloads modules; keep the pool on globalThis).
const globalForDb = globalThis as unknown as { keyedDb?: PrismaClient };

export function createDb(connectionString = process.env.DATABASE_URL): PrismaClient {
  if (!connectionString) throw new Error("DATABASE_URL is not set (the start command sets it for the embedded database)");
  const adapter = new PrismaPg({ connectionString, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  return new PrismaClient({ adapter });
}

function instance(): PrismaClient {
  return (globalForDb.keyedDb ??= createDb());
}

/**
 * The app's client, created on first use rather than on import, so that `next build` can load
 * route modules without a database.
 */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const client = instance();
    const value: unknown = Reflect.get(client, prop, client);
    return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(client) : value;
  },
});

export type Db = PrismaClient;
export type { Prisma } from "./generated/prisma/client";
