// Velocity and amount limits on the payment paths (issue 18): a sale over the clerk's single-sale or
// daily limit, or on a card tried too often in the last hour, is refused before any gateway call; a
// refund over the manager's daily refund count or amount likewise. The counting and the insert of
// the pending row happen in one database transaction holding row locks on the things counted
// ("user:<id>", "card:<fingerprint>" in "LimitLock"), so two submits at once cannot both pass.
// A refused sale becomes a request a manager may approve (audited); the approval lets that one
// submit (its idempotency key, amount and account) through once.
import { hasRole, ROLE_LABELS, type Role } from "../../auth/roles";
import type { Db, Prisma } from "../../db";
import { formatMoney } from "../../money";
import { newId } from "../../ids";
import { inTransaction, utcTimestamp, type Sql } from "../../sql";
import { dayIn, startOfDay } from "../../time";
import { recordAudit, recordAuditSql } from "../audit";
import { effectiveLimits, type EffectiveLimits, type LimitRow } from "../limits";
import { ForbiddenError, NotFoundError, ServiceError, ValidationError } from "../errors";
import { getMerchantSettings } from "../settings";
import type { PaymentContext } from "./context";

export const WHO_CAN_RAISE = "An admin can raise the limit under Admin → Limits.";

export interface LimitedSale {
  amount: number;
  currency: string;
  gatewayAccountId: string;
  idempotencyKey: string;
  cardFingerprint: string | null;
}

type LimitName = "maxSale" | "maxDaily" | "cardAttempts";

interface Refusal {
  limitName: LimitName;
  message: string;
  /** The form field the message is shown next to. */
  field: string;
}

/** The start of the merchant's day, as a UTC timestamp for a timestamp column. */
async function startOfMerchantDay(db: Pick<Db, "appSetting">): Promise<string> {
  const { timeZone } = await getMerchantSettings(db);
  return utcTimestamp(startOfDay(dayIn(new Date(), timeZone), timeZone));
}

/** Inserts the rows to lock if they are new, then locks them, in one order, so two submits never wait on each other in a circle. */
async function lockKeys(sql: Sql, keys: string[]): Promise<void> {
  const sorted = [...new Set(keys)].sort();
  await sql.query(`INSERT INTO "LimitLock" (key) SELECT unnest($1::text[]) ORDER BY 1 ON CONFLICT DO NOTHING`, [sorted]);
  await sql.query(`SELECT key FROM "LimitLock" WHERE key = ANY($1::text[]) ORDER BY key FOR UPDATE`, [sorted]);
}

const whose = (limits: EffectiveLimits, field: keyof LimitRow, role: Role) => (limits.fromUser[field] ? "set for you" : `set for ${ROLE_LABELS[role].toLowerCase()}s`);

/** The limits a sale is checked against: the actor's in the sale's currency, and the card attempt limit. */
export interface SaleLimits {
  limits: EffectiveLimits;
  cardAttempts: number | null;
}

/** Read with the sale's context (payments/sale.ts loadSaleContext), in the same round trip. */
export function saleLimits(role: LimitRow | null, user: LimitRow | null, cardAttempts: unknown): SaleLimits {
  return { limits: effectiveLimits(role, user), cardAttempts: typeof cardAttempts === "number" ? cardAttempts : null };
}

/**
 * Inserts a sale's pending row (`insert`) once the actor's limits (as the sale read them) allow it, under the limit locks;
 * with no limit set for this actor, currency and card, it inserts at once with no transaction (the
 * hot path stays as it was). Throws a ValidationError naming the limit when one refuses the sale.
 */
