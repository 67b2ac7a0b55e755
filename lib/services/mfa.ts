// Second factor (PCI DSS 8.4.2): TOTP (RFC 6238, via `otpauth`) with single-use recovery codes.
// The secret is encrypted at rest like gateway credentials. Enrollment is two steps: the page shows
// a pending secret (QR code and text), and it is enabled only once a code from it is entered, so a
// mistyped scan never locks anyone out. A code is accepted once: the accepted time step is stored
// and a code of that step or an earlier one is refused (RFC 6238 §5.2).
import { createHash } from "node:crypto";
import * as OTPAuth from "otpauth";
import { matchingStep, newTotpSecret, otpauthUri } from "../auth/totp";
import { ciphertextKeyId, currentKey, decrypt, encrypt } from "../crypto";
import type { Db } from "../db";
import { recordAudit, type Actor } from "./audit";
import { NotFoundError, ValidationError } from "./errors";

const RECOVERY_CODES = 10;

export const MFA_MESSAGES = {
  wrongCode: "That code is wrong or was already used. Enter the newest code from your authenticator app.",
} as const;

const hashRecoveryCode = (code: string) => createHash("sha256").update(normalizeRecoveryCode(code)).digest("hex");
const normalizeRecoveryCode = (code: string) => code.replace(/[\s-]/g, "").toLowerCase();

/** "xxxxx-xxxxx" in lowercase base32: 50 random bits each. */
function newRecoveryCode(): string {
  const s = new OTPAuth.Secret({ size: 10 }).base32.toLowerCase().slice(0, 10);
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

export const looksLikeRecoveryCode = (code: string) => /^[a-z2-7]{10}$/.test(normalizeRecoveryCode(code));


export interface Enrollment {
  secret: string;
  uri: string;
}

/** The pending secret the enrollment page shows; created on first view, the same until confirmed. */
export async function pendingEnrollment(db: Db, userId: string): Promise<Enrollment | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, totpEnabledAt: true, totpPendingSecret: true } });
  if (!user) throw new NotFoundError("Your account");
  if (user.totpEnabledAt) return null;
  let secret = user.totpPendingSecret ? decrypt(user.totpPendingSecret) : null;
  if (!secret) {
    secret = newTotpSecret();
    await db.user.update({ where: { id: userId }, data: { totpPendingSecret: encrypt(secret) } });
  }
  return { secret, uri: otpauthUri(secret, user.email) };
}

/** Confirms enrollment with a code from the pending secret; returns the recovery codes, shown once. */
export async function confirmEnrollment(db: Db, actor: Actor, code: string, ip?: string | null): Promise<{ recoveryCodes: string[] }> {
  const user = await db.user.findUnique({ where: { id: actor.id } });
  if (!user) throw new NotFoundError("Your account");
  if (user.totpEnabledAt || !user.totpPendingSecret) throw new ValidationError("Two-step sign-in is already set up for your account.");
  const secret = decrypt(user.totpPendingSecret);
  const step = matchingStep(secret, code);
  if (step === null) throw new ValidationError(MFA_MESSAGES.wrongCode, "code");
  const recoveryCodes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: { totpSecret: user.totpPendingSecret, totpPendingSecret: null, totpEnabledAt: new Date(), totpLastStep: step },
    });
    await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
    await tx.recoveryCode.createMany({ data: recoveryCodes.map((c) => ({ userId: user.id, codeHash: hashRecoveryCode(c) })) });
    await recordAudit(tx, { actor, action: "user.mfa_enrolled", targetType: "user", targetId: user.id, ip });
  });
  return { recoveryCodes };
}

/**
 * Checks a sign-in's second factor: a TOTP code newer than the last accepted one, or an unused
 * recovery code (then spent). The step is advanced with a compare-and-set, so two sign-ins racing
 * with one code cannot both pass.
 */
export async function verifySecondFactor(
  db: Db,
  user: { id: string; totpSecret: string; totpLastStep: number | null },
  code: string,
): Promise<"totp" | "recovery_code" | null> {
  if (looksLikeRecoveryCode(code)) {
    const spent = await db.recoveryCode.updateMany({
      where: { userId: user.id, codeHash: hashRecoveryCode(code), usedAt: null },
      data: { usedAt: new Date() },
    });
    return spent.count === 1 ? "recovery_code" : null;
  }
  const step = matchingStep(decrypt(user.totpSecret), code);
  if (step === null || (user.totpLastStep !== null && step <= user.totpLastStep)) return null;
  const advanced = await db.user.updateMany({
    where: { id: user.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
    data: { totpLastStep: step },
  });
  return advanced.count === 1 ? "totp" : null;
}

export async function remainingRecoveryCodes(db: Pick<Db, "recoveryCode">, userId: string): Promise<number> {
  return db.recoveryCode.count({ where: { userId, usedAt: null } });
}

/** An admin clears a user's second factor: they enroll again at their next sign-in; their sessions end. */
export async function resetMfa(db: Db, actor: Actor, userId: string, ip?: string | null): Promise<void> {
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true } });
    if (!user) throw new NotFoundError("That user");
    await tx.user.update({
      where: { id: userId },
      data: { totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null, mfaResetAt: new Date() },
    });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await recordAudit(tx, { actor, action: "user.mfa_reset", targetType: "user", targetId: userId, details: { email: user.email }, ip });
  });
}

/** For `npm run keys:rotate`: re-encrypts every authenticator key under the current key. */
export async function reencryptTotpSecrets(db: Db): Promise<{ reencrypted: number; failed: string[] }> {
  const key = currentKey();
  const users = await db.user.findMany({
    where: { OR: [{ totpSecret: { not: null } }, { totpPendingSecret: { not: null } }] },
    select: { id: true, email: true, totpSecret: true, totpPendingSecret: true },
  });
  const report = { reencrypted: 0, failed: [] as string[] };
  for (const user of users) {
    const reseal = (sealed: string | null) => (sealed === null || ciphertextKeyId(sealed) === key.id ? sealed : encrypt(decrypt(sealed), key));
    try {
      const data = { totpSecret: reseal(user.totpSecret), totpPendingSecret: reseal(user.totpPendingSecret) };
      if (data.totpSecret === user.totpSecret && data.totpPendingSecret === user.totpPendingSecret) continue;
      // Only if unchanged meanwhile (an enrollment confirmed during the rotation keeps its own value).
      const done = await db.user.updateMany({ where: { id: user.id, totpSecret: user.totpSecret, totpPendingSecret: user.totpPendingSecret }, data });
      report.reencrypted += done.count;
    } catch {
      report.failed.push(user.email);
    }
  }
  return report;
}
