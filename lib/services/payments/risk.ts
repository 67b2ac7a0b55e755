// Risk controls around a sale: before it, the warning the clerk has not acknowledged yet and the
// repeat of a recent sale; after it, the account's AVS/CVV rules (lib/risk-rules.ts), which may
// warn or take the sale back at once as an audited follow-up (a void, or a full refund where the
// gateway has no void). Kept out of sale.ts so the sale path only calls in here twice.
import type { Db } from "../../db";
import type { GatewayResult } from "../../gateways/types";
import { log } from "../../log";
import { describeFindings, evaluateRisk, effectiveRiskRules, findingsOf, riskVoidKey, type RiskFinding } from "../../risk-rules";
import { json, prepared, utcTimestamp } from "../../sql";
import { recordAudit, recordAuditSql } from "../audit";
import { ServiceError, ValidationError } from "../errors";
import type { PaymentAccount } from "../gateway-accounts";
import { getMerchantSettings } from "../settings";
import type { PaymentContext } from "./context";
import { reverseInFull } from "./follow-ups";

/** The field a held repeat is reported on; the terminal answers it with "Charge again". */
export const REPEAT_FIELD = "repeatConfirmed";
/** The field an unacknowledged warning is reported on. */
export const ACKNOWLEDGE_FIELD = "riskAcknowledgement";

export interface SaleCheck {
  account: Pick<PaymentAccount, "id" | "repeatWindowSeconds">;
  amount: number;
  currency: string;
  customerId: string | null;
  billing: { lastName: string; postalCode: string };
  paymentMethodId: string | null;
  cardBrand: string | null;
  cardLast4: string | null;
  repeatConfirmed: boolean;
}

const timeOfDay = (at: Date, timeZone: string) => at.toLocaleTimeString("en-US", { timeZone, hour: "numeric", minute: "2-digit" });

/**
 * Refuses a sale while the clerk has a warned sale to acknowledge, and holds one that looks like a
 * repeat (same account, amount, card and customer within the account's window) until the clerk
 * confirms it; the confirmation is audited. Same card: the card's brand and last four (the number
 * itself is never stored), and the saved card when one was charged. Same customer: the chosen one,
 * or for a customer typed in, the billing surname and postal code.
 */
export async function checkBeforeSale(ctx: PaymentContext, check: SaleCheck): Promise<void> {
  const windowSeconds = check.account.repeatWindowSeconds ?? 120;
  const since = utcTimestamp(new Date(Date.now() - windowSeconds * 1000));
  const { rows } = await ctx.db.sql.query<{ warned: { id: string; createdAt: string } | null; earlier: { id: string; createdAt: string } | null }>(
    prepared(
      `SELECT (SELECT row_to_json(w) FROM (SELECT id, "createdAt" FROM "Transaction" t
                WHERE t."userId" = $1 AND t."riskAction" = 'warn' AND t."riskAcknowledgedAt" IS NULL ORDER BY t."createdAt" LIMIT 1) w) AS warned,
              (SELECT row_to_json(e) FROM (SELECT id, "createdAt" FROM "Transaction" t
                WHERE $11::int > 0 AND t."gatewayAccountId" = $2 AND t.amount = $3 AND t.currency = $4 AND t."createdAt" >= $12::timestamp
                  AND t.kind IN ('sale', 'auth') AND t.status IN ('approved', 'pending', 'unknown') AND t."voidedAt" IS NULL AND t."riskAction" IS DISTINCT FROM 'void'
                  AND t."cardBrand" = $7::text AND t."cardLast4" = $8::text AND ($6::text IS NULL OR t."paymentMethodId" = $6::text)
                  AND CASE WHEN $5::text IS NOT NULL THEN t."customerId" = $5::text
                           ELSE t.billing->>'lastName' = $9::text AND t.billing->>'postalCode' = $10::text END
                ORDER BY t."createdAt" DESC LIMIT 1) e) AS earlier`,
      [
        ctx.actor.id, check.account.id, check.amount, check.currency, check.customerId, check.paymentMethodId, check.cardBrand, check.cardLast4,
        check.billing.lastName, check.billing.postalCode, windowSeconds, since,
      ],
    ),
  );
  const { warned, earlier } = rows[0]!;
  if (!warned && !earlier) return;
  const { timeZone } = await getMerchantSettings(ctx.db);
  // Timestamps are stored as UTC wall time (lib/sql.ts utcTimestamp).
  const at = (row: { createdAt: string }) => timeOfDay(new Date(`${row.createdAt}Z`), timeZone);
  if (warned) throw new ValidationError(`Acknowledge the AVS/CVV warning on your sale at ${at(warned)} before the next sale.`, ACKNOWLEDGE_FIELD);
  if (!earlier) return;
  if (!check.repeatConfirmed) throw new ValidationError(`This looks like a repeat of the sale at ${at(earlier)} — charge again?`, REPEAT_FIELD);
  await recordAudit(ctx.db, {
    actor: ctx.actor,
    action: "payment.repeat_confirmed",
    targetType: "Transaction",
    targetId: earlier.id,
    details: { amount: check.amount, currency: check.currency, windowSeconds },
    ip: ctx.ip,
  });
}

