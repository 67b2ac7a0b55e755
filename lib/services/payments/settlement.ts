// Whether a transaction has settled is the gateway's knowledge; we ask it (inquiry) when it matters
// (before offering a void, before refusing a refund) and remember the answer.
import { setLogContext } from "../../log-context";
import { gatewayFor, type PaymentContext } from "./context";
import { parentRef } from "./parent";

/** Returns true when the gateway says the transaction has settled (and records when we learned it). */
export async function refreshSettlement(ctx: Pick<PaymentContext, "db" | "clientFor">, transactionId: string): Promise<boolean> {
  const row = await ctx.db.transaction.findUnique({ where: { id: transactionId }, include: { gatewayAccount: true, paymentMethod: { select: { token: true } } } });
  if (!row) return false;
  if (row.settledAt) return true;
  if (row.status !== "approved") return false;
  setLogContext({ transactionId: row.id });
  const client = gatewayFor(ctx, row.gatewayAccount);
  const found = await client
    .inquire({ operation: row.kind, gatewayTransactionId: row.gatewayTransactionId ?? undefined, reference: row.reference, orderId: row.orderId ?? undefined, amount: { amount: row.amount, currency: row.currency }, parent: parentRef(row) })
    .catch(() => null);
  if (!found?.found || !found.settled) return false;
  await ctx.db.transaction.updateMany({ where: { id: row.id, settledAt: null }, data: { settledAt: settledAtOf(found.settledAt) } });
  return true;
}

/** The gateway's settlement time when it gave one (never in the future), else now: when we learned it. */
export function settledAtOf(gatewaySays: string | undefined, now = new Date()): Date {
  const at = gatewaySays ? new Date(gatewaySays) : null;
  return at && !Number.isNaN(at.getTime()) && at.getTime() <= now.getTime() ? at : now;
}