export async function insertWithinLimits<T extends { inserted: boolean; id: string }>(
  ctx: PaymentContext,
  sale: LimitedSale,
  { limits, cardAttempts }: SaleLimits,
  insert: (sql: Sql) => Promise<T>,
): Promise<T> {
  const { db, actor } = ctx;
  const perUser = limits.values.maxSale !== null || limits.values.maxDaily !== null;
  const perCard = cardAttempts !== null && sale.cardFingerprint !== null;
  if (!perUser && !perCard) return insert(db.sql);
  const dayStart = limits.values.maxDaily !== null ? await startOfMerchantDay(db) : null;

  const outcome = await inTransaction(db.sql, async (sql): Promise<{ claimed: T } | { refusal: Refusal }> => {
    await lockKeys(sql, [...(perUser ? [`user:${actor.id}`] : []), ...(perCard ? [`card:${sale.cardFingerprint}`] : [])]);
    const refusal = await firstRefusal(sql, ctx, sale, limits, perCard ? cardAttempts : null, dayStart);
    if (refusal) {
      const override = await consumeOverride(sql, ctx, sale);
      if (!override) return { refusal };
      const claimed = await insert(sql);
      if (claimed.inserted) {
        await sql.query(`UPDATE "LimitOverride" SET "transactionId" = $2 WHERE id = $1`, [override.id, claimed.id]);
        await recordAuditSql(sql, {
          actor,
          action: "limit.override_used",
          targetType: "Transaction",
          targetId: claimed.id,
          details: { overrideId: override.id, approvedBy: override.approvedById, limit: refusal.limitName, amount: sale.amount, currency: sale.currency },
          ip: ctx.ip,
        });
      }
      return { claimed };
    }
    return { claimed: await insert(sql) };
  });
  if ("claimed" in outcome) return outcome.claimed;
  await requestOverride(ctx, sale, outcome.refusal);
  throw new ValidationError(outcome.refusal.message, outcome.refusal.field);
}

async function firstRefusal(
  sql: Sql,
  ctx: PaymentContext,
  sale: LimitedSale,
  limits: EffectiveLimits,
  cardAttempts: number | null,
  dayStart: string | null,
): Promise<Refusal | null> {
  const { role } = ctx.actor;
  const money = (minor: number) => formatMoney(minor, sale.currency);
  const ask = "A manager can approve this one sale under Approvals. " + WHO_CAN_RAISE;
  const { maxSale, maxDaily } = limits.values;
  if (maxSale !== null && sale.amount > maxSale) {
    return { limitName: "maxSale", field: "amount", message: `${money(sale.amount)} is over your single-sale limit of ${money(maxSale)} (${whose(limits, "maxSale", role)}). ${ask}` };
  }
  if (maxDaily !== null && dayStart !== null) {
    // What the user has taken today and may still take: pending, approved or unknown sales and authorizations, less those voided.
    const { rows } = await sql.query<{ total: string }>(
      `SELECT COALESCE(SUM(amount), 0) AS total FROM "Transaction"
        WHERE "userId" = $1 AND currency = $2 AND kind IN ('sale', 'auth') AND status IN ('pending', 'approved', 'unknown')
          AND "voidedAt" IS NULL AND "createdAt" >= $3::timestamp`,
      [ctx.actor.id, sale.currency, dayStart],
    );
    const total = Number(rows[0]!.total);
    if (total + sale.amount > maxDaily) {
      return {
        limitName: "maxDaily",
        field: "amount",
        message: `This sale would take your sales today to ${money(total + sale.amount)}, over your daily limit of ${money(maxDaily)} (${whose(limits, "maxDaily", role)}). ${ask}`,
      };
    }
  }
  if (cardAttempts !== null && sale.cardFingerprint !== null) {
    const since = utcTimestamp(new Date(Date.now() - 3600_000));
    const { rows } = await sql.query<{ n: string }>(
      `SELECT COUNT(*) AS n FROM "Transaction" WHERE "cardFingerprint" = $1 AND kind IN ('sale', 'auth') AND "createdAt" >= $2::timestamp`,
      [sale.cardFingerprint, since],
    );
    const tried = Number(rows[0]!.n);
    if (tried >= cardAttempts) {
      return {
        limitName: "cardAttempts",
        field: "payment",
        message: `This card has been tried ${tried} times in the last hour, declines included: the limit is ${cardAttempts} an hour per card. ${ask}`,
      };
    }
  }
  return null;
}

/** Takes the approval a manager gave for exactly this submit, if there is one not yet used. */
async function consumeOverride(sql: Sql, ctx: PaymentContext, sale: LimitedSale): Promise<{ id: string; approvedById: string } | null> {
  const { rows } = await sql.query<{ id: string; approvedById: string }>(
    `UPDATE "LimitOverride" SET "usedAt" = $5::timestamp
      WHERE "idempotencyKey" = $1 AND "userId" = $2 AND amount = $3 AND "gatewayAccountId" = $4 AND "approvedAt" IS NOT NULL AND "usedAt" IS NULL
      RETURNING id, "approvedById"`,
    [sale.idempotencyKey, ctx.actor.id, sale.amount, sale.gatewayAccountId, utcTimestamp()],
  );
  return rows[0] ?? null;
}

