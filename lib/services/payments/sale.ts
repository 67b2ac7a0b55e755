// A sale (or authorization) from the terminal: customer, card vault, gateway call, result.
// The idempotency key is claimed by inserting the transaction row first (unique constraint), so a
// double click, a browser retry or a replayed request finds that row and never charges twice.
// No database transaction is held while the gateway is called.
import { randomUUID } from "node:crypto";
import type { Prisma } from "../../db";
import { detectBrand, last4, parseExpiry, notExpired } from "../../card";
import type { BillingDetails, CardInput, GatewayClient, GatewayResult, PaymentSource } from "../../gateways/types";
import { parseMajor } from "../../money";
import type { Billing, NewCard, SaleFormOutput } from "../../validation/payment";
import { recordAudit } from "../audit";
import { customerData } from "../customers";
import { NotFoundError, ValidationError } from "../errors";
import { gatewayFor, isUniqueViolation, SYSTEM_ACTOR, type PaymentContext } from "./context";
import { OPEN_STATUSES, outcomeData } from "./outcome";

export interface SaleOutcome {
  transactionId: string;
  /** True when this submit repeated an earlier one: the first result is returned, nothing was charged. */
  replayed: boolean;
}

/** Card details that may be kept for a card saved once a pending payment completes. */
export interface PendingCardSave {
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  holderName: string;
}

export function toBillingDetails(b: Billing): BillingDetails {
  return {
    firstName: b.firstName,
    lastName: b.lastName,
    address1: b.address1,
    address2: b.address2 || undefined,
    city: b.city,
    state: b.state || undefined,
    postalCode: b.postalCode,
    country: b.country,
    email: b.email || undefined,
    phone: b.phone || undefined,
  };
}

