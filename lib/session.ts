// The data-access gate: who is asking, re-read from the database on every request.
import "server-only";
import { cookies } from "next/headers";
import { forbidden, redirect, unauthorized } from "next/navigation";
import { cache } from "react";
import { readSessionCookie } from "./auth/session-cookie";
import { hasRole, type Role } from "./auth/roles";
import { db } from "./db";
import { prepared } from "./sql";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** The signed-in session's id. */
  sessionId?: string;
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  passwordChangedAt: Date;
  passwordChangedBySid: string | null;
  revoked: boolean;
}

export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const store = await cookies();
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set (the start command sets it)");
  const session = readSessionCookie((name) => store.get(name)?.value, secret);
  // A session without an id predates revocation and is refused, as the jwt callback in lib/auth.ts does.
  if (!session?.sid) return null;
  // On every request, so one SQL round trip (see lib/db.ts). Timestamps are stored as UTC without a zone.
  const { rows } = await db.sql.query<UserRow>(
    prepared(
      `SELECT id, email, name, role, active, "passwordChangedAt" AT TIME ZONE 'UTC' AS "passwordChangedAt", "passwordChangedBySid",
            EXISTS (SELECT 1 FROM "RevokedSession" WHERE sid = $2) AS revoked
       FROM "User" WHERE id = $1`,
      [session.uid, session.sid],
    ),
  );
  const user = rows[0];
  if (!user || !user.active || user.revoked) return null;
  // A password change or reset ends every session that signed in before it, except the one that
  // changed its own password.
  const changedLater = !session.signedInAt || user.passwordChangedAt.getTime() > session.signedInAt;
  if (changedLater && session.sid !== user.passwordChangedBySid) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, sessionId: session.sid };
});

/** For pages: signed-out users go to sign-in; users without the role get the 403 page. */
export async function requirePageRole(role: Role): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  if (!hasRole(user.role, role)) forbidden();
  return user;
}

/**
 * For server actions and route handlers: answers 401 when signed out and 403 when the role is
 * missing. Never trusts anything the browser says about the user.
 */
export async function requireRole(role: Role): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) unauthorized();
  if (!hasRole(user.role, role)) forbidden();
  return user;
}
