// Resolving outcomes we do not know: pending (asynchronous gateways) and unknown (timeouts, 5xx,
// malformed replies). Never by charging again — only by asking the gateway (inquiry) or by a verified
// callback. Safe to run from several app instances at once: rows are claimed with SKIP LOCKED.
import { faultOf } from "../../gateways/results";
import type { CallbackEvent, GatewayResult } from "../../gateways/types";
import { setLogContext } from "../../log-context";
import { noteGatewayResult } from "../account-health";
import { recordAudit } from "../audit";
import { openToken } from "../vault-tokens";
import { gatewayFor, SYSTEM_ACTOR, type PaymentContext } from "./context";
import { applyToParent } from "./follow-ups";
import { OPEN_STATUSES } from "./outcome";
import { parentRef } from "./parent";
import { applyRiskRulesLate } from "./risk";
import { finish } from "./sale";

export type CheckOutcome = "resolved" | "still_open" | "not_open";

/** Asks the gateway about one open transaction and records what it says. */
export async function checkTransaction(ctx: PaymentContext, transactionId: string): Promise<CheckOutcome> {
  const row = await ctx.db.transaction.findUnique({
    where: { id: transactionId },
    include: { gatewayAccount: true, paymentMethod: { select: { token: true } }, parent: { include: { paymentMethod: { select: { token: true } } } } },
  });
  if (!row || !OPEN_STATUSES.includes(row.status)) return "not_open";
  setLogContext({ transactionId: row.id });
  const client = gatewayFor(ctx, row.gatewayAccount);
  const found = await client
    .inquire({
      operation: row.kind,
      gatewayTransactionId: row.gatewayTransactionId ?? undefined,
      reference: row.reference,
      orderId: row.orderId ?? undefined,
      amount: { amount: row.amount, currency: row.currency },
      parent: row.parent ? parentRef(row.parent) : undefined,
      token: row.paymentMethod ? openToken(row.paymentMethod.token) : undefined,
    })
    .catch(() => null);
  if (!found) return "still_open";
  const fault = faultOf(found);
  if (!found.found && (fault === "gateway" || fault === "merchant")) {
    // The gateway did not answer the question (down, or refusing the account's credentials): that
    // is no evidence the payment never arrived, so nothing may be concluded from it.
    await noteGatewayResult(ctx.db, row.gatewayAccountId, found);
    return "still_open";
  }

  let result: GatewayResult;
  if (!found.found) {
    // The gateway has no record of it: the request never arrived, so no money moved.
    // The request was lost on the way (the reason the outcome was unknown): the gateway's failure, not the card's.
    result = { ...found, status: "error", errorKind: "rejected", fault: "gateway", message: "The gateway has no record of this transaction: nothing was charged. It is safe to run it again." };
  } else if (found.status === "pending") return "still_open";
  else result = found;

  const moved = await finish(ctx, row, result);
  if (moved) {
    await applyToParent(ctx, row.id);
    await recordAudit(ctx.db, { actor: ctx.actor, action: "payment.reconciled", targetType: "Transaction", targetId: row.id, details: { from: row.status, to: result.status } });
    await applyRiskRulesLate(ctx, row, result, row.gatewayAccount);
  }
  return "resolved";
}

/**
 * One reconciliation pass over open transactions untouched for `minAgeMs`. Rows are claimed by
 * bumping their updatedAt under FOR UPDATE SKIP LOCKED (a lease), so parallel instances take
 * different rows; and `finish` only ever moves a row out of its open state once, so even a row
 * checked twice is applied once.
 *
 * A row with no gateway answer yet is a request still on its way (a sale may call the gateway twice:
 * tokenize, then charge) or one whose instance died. It is left alone until twice its account's
 * timeout has passed since it was written: asked earlier, a gateway still working on it says it has no
 * record, and the row would be closed as "nothing was charged" just before the charge lands.
 */
export async function reconcileOpen(
  ctx: Omit<PaymentContext, "actor">,
  opts: { limit?: number; minAgeMs?: number; budgetMs?: number } = {},
): Promise<{ checked: number; resolved: number }> {
  const now = new Date();
  // A pass stays well inside its job's time limit (lib/jobs/reconcile.ts): rows it claimed but had no
  // time to ask about are asked by a later pass.
  const stopAt = now.getTime() + (opts.budgetMs ?? 30_000);
  const before = new Date(now.getTime() - (opts.minAgeMs ?? 5_000));
  const claimed = await ctx.db.$queryRaw<{ id: string }[]>`
    UPDATE "Transaction" SET "updatedAt" = now()
    WHERE id IN (
      SELECT t.id FROM "Transaction" t JOIN "GatewayAccount" a ON a.id = t."gatewayAccountId"
      WHERE t.status IN ('pending', 'unknown') AND t."updatedAt" < ${before}
        AND (t."gatewayDurationMs" IS NOT NULL OR t."createdAt" + make_interval(secs => a."timeoutMs" * 2 / 1000.0) < ${now})
      ORDER BY t."updatedAt" LIMIT ${opts.limit ?? 20}
      FOR UPDATE OF t SKIP LOCKED)
    RETURNING id`;
  let resolved = 0;
  let checked = 0;
  for (const { id } of claimed) {
    if (Date.now() > stopAt) break;
    checked++;
    if ((await checkTransaction({ ...ctx, actor: SYSTEM_ACTOR }, id)) === "resolved") resolved++;
  }
  return { checked, resolved };
}

export type CallbackOutcome = "applied" | "ignored" | "unknown_transaction" | "unconfirmed";

/**
 * Applies a verified gateway callback for `accountId`, the account whose secret verified it: only
 * that account's transactions can be touched (another account's secret — a sandbox secret is public —
 * reaches nothing else). The callback's own word is not applied: it prompts an inquiry, and what the
 * gateway answers is recorded, so a forged or mistaken "approved" cannot approve what the gateway
 * still has pending ("unconfirmed": left open for the reconciler). Replays change nothing (see finish).
 */
export async function applyCallback(ctx: Omit<PaymentContext, "actor">, accountId: string, event: CallbackEvent): Promise<CallbackOutcome> {
  // By the gateway's id; by our reference only for a row that has no gateway id yet (the answer to the
  // request was lost), so an id and a reference of two different rows cannot pick either.
  const row = await ctx.db.transaction.findFirst({
    where: {
      gatewayAccountId: accountId,
      OR: [{ gatewayTransactionId: event.gatewayTransactionId }, ...(event.reference ? [{ reference: event.reference, gatewayTransactionId: null }] : [])],
    },
    select: { id: true, status: true },
  });
  if (!row) return "unknown_transaction";
  if (event.status === "pending" || !OPEN_STATUSES.includes(row.status)) return "ignored";
  const checked = await checkTransaction({ ...ctx, actor: SYSTEM_ACTOR }, row.id);
  return checked === "resolved" ? "applied" : checked === "still_open" ? "unconfirmed" : "ignored";
}