export async function runSale(ctx: PaymentContext, input: SaleFormOutput): Promise<SaleOutcome> {
  const { db, actor } = ctx;
  const earlier = await db.transaction.findUnique({ where: { idempotencyKey: input.idempotencyKey }, select: { id: true } });
  if (earlier) return { transactionId: earlier.id, replayed: true };

  if (input.retryOf) await guardRerun(ctx, input.retryOf, input.acceptDoubleChargeRisk);

  const account = await db.gatewayAccount.findFirst({ where: { id: input.gatewayAccountId, active: true } });
  if (!account) throw new ValidationError("Choose an active gateway account", "gatewayAccountId");
  const client = gatewayFor(ctx, account);
  if (input.intent === "auth" && !client.capabilities.authorize) {
    throw new ValidationError(`${account.label} cannot authorize without capturing; run a sale instead`, "intent");
  }
  const amount = parseMajor(input.amount, account.currency);
  if (!amount.ok || amount.minor <= 0 || amount.minor > account.maxAmount) throw new ValidationError("The amount is not valid for this account", "amount");

  // Resolve the card before anything is written, so a bad choice costs nothing.
  let savedMethod: { id: string; token: string; brand: string; last4: string } | null = null;
  if (input.payment.type === "saved") {
    const pm = await db.paymentMethod.findFirst({ where: { id: input.payment.paymentMethodId, removedAt: null } });
    if (!pm || (input.customerId && pm.customerId !== input.customerId)) throw new ValidationError("Choose one of this customer's saved cards", "payment.paymentMethodId");
    if (pm.gatewayAccountId !== account.id) throw new ValidationError("That card is saved at another gateway account; choose that account or key the card", "payment.paymentMethodId");
    if (!notExpired(pm.expMonth, pm.expYear)) throw new ValidationError("That saved card has expired; key a new card", "payment.paymentMethodId");
    savedMethod = pm;
  }

  const customerId = input.customerId
    ? (await db.customer.findUnique({ where: { id: input.customerId }, select: { id: true } }))?.id
    : (await db.customer.create({ data: { ...customerData(input.billing), createdById: actor.id } })).id;
  if (!customerId) throw new NotFoundError("That customer");

  const card = input.payment.type === "new" ? toCardInput(input.payment.card) : null;
  const saveCard = input.payment.type === "new" && input.payment.card.save;
  const cardSave: PendingCardSave | null = card
    ? { brand: detectBrand(card.number), last4: last4(card.number), expMonth: card.expMonth, expYear: card.expYear, holderName: card.holderName }
    : null;

  let row;
  try {
    row = await db.transaction.create({
      data: {
        kind: input.intent,
        status: "pending",
        amount: amount.minor,
        currency: account.currency,
        idempotencyKey: input.idempotencyKey,
        reference: randomUUID().replace(/-/g, "").slice(0, 20),
        gatewayAccountId: account.id,
        customerId,
        paymentMethodId: savedMethod?.id,
        userId: actor.id,
        orderId: input.orderId || null,
        description: input.description || null,
        billing: input.billing as Prisma.InputJsonValue,
        cardBrand: savedMethod?.brand ?? cardSave?.brand,
        cardLast4: savedMethod?.last4 ?? cardSave?.last4,
        message: "Sent to the gateway…",
        extra: saveCard && cardSave ? { saveCard: cardSave as unknown as Prisma.InputJsonValue } : undefined,
      },
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const first = await db.transaction.findUniqueOrThrow({ where: { idempotencyKey: input.idempotencyKey }, select: { id: true } });
    return { transactionId: first.id, replayed: true };
  }

  const billing = toBillingDetails(input.billing);
  const orderId = input.orderId || row.reference;
  let source: PaymentSource;
  if (savedMethod) source = { type: "token", token: savedMethod.token };
  else if (saveCard && client.capabilities.tokenization !== "tokenizing-payment") {
    const tokenized = await client.tokenize({ card: card!, billing, currency: account.currency, orderId, reference: `${row.reference}t` });
    if (tokenized.status !== "approved" || !tokenized.token) {
      await finish(ctx, row.id, tokenizeFailure(tokenized));
      return { transactionId: row.id, replayed: false };
    }
    const pm = await saveCardToVault(ctx, { customerId, gatewayAccountId: account.id, token: tokenized.token, card: cardSave! });
    await db.transaction.update({ where: { id: row.id }, data: { paymentMethodId: pm.id } });
    source = { type: "token", token: tokenized.token };
  } else source = { type: "card", card: card! };

  const call = { source, amount: { amount: amount.minor, currency: account.currency }, billing, orderId, description: input.description || undefined, reference: row.reference };
  const result = await callSafely(() => (input.intent === "auth" ? client.authorize(call) : client.sale(call)));
  await finish(ctx, row.id, result);
  return { transactionId: row.id, replayed: false };
}

export const RERUN_RISK_MESSAGE =
  "We still don't know whether the first attempt charged the card. Running it again may charge the customer twice: confirm that you accept this risk.";

/**
 * Re-running a payment whose outcome is still unknown (or pending) can charge twice, so it needs an
 * explicit confirmation naming that risk; the confirmation is audited.
 */
async function guardRerun(ctx: PaymentContext, retryOf: string, accepted: boolean): Promise<void> {
  const first = await ctx.db.transaction.findUnique({ where: { id: retryOf }, select: { id: true, status: true, amount: true, currency: true } });
  if (!first || (first.status !== "unknown" && first.status !== "pending")) return;
  if (!accepted) throw new ValidationError(RERUN_RISK_MESSAGE, "acceptDoubleChargeRisk");
  await recordAudit(ctx.db, {
    actor: ctx.actor,
    action: "payment.rerun_despite_unknown",
    targetType: "Transaction",
    targetId: first.id,
    details: { amount: first.amount, currency: first.currency, status: first.status },
    ip: ctx.ip,
  });
}

function toCardInput(card: NewCard): CardInput {
  const exp = parseExpiry(card.expiry)!;
  return { number: card.number, expMonth: exp.month, expYear: exp.year, cvv: card.cvv, holderName: card.holderName };
}

/** A failed tokenization means the sale was never attempted; say so in the message. */
function tokenizeFailure(result: GatewayResult): GatewayResult {
  const prefix = "The card could not be saved, so it was not charged";
  if (result.status === "approved") return { ...result, status: "error", errorKind: "rejected", message: `${prefix}: the gateway returned no token` };
  // An unknown tokenization moved no money (it is a verification), so it is an error, not an unknown charge.
  return { ...result, status: result.status === "declined" ? "declined" : "error", errorKind: result.errorKind === "unknown_outcome" ? "rejected" : result.errorKind, message: `${prefix}: ${result.message}` };
}

/** A client that throws has a bug; whether it reached the gateway is unknown, so say exactly that. */
async function callSafely(call: () => Promise<GatewayResult>): Promise<GatewayResult> {
  try {
    return await call();
  } catch {
    return { status: "error", errorKind: "unknown_outcome", message: "The gateway call failed unexpectedly", raw: { request: null, response: null }, durationMs: 0 };
  }
}

/** Where vault writes go: the client, or the database transaction they must be part of. */
type VaultWriter = Pick<PaymentContext["db"], "paymentMethod" | "transaction" | "auditEvent"> | Prisma.TransactionClient;

export async function saveCardToVault(
  ctx: PaymentContext,
  input: { customerId: string; gatewayAccountId: string; token: string; card: PendingCardSave },
  db: VaultWriter = ctx.db,
) {
  const pm = await db.paymentMethod.create({
    data: {
      customerId: input.customerId,
      gatewayAccountId: input.gatewayAccountId,
      token: input.token,
      brand: input.card.brand,
      last4: input.card.last4,
      expMonth: input.card.expMonth,
      expYear: input.card.expYear,
      holderName: input.card.holderName,
      createdById: ctx.actor.id === SYSTEM_ACTOR.id ? null : ctx.actor.id,
    },
  });
  await recordAudit(db, {
    actor: ctx.actor,
    action: "card.saved",
    targetType: "PaymentMethod",
    targetId: pm.id,
    details: { customerId: input.customerId, brand: pm.brand, last4: pm.last4 },
    ip: ctx.ip,
  });
  return pm;
}

/**
 * Writes the result onto a still-open row (never over a final one), records the money movement and
 * keeps a card the payment tokenized, in one database transaction. Returns false when the row was already final (a replayed callback,
 * a second reconciler), in which case nothing changes.
 */
export async function finish(ctx: PaymentContext, transactionId: string, result: GatewayResult): Promise<boolean> {
  const tx = await ctx.db.$transaction(async (db) => {
    const before = await db.transaction.findUniqueOrThrow({ where: { id: transactionId }, select: { extra: true, status: true } });
    if (!OPEN_STATUSES.includes(before.status)) return null;
    const extra = { ...((before.extra as Record<string, unknown> | null) ?? {}), ...(result.extra ? { gateway: result.extra } : {}) };
    const updated = await db.transaction
      .update({
        where: { id: transactionId, status: { in: OPEN_STATUSES } },
        data: { ...outcomeData(result), extra: extra as Prisma.InputJsonValue },
      })
      .catch((err: unknown) => {
        if ((err as { code?: string }).code === "P2025") return null; // finished meanwhile by someone else
        throw err;
      });
    if (!updated) return null;
    await recordAudit(db, {
      actor: ctx.actor,
      action: `payment.${updated.kind}`,
      targetType: "Transaction",
      targetId: updated.id,
      details: { amount: updated.amount, currency: updated.currency, status: updated.status, message: updated.message, gatewayTransactionId: updated.gatewayTransactionId, orderId: updated.orderId },
      ip: ctx.ip,
    });
    // In the same database transaction, so nobody sees the payment approved before its card is kept.
    if (updated.status === "approved") await keepPendingCard(ctx, updated, result, db);
    return updated;
  });
  return tx !== null;
}

/** For gateways whose token comes from the payment itself: keep the card once the payment is approved. */
export async function keepPendingCard(
  ctx: PaymentContext,
  tx: { id: string; customerId: string | null; gatewayAccountId: string; paymentMethodId: string | null; extra: Prisma.JsonValue },
  result: GatewayResult,
  db: VaultWriter,
): Promise<void> {
  const pending = (tx.extra as { saveCard?: PendingCardSave } | null)?.saveCard;
  if (!pending || tx.paymentMethodId || !tx.customerId || !result.token) return;
  const pm = await saveCardToVault(ctx, { customerId: tx.customerId, gatewayAccountId: tx.gatewayAccountId, token: result.token, card: pending }, db);
  await db.transaction.update({ where: { id: tx.id }, data: { paymentMethodId: pm.id } });
}

export type { GatewayClient };