/**
 * Records the refused submit for a manager to approve (audited). Submitting the same form again
 * with another amount replaces the request, and any approval of the old amount with it.
 */
async function requestOverride(ctx: PaymentContext, sale: LimitedSale, refusal: Refusal): Promise<void> {
  const { rows } = await ctx.db.sql.query<{ id: string }>(
    `INSERT INTO "LimitOverride" (id, "idempotencyKey", "userId", "gatewayAccountId", amount, currency, "limitName", message, "createdAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::timestamp)
     ON CONFLICT ("idempotencyKey") DO UPDATE SET amount = EXCLUDED.amount, currency = EXCLUDED.currency, "gatewayAccountId" = EXCLUDED."gatewayAccountId",
       "limitName" = EXCLUDED."limitName", message = EXCLUDED.message,
       "approvedAt" = CASE WHEN "LimitOverride".amount = EXCLUDED.amount AND "LimitOverride"."gatewayAccountId" = EXCLUDED."gatewayAccountId" THEN "LimitOverride"."approvedAt" END,
       "approvedById" = CASE WHEN "LimitOverride".amount = EXCLUDED.amount AND "LimitOverride"."gatewayAccountId" = EXCLUDED."gatewayAccountId" THEN "LimitOverride"."approvedById" END
     WHERE "LimitOverride"."userId" = EXCLUDED."userId" AND "LimitOverride"."usedAt" IS NULL
     RETURNING id`,
    [newId(), sale.idempotencyKey, ctx.actor.id, sale.gatewayAccountId, sale.amount, sale.currency, refusal.limitName, refusal.message, utcTimestamp()],
  );
  await recordAudit(ctx.db, {
    actor: ctx.actor,
    action: "limit.refused",
    targetType: "LimitOverride",
    targetId: rows[0]?.id,
    details: { idempotencyKey: sale.idempotencyKey, limit: refusal.limitName, amount: sale.amount, currency: sale.currency, gatewayAccountId: sale.gatewayAccountId },
    ip: ctx.ip,
  });
}

// ---- refunds -----------------------------------------------------------------------------------

/**
 * Inside a refund's database transaction (after the parent's row lock): refuses the refund when it
 * would pass the actor's daily refund count or amount. Locks the actor's limit row first, so two
 * refunds by the same manager at once are counted one after the other.
 */
export async function checkRefundLimits(tx: Prisma.TransactionClient, ctx: PaymentContext, refund: { amount: number; currency: string }): Promise<void> {
  const { actor } = ctx;
  const rows = await tx.$queryRaw<{ role: LimitRow | null; user: LimitRow | null }[]>`
    SELECT (SELECT row_to_json(r) FROM (SELECT "maxSale", "maxDaily", "maxRefundCount", "maxRefundDaily" FROM "SpendingLimit" WHERE role = ${actor.role}::"Role" AND currency = ${refund.currency}) r) AS role,
           (SELECT row_to_json(u) FROM (SELECT "maxSale", "maxDaily", "maxRefundCount", "maxRefundDaily" FROM "SpendingLimit" WHERE "userId" = ${actor.id} AND currency = ${refund.currency}) u) AS "user"`;
  const limits = effectiveLimits(rows[0]!.role, rows[0]!.user);
  const { maxRefundCount, maxRefundDaily } = limits.values;
  if (maxRefundCount === null && maxRefundDaily === null) return;
  const key = `user:${actor.id}`;
  await tx.$executeRaw`INSERT INTO "LimitLock" (key) VALUES (${key}) ON CONFLICT DO NOTHING`;
  await tx.$queryRaw`SELECT key FROM "LimitLock" WHERE key = ${key} FOR UPDATE`;
  const dayStart = await startOfMerchantDay(tx);
  const today = await tx.$queryRaw<{ n: bigint; total: bigint }[]>`
    SELECT COUNT(*) AS n, COALESCE(SUM(amount), 0)::bigint AS total FROM "Transaction"
     WHERE "userId" = ${actor.id} AND currency = ${refund.currency} AND kind = 'refund' AND status IN ('pending', 'approved', 'unknown')
       AND "createdAt" >= ${dayStart}::timestamp`;
  const count = Number(today[0]!.n);
  const total = Number(today[0]!.total);
  const money = (minor: number) => formatMoney(minor, refund.currency);
  if (maxRefundCount !== null && count + 1 > maxRefundCount) {
    throw new ServiceError(
      `You have made ${count} refunds today: your limit is ${maxRefundCount} a day (${whose(limits, "maxRefundCount", actor.role)}). ${WHO_CAN_RAISE}`,
      409,
    );
  }
  if (maxRefundDaily !== null && total + refund.amount > maxRefundDaily) {
    throw new ValidationError(
      `This refund would take your refunds today to ${money(total + refund.amount)}, over your daily refund limit of ${money(maxRefundDaily)} (${whose(limits, "maxRefundDaily", actor.role)}). ${WHO_CAN_RAISE}`,
      "amount",
    );
  }
}

