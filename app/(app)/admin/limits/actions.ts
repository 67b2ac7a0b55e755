"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { failure, parseInput, type ActionResult } from "@/lib/action-result";
import { db } from "@/lib/db";
import { requestIp } from "@/lib/request-context";
import { limitCurrencies, updateCardAttempts, updateSpendingLimit, type LimitRow } from "@/lib/services/limits";
import { requireRole } from "@/lib/session";
import { cardAttemptsSchema, spendingLimitSchema } from "@/lib/validation/limits";

const currencyOf = z.object({ currency: z.string().max(8).catch("") }).catch({ currency: "" });

/** One role's or user's limits in one currency. The single-sale ceiling is the largest amount that currency's accounts take. */
export async function saveSpendingLimitAction(input: unknown): Promise<ActionResult<LimitRow>> {
  const actor = await requireRole("admin");
  const { currency } = currencyOf.parse(input);
  const limits = (await limitCurrencies(db)).find((c) => c.currency === currency);
  if (!limits) return { ok: false, error: "No active gateway account takes that currency.", fieldErrors: { currency: "Choose a currency" } };
  const parsed = parseInput(spendingLimitSchema(limits), input);
  if (!parsed.ok) return parsed.result;
  try {
    const saved = await updateSpendingLimit(db, actor, parsed.data, await requestIp());
    revalidatePath("/admin/limits");
    return { ok: true, data: saved };
  } catch (err) {
    return failure(err);
  }
}

export async function saveCardAttemptsAction(input: unknown): Promise<ActionResult<number | null>> {
  const actor = await requireRole("admin");
  const parsed = parseInput(cardAttemptsSchema, input);
  if (!parsed.ok) return parsed.result;
  try {
    const saved = await updateCardAttempts(db, actor, parsed.data, await requestIp());
    revalidatePath("/admin/limits");
    return { ok: true, data: saved };
  } catch (err) {
    return failure(err);
  }
}
