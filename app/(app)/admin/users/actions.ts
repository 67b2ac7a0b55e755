"use server";

import { revalidatePath } from "next/cache";
import { failure, parseInput, type ActionResult } from "@/lib/action-result";
import { db } from "@/lib/db";
import { resetMfa } from "@/lib/services/mfa";
import { changeUserRole, createUser, resetUserPassword, setUserActive } from "@/lib/services/users";
import { requireRole } from "@/lib/session";
import { changeRoleSchema, createUserSchema, resetMfaSchema, resetPasswordSchema, setUserActiveSchema } from "@/lib/validation/admin";
import { requestIp } from "@/lib/request-context";

export async function createUserAction(input: unknown): Promise<ActionResult<{ id: string; email: string; temporaryPassword?: string }>> {
  const actor = await requireRole("admin");
  const parsed = parseInput(createUserSchema, input);
  if (!parsed.ok) return parsed.result;
  try {
    const { user, temporaryPassword } = await createUser(db, actor, parsed.data, await requestIp());
    revalidatePath("/admin/users");
    return { ok: true, data: { id: user.id, email: user.email, temporaryPassword } };
  } catch (err) {
    return failure(err);
  }
}

export async function changeUserRoleAction(input: unknown): Promise<ActionResult<null>> {
  const actor = await requireRole("admin");
  const parsed = parseInput(changeRoleSchema, input);
  if (!parsed.ok) return parsed.result;
  try {
    await changeUserRole(db, actor, parsed.data, await requestIp());
    revalidatePath("/admin/users");
    return { ok: true, data: null };
  } catch (err) {
    return failure(err);
  }
}

export async function setUserActiveAction(input: unknown): Promise<ActionResult<null>> {
  const actor = await requireRole("admin");
  const parsed = parseInput(setUserActiveSchema, input);
  if (!parsed.ok) return parsed.result;
  try {
    await setUserActive(db, actor, parsed.data, await requestIp());
    revalidatePath("/admin/users");
    return { ok: true, data: null };
  } catch (err) {
    return failure(err);
  }
}

export async function resetUserPasswordAction(input: unknown): Promise<ActionResult<{ temporaryPassword?: string }>> {
  const actor = await requireRole("admin");
  const parsed = parseInput(resetPasswordSchema, input);
  if (!parsed.ok) return parsed.result;
  try {
    const result = await resetUserPassword(db, actor, parsed.data, await requestIp());
    revalidatePath("/admin/users");
    return { ok: true, data: result };
  } catch (err) {
    return failure(err);
  }
}

/** Clears a user's second factor (a lost phone): they set one up again at their next sign-in. */
export async function resetUserMfaAction(input: unknown): Promise<ActionResult<null>> {
  const actor = await requireRole("admin");
  const parsed = parseInput(resetMfaSchema, input);
  if (!parsed.ok) return parsed.result;
  try {
    await resetMfa(db, actor, parsed.data.userId, await requestIp());
    revalidatePath("/admin/users");
    return { ok: true, data: null };
  } catch (err) {
    return failure(err);
  }
}
