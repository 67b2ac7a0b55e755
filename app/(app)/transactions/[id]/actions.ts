"use server";

// Void, refund and capture: managers and admins only. The payment services enforce every rule
// (state, remaining amount, idempotency) again under a row lock.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { failure, parseInput, type ActionResult } from "@/lib/action-result";
import { requestIp } from "@/lib/request-context";
import { db } from "@/lib/db";
import { emailReceiptAutomatically } from "@/lib/jobs/receipt-email";
import { captureTransaction, refundTransaction, voidTransaction, type FollowUpOutcome, type PaymentContext } from "@/lib/services/payments";
import { requireRole, type SessionUser } from "@/lib/session";
import { captureSchema, refundSchema, voidSchema } from "@/lib/validation/payment";

async function context(actor: SessionUser): Promise<PaymentContext> {
  return { db, actor: { id: actor.id, email: actor.email, role: actor.role }, ip: await requestIp() };
}

/** Amount limits come from the transaction's currency; the service caps at what remains. */
async function limitsFor(input: unknown) {
  const target = z.object({ transactionId: z.string().min(1).max(64) }).safeParse(input);
  if (!target.success) return null;
  const t = await db.transaction.findUnique({ where: { id: target.data.transactionId }, select: { currency: true } });
  return t ? { currency: t.currency, maxAmount: Number.MAX_SAFE_INTEGER } : null;
}

const NOT_FOUND: ActionResult<never> = { ok: false, error: "That transaction was not found." };

function done(transactionId: string, outcome: FollowUpOutcome): ActionResult<FollowUpOutcome> {
  revalidatePath(`/transactions/${transactionId}`);
  revalidatePath("/transactions");
  return { ok: true, data: outcome };
}

export async function voidTransactionAction(input: unknown): Promise<ActionResult<FollowUpOutcome>> {
  const actor = await requireRole("manager");
  const parsed = parseInput(voidSchema, input);
  if (!parsed.ok) return parsed.result;
  try {
    return done(parsed.data.transactionId, await voidTransaction(await context(actor), parsed.data));
  } catch (err) {
    return failure(err);
  }
}

export async function refundTransactionAction(input: unknown): Promise<ActionResult<FollowUpOutcome>> {
  const actor = await requireRole("manager");
  const limits = await limitsFor(input);
  if (!limits) return NOT_FOUND;
  const parsed = parseInput(refundSchema(limits), input);
  if (!parsed.ok) return parsed.result;
  try {
    const outcome = await refundTransaction(await context(actor), parsed.data);
    if (!outcome.replayed) await emailReceiptAutomatically(db, actor, outcome.transactionId);
    return done(parsed.data.transactionId, outcome);
  } catch (err) {
    return failure(err);
  }
}

export async function captureTransactionAction(input: unknown): Promise<ActionResult<FollowUpOutcome>> {
  const actor = await requireRole("manager");
  const limits = await limitsFor(input);
  if (!limits) return NOT_FOUND;
  const parsed = parseInput(captureSchema(limits), input);
  if (!parsed.ok) return parsed.result;
  try {
    return done(parsed.data.transactionId, await captureTransaction(await context(actor), parsed.data));
  } catch (err) {
    return failure(err);
  }
}
