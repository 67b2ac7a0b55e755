// A sale (or authorization) from the terminal: customer, card vault, gateway call, result.
// The idempotency key is claimed by inserting the transaction row first (unique constraint), so a
// double click, a browser retry or a replayed request finds that row and never charges twice.
// No database transaction is held while the gateway is called. A customer typed in (none chosen)
// is written only once the sale is approved or its card saved (lib/services/payments/vault.ts).
import { randomUUID } from "node:crypto";
import { detectBrand, last4, parseExpiry, notExpired } from "../../card";
import { cardFingerprint, savedCardFingerprint } from "../../card-fingerprint";
import { faultOf } from "../../gateways/results";
import type { BillingDetails, CardInput, Fault, GatewayClient, GatewayResult, Level23Data, PaymentSource } from "../../gateways/types";
import { setLogContext } from "../../log-context";
import { formatMoney, parseMajor } from "../../money";
import type { Billing, NewCard, SaleFormOutput } from "../../validation/payment";
import { newId } from "../../ids";
import { assignments, inTransaction, json, prepared, utcTimestamp, type Sql } from "../../sql";
import { noteGatewayResult } from "../account-health";
import type { Role } from "../../auth/roles";
import { auditInsert, recordAudit } from "../audit";
import { CARD_ATTEMPTS_KEY, type LimitRow } from "../limits";
import { SETTING_KEYS } from "../settings";
import { NotFoundError, ValidationError } from "../errors";
import type { PaymentAccount } from "../gateway-accounts";
import { openToken } from "../vault-tokens";
import { gatewayFor, type PaymentContext } from "./context";
import { OPEN_STATUSES, outcomeData } from "./outcome";
import { insertWithinLimits, saleLimits, type SaleLimits } from "./limits";
import { applyRiskRules, checkBeforeSale } from "./risk";
import { actorId, customerInsertFrom, insertCustomer, insertPaymentMethod, type PendingCardSave } from "./vault";

export interface SaleOutcome {
  transactionId: string;
  /** True when this submit repeated an earlier one: the first result is returned, nothing was charged. */
  replayed: boolean;
}

export type { PendingCardSave } from "./vault";

export interface SaleOptions {
  /**
   * A payment of a recurring schedule (lib/services/recurring.ts): the clerk-facing checks before a sale
   * (an unacknowledged AVS/CVV warning, a repeat within the account's window) do not apply: nobody is
   * keying it, and its own unique (schedule, due date) already makes a second charge impossible.
   */
  scheduled?: boolean;
}

