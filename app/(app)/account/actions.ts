"use server";

import { failure, parseInput, type ActionResult } from "@/lib/action-result";
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
    // Every other session signed in before the change ends (lib/session.ts); this one stays.
    await changeOwnPassword(db, user.id, parsed.data, await requestIp(), user.sessionId);
  } catch (err) {
    return failure(err);
  }
  return { ok: true, data: null };
}
