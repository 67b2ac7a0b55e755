"use server";

import { failure, parseInput, type ActionResult } from "@/lib/action-result";
import { db } from "@/lib/db";
import { requestIp } from "@/lib/request-context";
import { confirmEnrollment } from "@/lib/services/mfa";
import { requireSignedIn } from "@/lib/session";
import { totpCodeSchema } from "@/lib/validation/auth";

export async function confirmMfaAction(input: unknown): Promise<ActionResult<{ recoveryCodes: string[] }>> {
  const user = await requireSignedIn();
  const parsed = parseInput(totpCodeSchema, input);
  if (!parsed.ok) return parsed.result;
  try {
    return { ok: true, data: await confirmEnrollment(db, { id: user.id, email: user.email }, parsed.data.code, await requestIp()) };
  } catch (err) {
    return failure(err);
  }
}
