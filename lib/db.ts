import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";

// One client per process (Next.js dev reloads modules; keep the pool on globalThis).
const globalForDb = globalThis as unknown as { keyedDb?: PrismaClient };

export function createDb(connectionString = process.env.DATABASE_URL): PrismaClient {
  if (!connectionString) throw new Error("DATABASE_URL is not set (the start command sets it for the embedded database)");
  const adapter = new PrismaPg({ connectionString, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  return new PrismaClient({ adapter });
}

export const db: PrismaClient = globalForDb.keyedDb ?? (globalForDb.keyedDb = createDb());

export type Db = PrismaClient;
export type { Prisma } from "./generated/prisma/client";