/** What a sale row's `extra` may carry besides the gateway's values. */
interface SaleExtra {
  /** Keep the card once the payment is approved (gateways whose token comes from the payment). */
  saveCard?: PendingCardSave;
  /** No customer was chosen: one is written from the billing details once the payment is approved. */
  newCustomer?: true;
  /** Saving the card failed, so the sale was never attempted (the terminal offers to charge without saving). */
  saveFailed?: true;
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

/**
 * Runs a sale. `preloaded` is the context the caller already read for the same input (the terminal
 * action needs the account to validate the amount); without it the context is read here.
 */
export async function runSale(ctx: PaymentContext, input: SaleFormOutput, preloaded?: SaleContext, opts: SaleOptions = {}): Promise<SaleOutcome> {
  const { db, actor } = ctx;
  const ids = saleContextIds(input, actor);
  const known = preloaded && sameIds(preloaded.ids, ids) ? preloaded : await loadSaleContext(db, ids);
  if (known.earlierId) return { transactionId: known.earlierId, replayed: true };

  if (input.retryOf) await guardRerun(ctx, input.retryOf, input.acceptDoubleChargeRisk);

  const account = known.account;
  if (!account) throw new ValidationError("Choose an active gateway account", "gatewayAccountId");
  const client = gatewayFor(ctx, account);
  if (input.intent === "auth" && !client.capabilities.authorize) {
    throw new ValidationError(`${account.label} cannot authorize without capturing; run a sale instead`, "intent");
  }
  if (input.level23) checkLevel23(client, input.intent);
  const amount = parseMajor(input.amount, account.currency);
  if (!amount.ok || amount.minor <= 0 || amount.minor > account.maxAmount) throw new ValidationError("The amount is not valid for this account", "amount");
  if (account.confirmAbove !== null && amount.minor > account.confirmAbove && !input.amountConfirmed) {
    throw new ValidationError(`Confirm ${formatMoney(amount.minor, account.currency)}: this account asks for a second Enter above ${formatMoney(account.confirmAbove, account.currency)}`, "amount");
  }

  // Resolve the card before anything is written, so a bad choice costs nothing.
  let savedMethod: SavedMethod | null = null;
  if (input.payment.type === "saved") {
    const pm = known.savedMethod;
    // A saved card is charged only for the customer it belongs to, named by the request: with no
    // customer given, a card id alone must not charge someone else's card under a new customer.
    if (!pm || !input.customerId || pm.customerId !== input.customerId) throw new ValidationError("Choose one of this customer's saved cards", "payment.paymentMethodId");
    if (pm.gatewayAccountId !== account.id) throw new ValidationError("That card is saved at another gateway account; choose that account or key the card", "payment.paymentMethodId");
    if (!notExpired(pm.expMonth, pm.expYear)) throw new ValidationError("That saved card has expired; key a new card", "payment.paymentMethodId");
    savedMethod = { ...pm, token: openToken(pm.token) };
  }

  if (input.customerId && !known.customerId) throw new NotFoundError("That customer");
  const customerId = input.customerId ? known.customerId : null;

  const card = input.payment.type === "new" ? toCardInput(input.payment.card) : null;
  const saveCard = input.payment.type === "new" && input.payment.card.save;
  const cardSave: PendingCardSave | null = card
    ? { brand: detectBrand(card.number), last4: last4(card.number), expMonth: card.expMonth, expYear: card.expYear, holderName: card.holderName }
    : null;

  const cardBrand = savedMethod?.brand ?? cardSave?.brand ?? null;
  const cardLast4 = savedMethod?.last4 ?? cardSave?.last4 ?? null;
  if (!opts.scheduled) await checkBeforeSale(ctx, {
    account,
    amount: amount.minor,
    currency: account.currency,
    customerId,
    billing: input.billing,
    paymentMethodId: savedMethod?.id ?? null,
    cardBrand,
    cardLast4,
    repeatConfirmed: input.repeatConfirmed,
  });

  const pending: PendingRow = {
    kind: input.intent,
    amount: amount.minor,
    currency: account.currency,
    idempotencyKey: input.idempotencyKey,
    reference: randomUUID().replace(/-/g, "").slice(0, 20),
    gatewayAccountId: account.id,
    customerId,
    paymentMethodId: savedMethod?.id ?? null,
    userId: actor.id,
    orderId: input.orderId || null,
    description: input.description || null,
    billing: input.billing,
    cardBrand,
    cardLast4,
    cardFingerprint: savedMethod ? savedCardFingerprint(savedMethod.id) : cardFingerprint(card!.number),
    extra: saleExtra(saveCard && cardSave ? { saveCard: cardSave } : {}, customerId),
    level23: input.level23 ?? null,
  };
  // The actor's limits are checked, and the row inserted, under the limits' row locks (payments/limits.ts).
  const claimed = await insertWithinLimits(ctx, pending, known.limits, (sql) => insertPending(sql, pending));
  // Lost the race for the idempotency key to a concurrent submit: that one is the sale.
  if (!claimed.inserted) return { transactionId: claimed.id, replayed: true };
  const row: FinishTarget = { ...pending, id: claimed.id, gatewayTransactionId: null };
  setLogContext({ transactionId: row.id });

  const billing = toBillingDetails(input.billing);
  const orderId = input.orderId || pending.reference;
  let source: PaymentSource;
  if (savedMethod) source = { type: "token", token: savedMethod.token };
  else if (saveCard && client.capabilities.tokenization !== "tokenizing-payment") {
    const tokenized = await client.tokenize({ card: card!, billing, currency: account.currency, orderId, reference: `${pending.reference}t` });
    if (tokenized.status !== "approved" || !tokenized.token) {
      await finish(ctx, row, tokenizeFailure(tokenized), { saveFailed: true });
      return { transactionId: row.id, replayed: false };
    }
    const token = tokenized.token;
    // The card is saved: the customer it belongs to is kept too, whatever the sale then does.
    await inTransaction(db.sql, async (sql) => {
      row.customerId ??= await linkNewCustomer(ctx, sql, row.id, input.billing);
      row.paymentMethodId = await saveCardToVault(ctx, { transactionId: row.id, customerId: row.customerId, gatewayAccountId: account.id, token, card: cardSave! }, sql);
    });
    source = { type: "token", token };
  } else source = { type: "card", card: card! };

  const call = {
    source,
    amount: { amount: amount.minor, currency: account.currency },
    billing,
    orderId,
    description: input.description || undefined,
    reference: pending.reference,
    ...(input.level23 ? { level23: input.level23 } : {}),
  };
  const result = await callSafely(() => (input.intent === "auth" ? client.authorize(call) : client.sale(call)));
  if (await finish(ctx, row, result)) await applyRiskRules(ctx, row, result, account);
  return { transactionId: row.id, replayed: false };
}

// The sale's reads and writes are SQL on the app's pool: a sale is the hot path, where Prisma 6.19
// costs about 1.5 ms of CPU per query and every round trip costs a socket write (lib/db.ts,
// BENCHMARKS.md). Timestamps are written with utcTimestamp() (lib/sql.ts), as Prisma writes them.

interface SavedMethod {
  id: string;
  customerId: string;
  gatewayAccountId: string;
  /** Sealed as stored (lib/services/vault-tokens.ts); opened once the card is chosen. */
  token: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

/** The ids a sale's checks look up; taken from the raw input too, before it is validated. */
export interface SaleContextIds {
  gatewayAccountId: string;
  idempotencyKey: string;
  customerId: string;
  paymentMethodId: string;
  /** Whose limits apply (lib/services/payments/limits.ts). */
  userId: string;
  role: Role;
}

/** What a sale checks before it writes: the account, an earlier submit of the same key, the customer, the saved card, the actor's limits. */
export interface SaleContext {
  ids: SaleContextIds;
  account: PaymentAccount | null;
  earlierId: string | null;
  customerId: string | null;
  savedMethod: SavedMethod | null;
  limits: SaleLimits;
  /** Whether an approved sale's receipt is emailed (lib/jobs/receipt-email.ts), read here to spare a round trip after every sale. */
  receiptsAutomatic: boolean;
}

function saleContextIds(input: SaleFormOutput, actor: PaymentContext["actor"]): SaleContextIds {
  return {
    gatewayAccountId: input.gatewayAccountId,
    idempotencyKey: input.idempotencyKey,
    customerId: input.customerId,
    paymentMethodId: input.payment.type === "saved" ? input.payment.paymentMethodId : "",
    userId: actor.id,
    role: actor.role,
  };
}

const sameIds = (a: SaleContextIds, b: SaleContextIds) =>
  a.gatewayAccountId === b.gatewayAccountId &&
  a.idempotencyKey === b.idempotencyKey &&
  a.customerId === b.customerId &&
  a.paymentMethodId === b.paymentMethodId &&
  a.userId === b.userId &&
  a.role === b.role;

/** Everything a sale checks before it writes, in one round trip. */
export async function loadSaleContext(db: Pick<PaymentContext["db"], "sql">, ids: SaleContextIds): Promise<SaleContext> {
  const { rows } = await db.sql.query<
    Omit<SaleContext, "ids" | "limits" | "receiptsAutomatic"> & { roleLimits: LimitRow | null; userLimits: LimitRow | null; cardAttempts: unknown; receiptEmails: string | null }
  >(
    prepared(
      `SELECT (SELECT row_to_json(a) FROM (
               SELECT id, label, kind, mode, "baseUrl", currency, "maxAmount", "confirmAbove", "timeoutMs", settings, secrets, "riskRules", "repeatWindowSeconds"
                 FROM "GatewayAccount" WHERE id = $1 AND active) a) AS account,
            (SELECT id FROM "Transaction" WHERE "idempotencyKey" = $2) AS "earlierId",
            (SELECT id FROM "Customer" WHERE id = $3) AS "customerId",
            (SELECT row_to_json(pm) FROM (
               SELECT id, "customerId", "gatewayAccountId", token, brand, last4, "expMonth", "expYear"
                 FROM "PaymentMethod" WHERE id = $4 AND "removedAt" IS NULL) pm) AS "savedMethod",
            (SELECT row_to_json(r) FROM (
               SELECT "maxSale", "maxDaily", "maxRefundCount", "maxRefundDaily" FROM "SpendingLimit"
                WHERE role = $6::"Role" AND currency = (SELECT currency FROM "GatewayAccount" WHERE id = $1)) r) AS "roleLimits",
            (SELECT row_to_json(u) FROM (
               SELECT "maxSale", "maxDaily", "maxRefundCount", "maxRefundDaily" FROM "SpendingLimit"
                WHERE "userId" = $5 AND currency = (SELECT currency FROM "GatewayAccount" WHERE id = $1)) u) AS "userLimits",
            (SELECT value FROM "AppSetting" WHERE key = $7) AS "cardAttempts",
            (SELECT value #>> '{}' FROM "AppSetting" WHERE key = $8) AS "receiptEmails"`,
      [ids.gatewayAccountId, ids.idempotencyKey, ids.customerId || null, ids.paymentMethodId || null, ids.userId, ids.role, CARD_ATTEMPTS_KEY, SETTING_KEYS.receiptEmails],
    ),
  );
  const { roleLimits, userLimits, cardAttempts, receiptEmails, ...rest } = rows[0]!;
  return { ids, ...rest, limits: saleLimits(roleLimits, userLimits, cardAttempts), receiptsAutomatic: receiptEmails === "automatic" };
}

interface PendingRow {
  kind: "sale" | "auth";
  amount: number;
  currency: string;
  idempotencyKey: string;
  reference: string;
  gatewayAccountId: string;
  customerId: string | null;
  paymentMethodId: string | null;
  userId: string;
  orderId: string | null;
  description: string | null;
  billing: Billing;
  cardBrand: string | null;
  cardLast4: string | null;
  cardFingerprint: string;
  extra: SaleExtra | null;
  level23: Level23Data | null;
}

function saleExtra(extra: SaleExtra, customerId: string | null): SaleExtra | null {
  const out: SaleExtra = customerId ? extra : { ...extra, newCustomer: true };
  return Object.keys(out).length ? out : null;
}

/** Writes the customer a sale's billing details describe and links the sale to them; returns the customer's id. */
async function linkNewCustomer(ctx: PaymentContext, sql: Sql, transactionId: string, billing: Billing): Promise<string> {
  const customerId = await insertCustomer(sql, billing, actorId(ctx));
  await sql.query(`UPDATE "Transaction" SET "customerId" = $2, "updatedAt" = $3::timestamp WHERE id = $1`, [transactionId, customerId, utcTimestamp()]);
  return customerId;
}

/**
 * Claims the idempotency key by inserting the pending row. When another submit holds the key, nothing
 * is inserted and that row's id comes back instead.
 */
async function insertPending(sql: Sql, row: PendingRow): Promise<{ inserted: boolean; id: string }> {
  const { rows } = await sql.query<{ id: string }>(
    prepared(
      `INSERT INTO "Transaction" (id, kind, status, amount, currency, "idempotencyKey", reference, "gatewayAccountId", "customerId", "paymentMethodId",
       "userId", "orderId", description, billing, "cardBrand", "cardLast4", "cardFingerprint", message, extra, level23, "createdAt", "updatedAt")
     VALUES ($1, $2, 'pending', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14, $15, $18, 'Sent to the gateway…', $16::jsonb, $19::jsonb, $17::timestamp, $17::timestamp)
     ON CONFLICT ("idempotencyKey") DO NOTHING
     RETURNING id`,
      [
        newId(), row.kind, row.amount, row.currency, row.idempotencyKey, row.reference, row.gatewayAccountId, row.customerId, row.paymentMethodId,
        row.userId, row.orderId, row.description, json(row.billing), row.cardBrand, row.cardLast4, json(row.extra), utcTimestamp(), row.cardFingerprint, json(row.level23),
      ],
    ),
  );
  if (rows[0]) return { inserted: true, id: rows[0].id };
  const first = await sql.query<{ id: string }>(`SELECT id FROM "Transaction" WHERE "idempotencyKey" = $1`, [row.idempotencyKey]);
  if (!first.rows[0]) throw new Error("the idempotency key conflicted but no transaction holds it");
  return { inserted: false, id: first.rows[0].id };
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

/** Level 2/3 data goes only to a gateway that takes it, and only with a sale (Rover Pay's token authorization does not). */
function checkLevel23(client: GatewayClient, intent: "sale" | "auth"): void {
  if (!client.capabilities.level23) throw new ValidationError("This account's gateway does not take tax, PO or line-item data", "level23");
  if (intent === "auth") throw new ValidationError("Tax, PO and line items go with a sale: run a sale, or remove them", "level23");
}

export function toCardInput(card: NewCard): CardInput {
  const exp = parseExpiry(card.expiry)!;
  return { number: card.number, expMonth: exp.month, expYear: exp.year, cvv: card.cvv, holderName: card.holderName };
}

/** Says the sale was never attempted, and blames the card only when the card is the problem. */
const TOKENIZE_FAILURE_PREFIX: Record<Fault, string> = {
  card: "The card could not be saved, so it was not charged",
  request: "The card could not be saved, so it was not charged",
  merchant: "The gateway refused this account's request to save the card, so nothing was charged",
  gateway: "The gateway failed while saving the card, so nothing was charged",
};

/** A failed tokenization means the sale was never attempted; say so in the message. */
function tokenizeFailure(result: GatewayResult): GatewayResult {
  if (result.status === "approved") {
    return { ...result, status: "error", errorKind: "rejected", fault: "gateway", message: `${TOKENIZE_FAILURE_PREFIX.gateway}: it returned no token` };
  }
  const fault = faultOf(result) ?? "gateway";
  // An unknown tokenization moved no money (it is a verification), so it is an error, not an unknown charge.
  return {
    ...result,
    status: result.status === "declined" ? "declined" : "error",
    errorKind: result.errorKind === "unknown_outcome" ? "rejected" : result.errorKind,
    fault,
    message: `${TOKENIZE_FAILURE_PREFIX[fault]}: ${result.message}`,
  };
}

/** A client that throws has a bug; whether it reached the gateway is unknown, so say exactly that. */
export async function callSafely(call: () => Promise<GatewayResult>): Promise<GatewayResult> {
  try {
    return await call();
  } catch {
    return { status: "error", errorKind: "unknown_outcome", message: "The gateway call failed unexpectedly", raw: { request: null, response: null }, durationMs: 0 };
  }
}

/** Saves a tokenized card to the customer's vault and links it to the transaction that tokenized it; returns its id. */
async function saveCardToVault(
  ctx: PaymentContext,
  input: { transactionId: string; customerId: string; gatewayAccountId: string; token: string; card: PendingCardSave },
  sql: Sql,
): Promise<string> {
  const id = await insertPaymentMethod(ctx, sql, input);
  await sql.query(`UPDATE "Transaction" SET "paymentMethodId" = $2, "updatedAt" = $3::timestamp WHERE id = $1`, [input.transactionId, id, utcTimestamp()]);
  return id;
}

/** The transaction a result lands on, as its caller already has it (these columns never change after the insert). */
export interface FinishTarget {
  id: string;
  kind: string;
  amount: number;
  currency: string;
  orderId: string | null;
  customerId: string | null;
  gatewayAccountId: string;
  paymentMethodId: string | null;
  gatewayTransactionId: string | null;
  extra: unknown;
  /** The billing snapshot: a new customer is written from it once the payment is approved. */
  billing?: unknown;
}

/** The billing details to write a customer from, when the row waits for its new customer. */
function pendingNewCustomer(row: FinishTarget): Billing | null {
  return !row.customerId && (row.extra as SaleExtra | null)?.newCustomer && row.billing ? (row.billing as Billing) : null;
}

const JSON_COLUMNS = new Set(["rawRequest", "rawResponse"]);

/**
 * Writes the result onto a still-open row (never over a final one) and records the money movement
 * in the same statement; an approval also writes the new customer the row waits for, in the same
 * statement. When the payment itself tokenized a card to keep, also keeps it, in the same database
 * transaction. Returns false when the row was already final (a replayed callback, a second
 * reconciler), in which case nothing changes. `note` is merged into the row's `extra`.
 */
export async function finish(ctx: PaymentContext, row: FinishTarget, result: GatewayResult, note?: SaleExtra): Promise<boolean> {
  const outcome = outcomeData(result);
  const { gatewayDurationMs, ...columns } = outcome;
  const params: unknown[] = [row.id, OPEN_STATUSES];
  let set = assignments(columns, params, JSON_COLUMNS);
  params.push(utcTimestamp());
  set += `, "updatedAt" = $${params.length}::timestamp`;
  if (outcome.status === "unknown") set += `, "unknownAt" = COALESCE("unknownAt", $${params.length}::timestamp)`;
  params.push(gatewayDurationMs);
  set += `, "gatewayDurationMs" = COALESCE("gatewayDurationMs", $${params.length}::int)`;
  if (result.extra || note) {
    params.push(json({ ...note, ...(result.extra ? { gateway: result.extra } : {}) }));
    set += `, extra = COALESCE(extra, '{}'::jsonb) || $${params.length}::jsonb`;
  }
  const newCustomer = outcome.status === "approved" ? pendingNewCustomer(row) : null;
  const customerId = newCustomer ? newId() : row.customerId;
  if (newCustomer) {
    params.push(customerId);
    set += `, "customerId" = $${params.length}`;
  }
  const createCustomer = newCustomer ? `, customer AS (${customerInsertFrom("updated", customerId!, newCustomer, params)})` : "";
  const audit = auditInsert(
    {
      actor: ctx.actor,
      action: `payment.${row.kind}`,
      targetType: "Transaction",
      targetId: row.id,
      details: {
        amount: row.amount,
        currency: row.currency,
        status: outcome.status,
        message: outcome.message,
        gatewayTransactionId: outcome.gatewayTransactionId ?? row.gatewayTransactionId,
        orderId: row.orderId,
      },
      ip: ctx.ip,
    },
    params,
  );
  const statement = `WITH updated AS (
      UPDATE "Transaction" SET ${set} WHERE id = $1 AND status = ANY($2::"TransactionStatus"[]) RETURNING id, "userId")${createCustomer}
    INSERT INTO "AuditEvent" (${audit.columns}) SELECT ${audit.values} FROM updated`;

  const pendingCard = (row.extra as SaleExtra | null)?.saveCard;
  const keepCard = outcome.status === "approved" && pendingCard && !row.paymentMethodId && customerId && result.token;
  const query = prepared(statement, params);
  const moved = !keepCard
    ? ((await ctx.db.sql.query(query)).rowCount ?? 0) > 0
    : // For gateways whose token comes from the payment itself: nobody sees the payment approved before its card is kept.
      await inTransaction(ctx.db.sql, async (sql) => {
        if (!(await sql.query(query)).rowCount) return false;
        await saveCardToVault(ctx, { transactionId: row.id, customerId: customerId!, gatewayAccountId: row.gatewayAccountId, token: result.token!, card: pendingCard }, sql);
        return true;
      });
  // Only a result that landed: a replayed callback must not flag an account a later test cleared.
  if (moved) await noteGatewayResult(ctx.db, row.gatewayAccountId, result);
  return moved;
}

export type { GatewayClient };
