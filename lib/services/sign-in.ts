// Credential check with throttling per account and per IP. The answers never reveal whether an
// account exists: an unknown email is throttled and answered exactly like a wrong password.
// A user with a second factor is asked for its code only after the right password, and a wrong
// code counts as a failed sign-in (so 5 guesses lock the account like 5 wrong passwords).
import type { Role } from "../auth/roles";
import type { Db } from "../db";
import { recordAudit } from "./audit";
import { burnPasswordCheck, verifyPassword } from "./passwords";
import { MFA_MESSAGES, verifySecondFactor } from "./mfa";
import { countFailure, isLocked } from "./rate-limit";

export const THROTTLE = {
  windowMinutes: 15,
  /** PCI DSS 8.3.4: at least 30 minutes after repeated failures. */
  lockMinutes: 30,
  maxPerAccount: 5,
  maxPerIp: 30,
};
const limit = (max: number) => ({ windowMinutes: THROTTLE.windowMinutes, lockMinutes: THROTTLE.lockMinutes, max });

export const SIGN_IN_MESSAGES = {
  invalid: "Email or password is wrong.",
  locked: `Too many failed sign-in attempts. Wait ${THROTTLE.lockMinutes} minutes and try again.`,
  code_required: "Enter the 6-digit code from your authenticator app, or one of your recovery codes.",
  wrong_code: MFA_MESSAGES.wrongCode,
} as const;

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string; role: Role } }
  | { ok: false; reason: keyof typeof SIGN_IN_MESSAGES };

export async function signIn(db: Db, input: { email: string; password: string; code?: string; ip: string | null }): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const accountKey = `email:${email}`;
  const ipKey = input.ip ? `ip:${input.ip}` : null;

  if ((await isLocked(db, accountKey)) || (ipKey && (await isLocked(db, ipKey)))) {
    await recordAudit(db, { actor: null, action: "auth.sign_in_throttled", details: { email }, ip: input.ip });
    return { ok: false, reason: "locked" };
  }

  const user = await db.user.findUnique({ where: { email } });
  const valid = user ? await verifyPassword(input.password, user.passwordHash) : await burnPasswordCheck(input.password);

  const fail = async (reason: "invalid" | "wrong_code", detail: string): Promise<SignInResult> => {
    await countFailure(db, accountKey, limit(THROTTLE.maxPerAccount));
    if (ipKey) await countFailure(db, ipKey, limit(THROTTLE.maxPerIp));
    await recordAudit(db, {
      actor: user ? { id: user.id, email: user.email } : null,
      action: "auth.sign_in_failed",
      details: { email, reason: detail },
      ip: input.ip,
    });
    return { ok: false, reason };
  };
  if (!user || !valid || !user.active) return fail("invalid", !user ? "unknown_email" : !valid ? "wrong_password" : "inactive");

  let factor: "totp" | "recovery_code" | undefined;
  if (user.totpSecret) {
    if (!input.code) return { ok: false, reason: "code_required" };
    factor = (await verifySecondFactor(db, { id: user.id, totpSecret: user.totpSecret, totpLastStep: user.totpLastStep }, input.code)) ?? undefined;
    if (!factor) return fail("wrong_code", "wrong_code");
  }

  await db.rateLimit.deleteMany({ where: { key: accountKey } });
  await recordAudit(db, { actor: { id: user.id, email: user.email }, action: "auth.sign_in", details: factor ? { factor } : undefined, ip: input.ip });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}
