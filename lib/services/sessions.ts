// Signed-out sessions. Sessions are JWT cookies; deleting the cookie on sign-out is not enough,
// because a request already in flight (a prefetch, a poll) can come back with a refreshed copy.
// So sign-out also records the session id, and every request refuses a recorded one.
import type { Db } from "../db";

export async function isSessionRevoked(db: Pick<Db, "revokedSession">, sid: string): Promise<boolean> {
  return (await db.revokedSession.findUnique({ where: { sid }, select: { sid: true } })) !== null;
}

/** `ttlSeconds`: how long the session could still be presented (its idle timeout, plus a margin). */
export async function revokeSession(db: Pick<Db, "revokedSession">, sid: string, ttlSeconds: number): Promise<void> {
  const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
  await db.revokedSession.upsert({ where: { sid }, create: { sid, expiresAt }, update: { expiresAt } });
  await db.revokedSession.deleteMany({ where: { expiresAt: { lt: new Date() } } });
}
