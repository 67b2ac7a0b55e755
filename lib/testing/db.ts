// Helpers for integration tests (*.int.test.ts): a Prisma client on the run's scratch database,
// table cleanup between tests, and users to sign in with.
import { randomBytes } from "node:crypto";
import type { Role } from "../auth/roles";
import { createDb, type Db } from "../db";
import { hashPassword } from "../services/passwords";

/** A client on the integration database (set up by lib/testing/db-global-setup.ts). Disconnect it in afterAll. */
export function testDb(): Db {
  if (!process.env.DATABASE_URL) throw new Error("DATABASE_URL is not set: run integration tests with `npm run test:integration`");
  return createDb(process.env.DATABASE_URL);
}

// AuditEvent refuses TRUNCATE and DELETE by trigger (it is append-only), so it keeps every row of
// the run: tests assert on the audit rows they created (by a unique email, actor or target).
// The dashboard's day zone stays as the migration set it: its days are emptied with the transactions.
const KEEP = new Set(["AuditEvent", "_prisma_migrations", "TransactionDailyRollupZone"]);

/** Empties every table except the audit log, the migration history and the dashboard's day zone. */
export async function resetDatabase(db: Db): Promise<void> {
  const rows = await db.$queryRaw<{ tablename: string }[]>`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`;
  const tables = rows.map((r) => r.tablename).filter((t) => !KEEP.has(t));
  if (tables.length) await db.$executeRawUnsafe(`TRUNCATE ${tables.map((t) => `"${t}"`).join(", ")} RESTART IDENTITY CASCADE`);
}

/** An email no other test uses, so audit rows and rate-limit keys stay apart. */
export function uniqueEmail(label = "user"): string {
  return `${label}-${randomBytes(4).toString("hex")}@it.keyed.test`;
}

export async function createUser(db: Db, opts: { role?: Role; email?: string; password?: string; name?: string; active?: boolean } = {}) {
  const password = opts.password ?? `pw-${randomBytes(6).toString("hex")}`;
  const user = await db.user.create({
    data: {
      email: opts.email ?? uniqueEmail(opts.role ?? "clerk"),
      name: opts.name ?? "Test User",
      role: opts.role ?? "clerk",
      active: opts.active ?? true,
      passwordHash: await hashPassword(password),
    },
  });
  return { user, password };
}
