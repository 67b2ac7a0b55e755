"use server";

import { revalidatePath } from "next/cache";
import { failure, parseInput, type ActionResult } from "@/lib/action-result";
import { db } from "@/lib/db";
import { requestIp } from "@/lib/request-context";
import { approveOverride } from "@/lib/services/payments/limits";
import { requireRole } from "@/lib/session";
import { approveOverrideSchema } from "@/lib/validation/limits";

/** A manager approves one sale a limit refused: the clerk's next submit of that same sale goes through once. */
export async function approveOverrideAction(input: unknown): Promise<ActionResult<null>> {
  const actor = await requireRole("manager");
  const parsed = parseInput(approveOverrideSchema, input);
  if (!parsed.ok) return parsed.result;
  try {
    await approveOverride({ db, actor, ip: await requestIp() }, parsed.data.overrideId);
    revalidatePath("/approvals");
    return { ok: true, data: null };
  } catch (err) {
    return failure(err);
  }
}
