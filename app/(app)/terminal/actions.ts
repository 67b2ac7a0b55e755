"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { failure, parseInput, type ActionResult } from "@/lib/action-result";
import { requestIp } from "@/lib/request-context";
import { db } from "@/lib/db";
import { emailReceiptAutomatically } from "@/lib/jobs/receipt-email";
import { requireRole } from "@/lib/session";
import { findPaymentAccount, loadSaleContext, runSale, saleRules, saveCardOnly, type SaveCardOutcome } from "@/lib/services/payments";
import { acknowledgeRisk } from "@/lib/services/payments/risk";
import { saleSchema, saveCardSchema } from "@/lib/validation/payment";
import { acknowledgeRiskSchema } from "@/lib/validation/risk";

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
    userId: actor.id,
    role: actor.role,
  });
  const account = context.account;
  if (!account) return { ok: false, error: "Choose an active gateway account.", fieldErrors: { gatewayAccountId: "Choose an active gateway account" } };
  const parsed = parseInput(saleSchema(saleRules(account)), input);
  if (!parsed.ok) return parsed.result;
  try {
    const outcome = await runSale({ db, actor, ip: await requestIp() }, parsed.data, context);
    if (!outcome.replayed && context.receiptsAutomatic) await emailReceiptAutomatically(db, actor, outcome.transactionId);
    return { ok: true, data: outcome };
  } catch (err) {
    return failure(err);
  }
}

const accountIdOf = z.object({ gatewayAccountId: z.string().max(64).catch("") }).catch({ gatewayAccountId: "" });

/** "Save card only": tokenizes a keyed card into a customer's vault without a payment. The same idempotency key answers with the card saved first. */
export async function saveCardAction(input: unknown): Promise<ActionResult<SaveCardOutcome>> {
  const actor = await requireRole("clerk");
  const account = await findPaymentAccount(db, accountIdOf.parse(input).gatewayAccountId);
  if (!account) return { ok: false, error: "Choose an active gateway account.", fieldErrors: { gatewayAccountId: "Choose an active gateway account" } };
  const parsed = parseInput(saveCardSchema(saleRules(account)), input);
  if (!parsed.ok) return parsed.result;
  try {
    return { ok: true, data: await saveCardOnly({ db, actor, ip: await requestIp() }, parsed.data, account) };
  } catch (err) {
    return failure(err);
  }
}

/** The clerk read the AVS/CVV warning on a sale: the terminal takes their next sale again. */
export async function acknowledgeRiskAction(input: unknown): Promise<ActionResult<null>> {
  const actor = await requireRole("clerk");
  const parsed = parseInput(acknowledgeRiskSchema, input);
  if (!parsed.ok) return parsed.result;
  try {
    await acknowledgeRisk({ db, actor, ip: await requestIp() }, parsed.data.transactionId);
    revalidatePath("/terminal");
    return { ok: true, data: null };
  } catch (err) {
    return failure(err);
  }
}
