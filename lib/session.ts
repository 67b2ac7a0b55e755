// The data-access gate: who is asking, re-read from the database on every request.
import "server-only";
import { cookies } from "next/headers";
import { forbidden, redirect, unauthorized } from "next/navigation";
import { cache } from "react";
import { readSessionCookie } from "./auth/session-cookie";
import { sessionExpired } from "./auth/session-lifetime";
import { hasRole, type Role } from "./auth/roles";
import { db } from "./db";
import { setLogContext } from "./log-context";
import { mfaRequiredFor } from "./services/mfa-policy";
import { SETTING_KEYS } from "./services/settings";
import { prepared } from "./sql";

/** What a signed-in user must do before anything else: change an admin-set password, then set up a second factor. */
export type SetupStep = "password" | "mfa";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** The signed-in session's id. */
  sessionId?: string;
  /** Set while the user may only finish setting up their sign-in (pages under /setup). */
  setupStep?: SetupStep;
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  passwordChangedAt: Date;
  passwordChangedBySid: string | null;
  mfaResetAt: Date | null;
  mustChangePassword: boolean;
  mfaEnrolled: boolean;
  clerkMfa: string | null;
  revoked: boolean;
}

export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const store = await cookies();
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set (the start command sets it)");
  const session = readSessionCookie((name) => store.get(name)?.value, secret);
  // A session without an id predates revocation and is refused, as the jwt callback in lib/auth.ts does.
  if (!session?.sid || sessionExpired(session.signedInAt)) return null;
  // On every request, so one SQL round trip (see lib/db.ts). Timestamps are stored as UTC without a zone.
  const { rows } = await db.sql.query<UserRow>(
    prepared(
      `SELECT id, email, name, role, active, "passwordChangedAt" AT TIME ZONE 'UTC' AS "passwordChangedAt", "passwordChangedBySid",
            "mfaResetAt" AT TIME ZONE 'UTC' AS "mfaResetAt", "mustChangePassword", "totpEnabledAt" IS NOT NULL AS "mfaEnrolled",
            (SELECT value #>> '{}' FROM "AppSetting" WHERE key = $3) AS "clerkMfa",
            EXISTS (SELECT 1 FROM "RevokedSession" WHERE sid = $2) AS revoked
       FROM "User" WHERE id = $1`,
      [session.uid, session.sid, SETTING_KEYS.clerkMfa],
    ),
  );
  const user = rows[0];
  if (!user || !user.active || user.revoked) return null;
  // A password change or reset ends every session that signed in before it, except the one that
  // changed its own password.
  const changedLater = !session.signedInAt || user.passwordChangedAt.getTime() > session.signedInAt;
  if (changedLater && session.sid !== user.passwordChangedBySid) return null;
  // An admin's reset of the second factor ends every session, the user's own included.
  if (user.mfaResetAt && (!session.signedInAt || user.mfaResetAt.getTime() > session.signedInAt)) return null;
  setLogContext({ userId: user.id });
  const setupStep: SetupStep | undefined = user.mustChangePassword
    ? "password"
    : !user.mfaEnrolled && mfaRequiredFor(user.role, user.clerkMfa)
      ? "mfa"
      : undefined;
  return { id: user.id, email: user.email, name: user.name, role: user.role, sessionId: session.sid, setupStep };
});

/** For the pages and actions that finish setting up a sign-in: any signed-in user, set up or not. */
export async function requireSignedIn(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return user;
}

/** For pages: signed-out users go to sign-in; users without the role get the 403 page. */
export async function requirePageRole(role: Role): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  if (user.setupStep) redirect(`/setup/${user.setupStep}`);
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
  // Until the password is changed and a second factor set up, the session reaches nothing else.
  if (user.setupStep || !hasRole(user.role, role)) forbidden();
  return user;
}
