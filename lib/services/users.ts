// Users and roles: create, change role, deactivate/reactivate, reset and change passwords.
// The last active admin can be neither demoted nor deactivated (checked under a lock, so two
// admins demoting each other at once cannot leave the app without one).
// A password an admin sets is changed by its user at the next sign-in (PCI DSS 8.3.5), and a new
// password may not repeat any of the last four (8.3.7).
import { randomInt } from "node:crypto";
import type { Role } from "../auth/roles";
import type { Db, Prisma } from "../db";
import { newPasswordSchema } from "../validation/account";
import type { CreateUserInput, ResetPasswordInput } from "../validation/admin";
import { recordAudit, type Actor } from "./audit";
import { NotFoundError, ServiceError, ValidationError } from "./errors";
import { hashPassword, verifyPassword } from "./passwords";

export interface UserSummary {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  createdAt: Date;
  passwordChangedAt: Date;
  lockedUntil: Date | null;
  totpEnabledAt: Date | null;
}

const SUMMARY = {
  id: true,
  email: true,
  name: true,
  role: true,
  active: true,
  createdAt: true,
  passwordChangedAt: true,
  lockedUntil: true,
  totpEnabledAt: true,
} as const;

/** PCI DSS 8.3.7: a new password differs from this many of the latest (the current one included). */
export const PASSWORD_HISTORY = 4;
export const PASSWORD_REUSED_MESSAGE = `Choose a password you have not used for your last ${PASSWORD_HISTORY} passwords.`;

export const LAST_ADMIN_MESSAGE = "This is the last active admin. Make another user an admin first.";

export function listUsers(db: Db): Promise<UserSummary[]> {
  return db.user.findMany({ select: SUMMARY, orderBy: [{ active: "desc" }, { name: "asc" }] });
}

const TEMP_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** 16 characters without look-alikes (no 0/O, 1/l/I), for reading out or pasting once. */
export function generateTemporaryPassword(length = 16): string {
  let out = "";
  for (let i = 0; i < length; i++) out += TEMP_ALPHABET.charAt(randomInt(TEMP_ALPHABET.length));
  return out;
}

function assertPasswordPolicy(password: string, field: string): void {
  const result = newPasswordSchema.safeParse(password);
  if (!result.success) throw new ValidationError(result.error.issues[0]?.message ?? "Choose another password", field);
}

function choosePassword(input: { passwordMode: "generate" | "set"; password?: string }): { password: string; temporary: boolean } {
  if (input.passwordMode === "set") {
    assertPasswordPolicy(input.password ?? "", "password");
    return { password: input.password ?? "", temporary: false };
  }
  return { password: generateTemporaryPassword(), temporary: true };
}

/** `actor` null: created from the command line (`npm run admin:create`). */
export async function createUser(
  db: Db,
  actor: Actor | null,
  input: CreateUserInput,
  ip?: string | null,
): Promise<{ user: UserSummary; temporaryPassword?: string }> {
  const email = input.email.trim().toLowerCase();
  const { password, temporary } = choosePassword(input);
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) {
      throw new ServiceError("A user with this email already exists.", 409, "email");
    }
    // From the command line the operator chose the password for themselves; an admin's choice is temporary.
    const user = await tx.user.create({ data: { email, name: input.name, role: input.role, passwordHash, mustChangePassword: actor !== null }, select: SUMMARY });
    await recordAudit(tx, {
      actor,
      action: "user.create",
      targetType: "user",
      targetId: user.id,
      details: { email, name: user.name, role: user.role, passwordSource: temporary ? "generated" : "set by admin" },
      ip,
    });
    return { user, temporaryPassword: temporary ? password : undefined };
  });
}

