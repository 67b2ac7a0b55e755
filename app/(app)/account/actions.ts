"use server";

import { failure, parseInput, type ActionResult } from "@/lib/action-result";
import { db } from "@/lib/db";
import { changeOwnPassword } from "@/lib/services/users";
import { requireSignedIn } from "@/lib/session";
import { changePasswordSchema } from "@/lib/validation/account";
import { requestIp } from "@/lib/request-context";

export async function changePasswordAction(input: unknown): Promise<ActionResult<null>> {
  // Also before the sign-in is set up: an admin-set password is changed first (lib/session.ts).
  const user = await requireSignedIn();
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
