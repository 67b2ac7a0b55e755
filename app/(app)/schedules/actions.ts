"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { failure, parseInput, type ActionResult } from "@/lib/action-result";
import { db } from "@/lib/db";
import { requestIp } from "@/lib/request-context";
import { requireRole } from "@/lib/session";
import { changeSchedule, createSchedule, scheduleAccountFor, setScheduleStatus } from "@/lib/services/recurring";
import { changeScheduleSchema, createScheduleSchema, scheduleActionSchema } from "@/lib/validation/recurring";

const cardOf = z.object({ paymentMethodId: z.string().max(64).catch("") }).catch({ paymentMethodId: "" });
const scheduleOf = z.object({ scheduleId: z.string().max(64).catch("") }).catch({ scheduleId: "" });
const NO_CARD = { ok: false as const, error: "Choose one of this customer's saved cards.", fieldErrors: { paymentMethodId: "Choose a saved card at an active gateway account" } };

/** Sets up a schedule (any role). The form's idempotency key makes a double submit set up one. */
export async function createScheduleAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  const actor = await requireRole("clerk");
  const account = await scheduleAccountFor(db, cardOf.parse(input).paymentMethodId);
  if (!account) return NO_CARD;
  const parsed = parseInput(createScheduleSchema(account), input);
  if (!parsed.ok) return parsed.result;
  try {
    const { id } = await createSchedule({ db, actor, ip: await requestIp() }, parsed.data);
    revalidatePath("/schedules");
    return { ok: true, data: { id } };
  } catch (err) {
    return failure(err);
  }
}

/** A manager changes the amount and/or the next payment's day. */
export async function changeScheduleAction(input: unknown): Promise<ActionResult<null>> {
  const actor = await requireRole("manager");
  const s = await db.recurringSchedule.findUnique({ where: { id: scheduleOf.parse(input).scheduleId }, select: { id: true, currency: true, gatewayAccount: { select: { maxAmount: true } } } });
  if (!s) return { ok: false, error: "That schedule was not found." };
  const parsed = parseInput(changeScheduleSchema({ currency: s.currency, maxAmount: s.gatewayAccount.maxAmount }), input);
  if (!parsed.ok) return parsed.result;
  try {
    await changeSchedule({ db, actor, ip: await requestIp() }, parsed.data);
    revalidatePath(`/schedules/${s.id}`);
    return { ok: true, data: null };
  } catch (err) {
    return failure(err);
  }
}

/** Pause, resume or cancel (managers). */
export async function scheduleStatusAction(input: unknown): Promise<ActionResult<null>> {
  const actor = await requireRole("manager");
  const parsed = parseInput(scheduleActionSchema, input);
  if (!parsed.ok) return parsed.result;
  try {
    await setScheduleStatus({ db, actor, ip: await requestIp() }, parsed.data.scheduleId, parsed.data.action);
    revalidatePath(`/schedules/${parsed.data.scheduleId}`);
    revalidatePath("/schedules");
    return { ok: true, data: null };
  } catch (err) {
    return failure(err);
  }
}
