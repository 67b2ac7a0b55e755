"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { failure, parseInput, type ActionResult } from "@/lib/action-result";
import { clientIp } from "@/lib/auth";
import { db } from "@/lib/db";
import { requireRole } from "@/lib/session";
import { runSale } from "@/lib/services/payments";
import { saleSchema } from "@/lib/validation/payment";

const accountRef = z.object({ gatewayAccountId: z.string().min(1).max(64) });

/** Runs a sale or authorization. The same idempotency key always answers with the first transaction. */
export async function runSaleAction(input: unknown): Promise<ActionResult<{ transactionId: string; replayed: boolean }>> {
  const actor = await requireRole("clerk");
  const ref = accountRef.safeParse(input);
  const account = ref.success
    ? await db.gatewayAccount.findFirst({ where: { id: ref.data.gatewayAccountId, active: true }, select: { currency: true, maxAmount: true } })
    : null;
  if (!account) return { ok: false, error: "Choose an active gateway account.", fieldErrors: { gatewayAccountId: "Choose an active gateway account" } };
  const parsed = parseInput(saleSchema(account), input);
  if (!parsed.ok) return parsed.result;
  try {
    const outcome = await runSale({ db, actor, ip: clientIp(await headers()) }, parsed.data);
    return { ok: true, data: outcome };
  } catch (err) {
    return failure(err);
  }
}
