// Signed-out sessions. Sessions are JWT cookies; deleting the cookie on sign-out is not enough,
// because a request already in flight (a prefetch, a poll) can come back with a refreshed copy.
// So sign-out also records the session id, and every request refuses a recorded one.
import type { Db } from "../db";

/** Asked on every request, so in SQL (see lib/db.ts). */
export async function isSessionRevoked(db: Pick<Db, "sql">, sid: string): Promise<boolean> {
  const { rowCount } = await db.sql.query(`SELECT 1 FROM "RevokedSession" WHERE sid = $1`, [sid]);
  return (rowCount ?? 0) > 0;
}

/** `ttlSeconds`: how long the session could still be presented (its idle timeout, plus a margin). */
export async function revokeSession(db: Pick<Db, "revokedSession">, sid: string, ttlSeconds: number): Promise<void> {
  const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
  await db.revokedSession.upsert({ where: { sid }, create: { sid, expiresAt }, update: { expiresAt } });
  await db.revokedSession.deleteMany({ where: { expiresAt: { lt: new Date() } } });
}
