// Void, refund and capture. Each claims its amount against the original under a row lock
// (SELECT … FOR UPDATE) before the gateway is called, so two managers acting at once can never
// refund or capture more than there is; the claim is released if the gateway refuses.
import { randomUUID } from "node:crypto";
import { hasRole } from "../../auth/roles";
import type { Prisma } from "../../db";
import type { GatewayResult } from "../../gateways/types";
import { setLogContext } from "../../log-context";
import { formatMoney, parseMajor } from "../../money";
import { ForbiddenError, NotFoundError, ServiceError, ValidationError } from "../errors";
import { gatewayFor, isUniqueViolation, type PaymentContext } from "./context";
import { checkRefundLimits } from "./limits";
import { parentRef } from "./parent";
import { finish } from "./sale";
import { refreshSettlement } from "./settlement";

type FollowUpKind = "void" | "refund" | "capture";

export interface FollowUpOutcome {
  transactionId: string;
  replayed: boolean;
  status: string;
  message: string;
}

interface LockedParent {
  id: string;
  kind: string;
  status: string;
  amount: number;
  currency: string;
  refundedAmount: number;
  capturedAmount: number;
  settledAt: Date | null;
  voidedAt: Date | null;
}

async function lockParent(tx: Prisma.TransactionClient, id: string): Promise<LockedParent> {
  const rows = await tx.$queryRaw<LockedParent[]>`
    SELECT id, kind::text AS kind, status::text AS status, amount, currency, "refundedAmount", "capturedAmount", "settledAt", "voidedAt"
    FROM "Transaction" WHERE id = ${id} FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new NotFoundError("That transaction");
  return row;
}

async function openVoid(tx: Prisma.TransactionClient, parentId: string): Promise<boolean> {
  const n = await tx.transaction.count({ where: { parentId, kind: "void", status: { in: ["pending", "unknown", "approved"] } } });
  return n > 0;
}

function requireManager(ctx: PaymentContext, what: string) {
  if (!hasRole(ctx.actor.role, "manager")) throw new ForbiddenError(what);
}

async function replay(ctx: PaymentContext, idempotencyKey: string): Promise<FollowUpOutcome | null> {
  const row = await ctx.db.transaction.findUnique({ where: { idempotencyKey } });
  return row ? { transactionId: row.id, replayed: true, status: row.status, message: row.message ?? "" } : null;
}

/**
 * Claims the follow-up under the parent's row lock, calls the gateway outside any database
 * transaction, then records the outcome and applies it to the parent.
 */
async function runFollowUp(
  ctx: PaymentContext,
  input: { kind: FollowUpKind; parentId: string; idempotencyKey: string; amountMinor: number; reason?: string },
  check: (parent: LockedParent, tx: Prisma.TransactionClient) => Promise<void>,
  claim: Prisma.TransactionUpdateInput | null,
  call: (args: { parent: ReturnType<typeof parentRef>; reference: string }) => Promise<GatewayResult>,
): Promise<FollowUpOutcome> {
  const again = await replay(ctx, input.idempotencyKey);
  if (again) return again;

  let child;
  try {
    child = await ctx.db.$transaction(async (tx) => {
      const parent = await lockParent(tx, input.parentId);
      await check(parent, tx);
      if (claim) await tx.transaction.update({ where: { id: parent.id }, data: claim });
      const full = await tx.transaction.findUniqueOrThrow({ where: { id: parent.id } });
      return tx.transaction.create({
        data: {
          kind: input.kind,
          status: "pending",
          amount: input.amountMinor,
          currency: parent.currency,
          idempotencyKey: input.idempotencyKey,
          reference: randomUUID().replace(/-/g, "").slice(0, 20),
          parentId: parent.id,
          gatewayAccountId: full.gatewayAccountId,
          customerId: full.customerId,
          paymentMethodId: full.paymentMethodId,
          userId: ctx.actor.id,
          orderId: full.orderId,
          reason: input.reason ?? null,
          billing: full.billing ?? undefined,
          cardBrand: full.cardBrand,
          cardLast4: full.cardLast4,
          cardMasked: full.cardMasked,
          message: "Sent to the gateway…",
        },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      const first = await replay(ctx, input.idempotencyKey);
      if (first) return first;
    }
    throw err;
  }

  setLogContext({ transactionId: child.id });
  const parent = await ctx.db.transaction.findUniqueOrThrow({ where: { id: input.parentId }, include: { paymentMethod: { select: { token: true } } } });
  let result: GatewayResult;
  try {
    result = await call({ parent: parentRef(parent), reference: child.reference });
  } catch {
    result = { status: "error", errorKind: "unknown_outcome", message: "The gateway call failed unexpectedly", raw: { request: null, response: null }, durationMs: 0 };
  }
  if (await finish(ctx, child, result)) await applyToParent(ctx, child.id);
  const done = await ctx.db.transaction.findUniqueOrThrow({ where: { id: child.id } });
  return { transactionId: child.id, replayed: false, status: done.status, message: done.message ?? "" };
}

/**
 * Once a follow-up's outcome is final, applies it to the original: an approved void marks it
 * voided; a refused refund or capture gives back the amount it had claimed. Runs exactly once per
 * follow-up, because `finish` moves a row out of its open state only once.
 */
export async function applyToParent(ctx: Pick<PaymentContext, "db">, childId: string): Promise<void> {
  const child = await ctx.db.transaction.findUniqueOrThrow({ where: { id: childId } });
  if (!child.parentId) return;
  const failed = child.status === "declined" || child.status === "error";
  if (child.kind === "void" && child.status === "approved") {
    await ctx.db.transaction.updateMany({ where: { id: child.parentId, voidedAt: null }, data: { voidedAt: child.updatedAt } });
  } else if (child.kind === "refund" && failed) {
    await ctx.db.transaction.update({ where: { id: child.parentId }, data: { refundedAmount: { decrement: child.amount } } });
  } else if (child.kind === "capture" && failed) {
    await ctx.db.transaction.update({ where: { id: child.parentId }, data: { capturedAmount: { decrement: child.amount } } });
  }
}

async function checkVoidable(p: LockedParent, tx: Prisma.TransactionClient): Promise<void> {
  if (!["sale", "auth", "capture"].includes(p.kind) || p.status !== "approved") throw new ServiceError("Only an approved sale, authorization or capture can be voided.", 409);
  if (p.voidedAt || (await openVoid(tx, p.id))) throw new ServiceError("This transaction has already been voided.", 409);
  if (p.settledAt) throw new ServiceError("This transaction has settled, so it can no longer be voided: refund it instead.", 409);
  if (p.refundedAmount > 0) throw new ServiceError("Part of this transaction was refunded, so it can no longer be voided.", 409);
  if (p.capturedAmount > 0) throw new ServiceError("This authorization has been captured: void the capture instead.", 409);
}

/**
 * Takes back a sale the payments service itself decided against (lib/services/payments/risk.ts):
 * a void, or a full refund where the gateway cannot void. No role check: the clerk did not ask for
 * it, the merchant's rules did, and the follow-up row, its audit event and `reason` say so.
 */
export async function reverseInFull(ctx: PaymentContext, input: { transactionId: string; idempotencyKey: string; reason: string }): Promise<FollowUpOutcome> {
  const original = await ctx.db.transaction.findUnique({ where: { id: input.transactionId }, include: { gatewayAccount: true } });
  if (!original) throw new NotFoundError("That transaction");
  const client = gatewayFor(ctx, original.gatewayAccount);
  const base = { parentId: original.id, idempotencyKey: input.idempotencyKey, reason: input.reason };
  if (client.capabilities.void !== "none") {
    return runFollowUp(ctx, { ...base, kind: "void", amountMinor: original.amount }, checkVoidable, null, ({ parent, reference }) =>
      client.void({ parent, amount: parent.amount, reference }),
    );
  }
  const amount = original.amount;
  return runFollowUp(
    ctx,
    { ...base, kind: "refund", amountMinor: amount },
    async (p) => {
      if (p.kind !== "sale" || p.status !== "approved" || p.voidedAt || p.refundedAmount > 0) throw new ServiceError("Only an approved sale with nothing refunded yet can be refunded in full.", 409);
    },
    { refundedAmount: { increment: amount } },
    ({ parent, reference }) => client.refund({ parent, amount: { amount, currency: original.currency }, reference, reason: input.reason }),
  );
}

export async function voidTransaction(ctx: PaymentContext, input: { transactionId: string; idempotencyKey: string }): Promise<FollowUpOutcome> {
  requireManager(ctx, "void transactions");
  const original = await ctx.db.transaction.findUnique({ where: { id: input.transactionId }, include: { gatewayAccount: true } });
  if (!original) throw new NotFoundError("That transaction");
  const client = gatewayFor(ctx, original.gatewayAccount);
  if (client.capabilities.void === "none") throw new ServiceError(client.capabilities.voidNote ?? "This gateway cannot void; refund instead.", 409);
  // Ask the gateway when we do not know yet whether the batch has closed.
  if (!original.settledAt && original.status === "approved") await refreshSettlement(ctx, original.id);

  const outcome = await runFollowUp(
    ctx,
    { kind: "void", parentId: input.transactionId, idempotencyKey: input.idempotencyKey, amountMinor: original.amount - original.capturedAmount },
    checkVoidable,
    null,
    ({ parent, reference }) => client.void({ parent, amount: parent.amount, reference }),
  );
  if (outcome.status !== "approved" && !outcome.replayed) {
    // A refused void often means the batch closed meanwhile: find out, and say what to do instead.
    const settled = await refreshSettlement(ctx, input.transactionId);
    if (settled) {
      const message = `${outcome.message} — the gateway has already settled this transaction: refund it instead.`;
      await ctx.db.transaction.update({ where: { id: outcome.transactionId }, data: { message } });
      return { ...outcome, message };
    }
  }
  return outcome;
}

export async function refundTransaction(
  ctx: PaymentContext,
  input: { transactionId: string; idempotencyKey: string; amount: string; reason: string },
): Promise<FollowUpOutcome> {
  requireManager(ctx, "refund transactions");
  const original = await ctx.db.transaction.findUnique({ where: { id: input.transactionId }, include: { gatewayAccount: true } });
  if (!original) throw new NotFoundError("That transaction");
  const client = gatewayFor(ctx, original.gatewayAccount);
  const parsed = parseMajor(input.amount, original.currency);
  if (!parsed.ok || parsed.minor <= 0) throw new ValidationError("Enter an amount more than zero", "amount");
  const amount = parsed.minor;
  if (!original.settledAt && original.status === "approved" && client.capabilities.void !== "none") await refreshSettlement(ctx, original.id);

  return runFollowUp(
    ctx,
    { kind: "refund", parentId: input.transactionId, idempotencyKey: input.idempotencyKey, amountMinor: amount, reason: input.reason },
    async (p, tx) => {
      if (!["sale", "capture"].includes(p.kind) || p.status !== "approved") throw new ServiceError("Only an approved sale or capture can be refunded.", 409);
      if (p.voidedAt || (await openVoid(tx, p.id))) throw new ServiceError("This transaction was voided, so there is nothing to refund.", 409);
      if (!p.settledAt && client.capabilities.void !== "none") throw new ServiceError("This transaction has not settled yet: void it instead of refunding.", 409);
      const remaining = p.amount - p.refundedAmount;
      if (remaining <= 0) throw new ValidationError("This transaction has been refunded in full already.", "amount");
      if (amount > remaining) throw new ValidationError(`At most ${formatMoney(remaining, p.currency)} can still be refunded.`, "amount");
      if (amount < remaining && !client.capabilities.partialRefund) throw new ValidationError("This gateway only refunds the full remaining amount.", "amount");
      await checkRefundLimits(tx, ctx, { amount, currency: p.currency });
    },
    { refundedAmount: { increment: amount } },
    ({ parent, reference }) => client.refund({ parent, amount: { amount, currency: original.currency }, reference, reason: input.reason }),
  );
}

export async function captureTransaction(
  ctx: PaymentContext,
  input: { transactionId: string; idempotencyKey: string; amount: string },
): Promise<FollowUpOutcome> {
  requireManager(ctx, "capture authorizations");
  const original = await ctx.db.transaction.findUnique({ where: { id: input.transactionId }, include: { gatewayAccount: true } });
  if (!original) throw new NotFoundError("That transaction");
  const client = gatewayFor(ctx, original.gatewayAccount);
  if (!client.capabilities.capture) throw new ServiceError("This gateway does not capture authorizations.", 409);
  const parsed = parseMajor(input.amount, original.currency);
  if (!parsed.ok || parsed.minor <= 0) throw new ValidationError("Enter an amount more than zero", "amount");
  const amount = parsed.minor;

  return runFollowUp(
    ctx,
    { kind: "capture", parentId: input.transactionId, idempotencyKey: input.idempotencyKey, amountMinor: amount },
    async (p, tx) => {
      if (p.kind !== "auth" || p.status !== "approved") throw new ServiceError("Only an approved authorization can be captured.", 409);
      if (p.voidedAt || (await openVoid(tx, p.id))) throw new ServiceError("This authorization was voided.", 409);
      const remaining = p.amount - p.capturedAmount;
      if (remaining <= 0) throw new ValidationError("This authorization has been captured already.", "amount");
      if (amount > remaining) throw new ValidationError(`At most ${formatMoney(remaining, p.currency)} can be captured.`, "amount");
    },
    { capturedAmount: { increment: amount } },
    ({ parent, reference }) => client.capture({ parent, amount: { amount, currency: original.currency }, reference }),
  );
}
