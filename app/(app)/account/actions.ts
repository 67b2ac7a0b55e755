"use server";

import { failure, parseInput, type ActionResult } from "@/lib/action-result";
import { signIn } from "@/lib/auth";
import { db } from "@/lib/db";
import { changeOwnPassword } from "@/lib/services/users";
import { requireRole } from "@/lib/session";
import { changePasswordSchema } from "@/lib/validation/account";
import { requestIp } from "@/lib/request-context";

export async function changePasswordAction(input: unknown): Promise<ActionResult<null>> {
  const user = await requireRole("clerk");
  const parsed = parseInput(changePasswordSchema, input);
  if (!parsed.ok) return parsed.result;
  try {
    await changeOwnPassword(db, user.id, parsed.data, await requestIp());
  } catch (err) {
    return failure(err);
  }
  // The change ends every session signed in before it (lib/session.ts), this one included:
  // sign in again with the new password so the person at the screen stays signed in.
  await signIn("credentials", { email: user.email, password: parsed.data.newPassword, redirect: false });
  return { ok: true, data: null };
}