/** What a finished sale needs for its rules to run. */
export interface RuledSale {
  id: string;
  kind: string;
}

/**
 * Applies the account's AVS/CVV rules to a sale the gateway just approved: "warn" marks it for the
 * clerk to acknowledge; "void" marks it and takes it back at once. The mark is written first, so the
 * history shows what the rules did even when the void's own outcome is still unknown (the reconciler
 * resolves that follow-up like any other).
 */
export async function applyRiskRules(ctx: PaymentContext, sale: RuledSale, result: GatewayResult, account: Pick<PaymentAccount, "riskRules">): Promise<void> {
  if (result.status !== "approved" || (sale.kind !== "sale" && sale.kind !== "auth")) return;
  const { action, findings } = evaluateRisk(effectiveRiskRules(account.riskRules), { avs: result.avs?.category, cvv: result.cvv?.category });
  if (action === "allow") return;
  const marked = await ctx.db.sql.query(
    `UPDATE "Transaction" SET "riskAction" = $2, extra = COALESCE(extra, '{}'::jsonb) || $3::jsonb, "updatedAt" = $4::timestamp WHERE id = $1 AND "riskAction" IS NULL`,
    [sale.id, action, json({ risk: { findings } }), utcTimestamp()],
  );
  if (!marked.rowCount) return;
  const what = describeFindings(findings);
  await recordAuditSql(ctx.db.sql, {
    actor: ctx.actor,
    action: action === "void" ? "risk.auto_void" : "risk.warn",
    targetType: "Transaction",
    targetId: sale.id,
    details: { findings, avs: result.avs?.code ?? null, cvv: result.cvv?.code ?? null },
    ip: ctx.ip,
  });
  if (action !== "void") return;
  try {
    await reverseInFull(ctx, { transactionId: sale.id, idempotencyKey: riskVoidKey(sale.id), reason: `Automatic, by the AVS/CVV rules: ${what}` });
  } catch (err) {
    // The sale stays approved and marked: its result screen says the automatic void did not happen.
    if (!(err instanceof ServiceError)) throw err;
    log.warn({ transactionId: sale.id, err: err.message }, "automatic void refused");
  }
}

/**
 * The rules for a sale whose approval arrived later (a callback, the reconciler, "Check now"):
 * whatever follows is done in the name of the clerk who ran the sale, as it would have been at once.
 */
export async function applyRiskRulesLate(
  ctx: Omit<PaymentContext, "actor">,
  sale: RuledSale & { userId: string },
  result: GatewayResult,
  account: Pick<PaymentAccount, "riskRules">,
): Promise<void> {
  if (result.status !== "approved" || (sale.kind !== "sale" && sale.kind !== "auth")) return;
  const user = await ctx.db.user.findUnique({ where: { id: sale.userId }, select: { id: true, email: true, role: true } });
  if (user) await applyRiskRules({ ...ctx, actor: user }, sale, result, account);
}

/** A warned sale the clerk has acknowledged (theirs, or any as a manager); audited. */
export async function acknowledgeRisk(ctx: PaymentContext, transactionId: string): Promise<void> {
  const managerOrAbove = ctx.actor.role !== "clerk";
  const done = await ctx.db.transaction.updateMany({
    where: { id: transactionId, riskAction: "warn", riskAcknowledgedAt: null, ...(managerOrAbove ? {} : { userId: ctx.actor.id }) },
    data: { riskAcknowledgedAt: new Date() },
  });
  if (done.count === 0) {
    const row = await ctx.db.transaction.findUnique({ where: { id: transactionId }, select: { riskAction: true, riskAcknowledgedAt: true, userId: true } });
    if (!row || row.riskAction !== "warn") throw new ValidationError("That sale has no warning to acknowledge.");
    if (row.riskAcknowledgedAt) return;
    throw new ServiceError("Only the clerk who ran that sale, or a manager, can acknowledge its warning.", 403);
  }
  await recordAudit(ctx.db, { actor: ctx.actor, action: "risk.acknowledged", targetType: "Transaction", targetId: transactionId, ip: ctx.ip });
}

export interface PendingWarning {
  id: string;
  createdAt: string;
  amount: number;
  currency: string;
  findings: RiskFinding[];
}

/** The clerk's oldest warned sale not yet acknowledged: the terminal shows it above the form. */
export async function pendingRiskWarning(db: Db, userId: string): Promise<PendingWarning | null> {
  const t = await db.transaction.findFirst({
    where: { userId, riskAction: "warn", riskAcknowledgedAt: null },
    orderBy: { createdAt: "asc" },
    select: { id: true, createdAt: true, amount: true, currency: true, extra: true },
  });
  return t ? { id: t.id, createdAt: t.createdAt.toISOString(), amount: t.amount, currency: t.currency, findings: findingsOf(t.extra) } : null;
}
