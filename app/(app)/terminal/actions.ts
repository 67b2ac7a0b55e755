"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { failure, parseInput, type ActionResult } from "@/lib/action-result";
import { clientIp } from "@/lib/auth";
import { db } from "@/lib/db";
import { requireRole } from "@/lib/session";
import { loadSaleContext, runSale } from "@/lib/services/payments";
import { saleSchema } from "@/lib/validation/payment";

/** The ids the sale's checks look up, read from the input before it is validated (only as query values). */
const contextIds = z.object({
  gatewayAccountId: z.string().max(64).catch(""),
  idempotencyKey: z.string().max(64).catch(""),
  customerId: z.string().max(64).catch(""),
  payment: z.object({ paymentMethodId: z.string().max(64).catch("") }).catch({ paymentMethodId: "" }),
});

/** Runs a sale or authorization. The same idempotency key always answers with the first transaction. */
export async function runSaleAction(input: unknown): Promise<ActionResult<{ transactionId: string; replayed: boolean }>> {
  // The session first: a request without one reads nothing (not even how long a lookup takes).
  const actor = await requireRole("clerk");
  const raw = contextIds.catch({ gatewayAccountId: "", idempotencyKey: "", customerId: "", payment: { paymentMethodId: "" } }).parse(input);
  const context = await loadSaleContext(db, {
    gatewayAccountId: raw.gatewayAccountId,
    idempotencyKey: raw.idempotencyKey,
    customerId: raw.customerId,
    paymentMethodId: raw.payment.paymentMethodId,
  });
  const account = context.account;
  if (!account) return { ok: false, error: "Choose an active gateway account.", fieldErrors: { gatewayAccountId: "Choose an active gateway account" } };
  const parsed = parseInput(saleSchema(account), input);
  if (!parsed.ok) return parsed.result;
  try {
    const outcome = await runSale({ db, actor, ip: clientIp(await headers()) }, parsed.data, context);
    return { ok: true, data: outcome };
  } catch (err) {
    return failure(err);
  }
}