/** Serializes every change that could remove an admin, then checks one active admin remains besides `userId`. */
async function assertAnotherActiveAdmin(tx: Prisma.TransactionClient, userId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('keyed.users.admins'))`;
  const others = await tx.user.count({ where: { role: "admin", active: true, id: { not: userId } } });
  if (others === 0) throw new ServiceError(LAST_ADMIN_MESSAGE, 409);
}

async function findUser(tx: Prisma.TransactionClient, userId: string) {
  const user = await tx.user.findUnique({ where: { id: userId }, select: SUMMARY });
  if (!user) throw new NotFoundError("That user");
  return user;
}

export async function changeUserRole(db: Db, actor: Actor, input: { userId: string; role: Role }, ip?: string | null): Promise<UserSummary> {
  return db.$transaction(async (tx) => {
    const user = await findUser(tx, input.userId);
    if (user.role === input.role) return user;
    if (user.role === "admin" && user.active) await assertAnotherActiveAdmin(tx, user.id);
    const updated = await tx.user.update({ where: { id: user.id }, data: { role: input.role }, select: SUMMARY });
    await recordAudit(tx, {
      actor,
      action: "user.role_change",
      targetType: "user",
      targetId: user.id,
      details: { email: user.email, from: user.role, to: input.role },
      ip,
    });
    return updated;
  });
}

export async function setUserActive(db: Db, actor: Actor, input: { userId: string; active: boolean }, ip?: string | null): Promise<UserSummary> {
  return db.$transaction(async (tx) => {
    const user = await findUser(tx, input.userId);
    if (user.active === input.active) return user;
    if (!input.active) {
      if (user.id === actor.id) throw new ServiceError("You cannot deactivate your own account.", 409);
      if (user.role === "admin") await assertAnotherActiveAdmin(tx, user.id);
    }
    const updated = await tx.user.update({ where: { id: user.id }, data: { active: input.active }, select: SUMMARY });
    await recordAudit(tx, {
      actor,
      action: input.active ? "user.reactivate" : "user.deactivate",
      targetType: "user",
      targetId: user.id,
      details: { email: user.email },
      ip,
    });
    return updated;
  });
}

/** An admin sets a new password for someone (and lifts a sign-in lockout). */
export async function resetUserPassword(db: Db, actor: Actor, input: ResetPasswordInput, ip?: string | null): Promise<{ temporaryPassword?: string }> {
  const { password, temporary } = choosePassword(input);
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    const user = await findUser(tx, input.userId);
    await rememberCurrentPassword(tx, user.id);
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, mustChangePassword: true, passwordChangedAt: new Date(), passwordChangedBySid: null, failedLogins: 0, lockedUntil: null },
    });
    await tx.rateLimit.deleteMany({ where: { key: `email:${user.email}` } });
    await recordAudit(tx, {
      actor,
      action: "user.password_reset",
      targetType: "user",
      targetId: user.id,
      details: { email: user.email, passwordSource: temporary ? "generated" : "set by admin" },
      ip,
    });
  });
  return { temporaryPassword: temporary ? password : undefined };
}

/** A signed-in user changes their own password; the current one is required. */
export async function changeOwnPassword(
  db: Db,
  userId: string,
  input: { currentPassword: string; newPassword: string },
  ip?: string | null,
  /** The session making the change: it stays signed in, every other one ends. */
  sessionId?: string,
): Promise<void> {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user || !user.active) throw new NotFoundError("Your account");
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    await recordAudit(db, { actor: { id: user.id, email: user.email }, action: "user.password_change_failed", targetType: "user", targetId: user.id, ip });
    throw new ValidationError("The current password is wrong.", "currentPassword");
  }
  assertPasswordPolicy(input.newPassword, "newPassword");
  if (await isRecentPassword(db, user, input.newPassword)) throw new ValidationError(PASSWORD_REUSED_MESSAGE, "newPassword");
  const passwordHash = await hashPassword(input.newPassword);
  await db.$transaction(async (tx) => {
    await rememberCurrentPassword(tx, user.id);
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, mustChangePassword: false, passwordChangedAt: new Date(), passwordChangedBySid: sessionId ?? null },
    });
    await recordAudit(tx, { actor: { id: user.id, email: user.email }, action: "user.password_change", targetType: "user", targetId: user.id, ip });
  });
}

/** Whether `password` is the current one or one of the previous ones kept in the history. */
async function isRecentPassword(db: Db, user: { id: string; passwordHash: string }, password: string): Promise<boolean> {
  const previous = await db.previousPassword.findMany({
    where: { userId: user.id },
    orderBy: { createdAt: "desc" },
    take: PASSWORD_HISTORY - 1,
    select: { passwordHash: true },
  });
  for (const hash of [user.passwordHash, ...previous.map((p) => p.passwordHash)]) {
    if (await verifyPassword(password, hash)) return true;
  }
  return false;
}

/** Moves the current hash into the history before it is replaced, keeping only what the rule needs. */
async function rememberCurrentPassword(tx: Prisma.TransactionClient, userId: string): Promise<void> {
  const { passwordHash } = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
  await tx.previousPassword.create({ data: { userId, passwordHash } });
  const keep = await tx.previousPassword.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, take: PASSWORD_HISTORY - 1, select: { id: true } });
  await tx.previousPassword.deleteMany({ where: { userId, id: { notIn: keep.map((k) => k.id) } } });
}