// ---- manager approvals ---------------------------------------------------------------------------

export interface OverrideRequest {
  id: string;
  userEmail: string;
  userName: string;
  amount: number;
  currency: string;
  accountLabel: string;
  limitName: string;
  message: string;
  createdAt: string;
  approvedAt: string | null;
  approvedByEmail: string | null;
}

/** Requests from the last day not yet used: waiting for a manager, or approved and waiting for the clerk to submit again. */
export async function listOverrideRequests(db: Db): Promise<OverrideRequest[]> {
  const since = new Date(Date.now() - 24 * 3600_000);
  const rows = await db.limitOverride.findMany({ where: { usedAt: null, createdAt: { gte: since } }, orderBy: { createdAt: "desc" }, take: 100 });
  if (rows.length === 0) return [];
  const userIds = [...new Set(rows.flatMap((r) => [r.userId, r.approvedById ?? r.userId]))];
  const [users, accounts] = await Promise.all([
    db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true, name: true } }),
    db.gatewayAccount.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.gatewayAccountId))] } }, select: { id: true, label: true } }),
  ]);
  const user = new Map(users.map((u) => [u.id, u]));
  const label = new Map(accounts.map((a) => [a.id, a.label]));
  return rows.map((r) => ({
    id: r.id,
    userEmail: user.get(r.userId)?.email ?? "",
    userName: user.get(r.userId)?.name ?? "",
    amount: r.amount,
    currency: r.currency,
    accountLabel: label.get(r.gatewayAccountId) ?? "",
    limitName: r.limitName,
    message: r.message,
    createdAt: r.createdAt.toISOString(),
    approvedAt: r.approvedAt?.toISOString() ?? null,
    approvedByEmail: r.approvedById ? (user.get(r.approvedById)?.email ?? null) : null,
  }));
}

/**
 * A manager approves one refused sale: the clerk's next submit of that same form (same amount and
 * account) goes through once. Not one's own, and not one of a higher role's. Audited.
 */
export async function approveOverride(ctx: PaymentContext, overrideId: string): Promise<void> {
  if (!hasRole(ctx.actor.role, "manager")) throw new ForbiddenError("approve sales over a limit");
  const request = await ctx.db.limitOverride.findUnique({ where: { id: overrideId } });
  if (!request) throw new NotFoundError("That request");
  if (request.userId === ctx.actor.id) throw new ServiceError("Another manager must approve your own sale.", 403);
  const requester = await ctx.db.user.findUnique({ where: { id: request.userId }, select: { role: true } });
  if (requester && !hasRole(ctx.actor.role, requester.role)) throw new ServiceError(`Only ${ROLE_LABELS[requester.role].toLowerCase()}s or above can approve this sale.`, 403);
  if (request.usedAt) throw new ServiceError("That sale has gone through already.", 409);
  const done = await ctx.db.limitOverride.updateMany({
    where: { id: request.id, usedAt: null, approvedAt: null, amount: request.amount },
    data: { approvedAt: new Date(), approvedById: ctx.actor.id },
  });
  if (done.count === 0) return; // approved already (or changed meanwhile: the list shows it again)
  await recordAudit(ctx.db, {
    actor: ctx.actor,
    action: "limit.override_approved",
    targetType: "LimitOverride",
    targetId: request.id,
    details: { userId: request.userId, amount: request.amount, currency: request.currency, limit: request.limitName, idempotencyKey: request.idempotencyKey },
    ip: ctx.ip,
  });
}
