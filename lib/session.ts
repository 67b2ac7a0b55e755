// The data-access gate: who is asking, re-read from the database on every request.
import "server-only";
import { forbidden, redirect, unauthorized } from "next/navigation";
import { cache } from "react";
import { auth } from "./auth";
import { hasRole, type Role } from "./auth/roles";
import { db } from "./db";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** The signed-in session's id. */
  sessionId?: string;
}

export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const user = await db.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, active: true, passwordChangedAt: true, passwordChangedBySid: true },
  });
  if (!user || !user.active) return null;
  // A password change or reset ends every session that signed in before it, except the one that
  // changed its own password.
  const changedLater = !session.signedInAt || user.passwordChangedAt.getTime() > session.signedInAt;
  if (changedLater && (!session.sid || session.sid !== user.passwordChangedBySid)) return null;
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
