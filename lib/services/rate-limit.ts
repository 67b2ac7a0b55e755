// Failure counters with a lockout, kept in the database so that every app instance sees the same
// count (sign-in throttling, rejected gateway callbacks, CSP reports).
import type { Db } from "../db";

export interface Limit {
  /** Failures counted within this many minutes… */
  windowMinutes: number;
  /** …up to this many, which locks the key… */
  max: number;
  /** …for this long. */
  lockMinutes: number;
}

export async function isLocked(db: Db, key: string): Promise<boolean> {
  const row = await db.rateLimit.findUnique({ where: { key } });
  return !!row?.lockedUntil && row.lockedUntil > new Date();
}

/**
 * Counts one failure for `key` atomically, locking the key when the count reaches `max` within the
 * window. Returns the count in the current window (1 for the first failure of a window), and whether
 * this failure locked the key.
 */
export async function countFailure(db: Db, key: string, limit: Limit): Promise<{ count: number; locked: boolean }> {
  const { windowMinutes, lockMinutes, max } = limit;
  const [row] = await db.$queryRaw<{ count: number }[]>`
    INSERT INTO "RateLimit" ("key", "count", "windowStart") VALUES (${key}, 1, now())
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimit"."windowStart" < now() - make_interval(mins => ${windowMinutes}::int) THEN 1 ELSE "RateLimit"."count" + 1 END,
      "windowStart" = CASE WHEN "RateLimit"."windowStart" < now() - make_interval(mins => ${windowMinutes}::int) THEN now() ELSE "RateLimit"."windowStart" END
    RETURNING "count"`;
  const count = row?.count ?? 1;
  if (count < max) return { count, locked: false };
  await db.$executeRaw`
    UPDATE "RateLimit" SET "lockedUntil" = now() + make_interval(mins => ${lockMinutes}::int), "count" = 0, "windowStart" = now() WHERE "key" = ${key}`;
  return { count, locked: true };
}
