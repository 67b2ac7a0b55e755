// A sale (or authorization) from the terminal: customer, card vault, gateway call, result.
// The idempotency key is claimed by inserting the transaction row first (unique constraint), so a
// double click, a browser retry or a replayed request finds that row and never charges twice.
// No database transaction is held while the gateway is called.
import { randomUUID } from "node:crypto";
import { detectBrand, last4, parseExpiry, notExpired } from "../../card";
import type { BillingDetails, CardInput, GatewayClient, GatewayResult, PaymentSource } from "../../gateways/types";
import { parseMajor } from "../../money";
import type { Billing, NewCard, SaleFormOutput } from "../../validation/payment";
import { newId } from "../../ids";
import { assignments, inTransaction, json, prepared, utcTimestamp, type Sql } from "../../sql";
import { auditInsert, recordAudit, recordAuditSql } from "../audit";
import { customerData } from "../customers";
import { NotFoundError, ValidationError } from "../errors";
import type { PaymentAccount } from "../gateway-accounts";
import { gatewayFor, SYSTEM_ACTOR, type PaymentContext } from "./context";
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

/**
 * Runs a sale. `preloaded` is the context the caller already read for the same input (the terminal
 * action needs the account to validate the amount); without it the context is read here.
 */
export async function runSale(ctx: PaymentContext, input: SaleFormOutput, preloaded?: SaleContext): Promise<SaleOutcome> {
  const { db, actor } = ctx;
  const ids = saleContextIds(input);
  const known = preloaded && sameIds(preloaded.ids, ids) ? preloaded : await loadSaleContext(db, ids);
  if (known.earlierId) return { transactionId: known.earlierId, replayed: true };

  if (input.retryOf) await guardRerun(ctx, input.retryOf, input.acceptDoubleChargeRisk);

  const account = known.account;
  if (!account) throw new ValidationError("Choose an active gateway account", "gatewayAccountId");
  const client = gatewayFor(ctx, account);
  if (input.intent === "auth" && !client.capabilities.authorize) {
    throw new ValidationError(`${account.label} cannot authorize without capturing; run a sale instead`, "intent");
  }
  const amount = parseMajor(input.amount, account.currency);
  if (!amount.ok || amount.minor <= 0 || amount.minor > account.maxAmount) throw new ValidationError("The amount is not valid for this account", "amount");

  // Resolve the card before anything is written, so a bad choice costs nothing.
  let savedMethod: SavedMethod | null = null;
  if (input.payment.type === "saved") {
    const pm = known.savedMethod;
    // A saved card is charged only for the customer it belongs to, named by the request: with no
    // customer given, a card id alone must not charge someone else's card under a new customer.
    if (!pm || !input.customerId || pm.customerId !== input.customerId) throw new ValidationError("Choose one of this customer's saved cards", "payment.paymentMethodId");
    if (pm.gatewayAccountId !== account.id) throw new ValidationError("That card is saved at another gateway account; choose that account or key the card", "payment.paymentMethodId");
    if (!notExpired(pm.expMonth, pm.expYear)) throw new ValidationError("That saved card has expired; key a new card", "payment.paymentMethodId");
    savedMethod = pm;
  }

  const customerId = input.customerId
    ? known.customerId
    : (await db.customer.create({ data: { ...customerData(input.billing), createdById: actor.id } })).id;
  if (!customerId) throw new NotFoundError("That customer");

  const card = input.payment.type === "new" ? toCardInput(input.payment.card) : null;
  const saveCard = input.payment.type === "new" && input.payment.card.save;
  const cardSave: PendingCardSave | null = card
    ? { brand: detectBrand(card.number), last4: last4(card.number), expMonth: card.expMonth, expYear: card.expYear, holderName: card.holderName }
    : null;

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
    cardBrand: savedMethod?.brand ?? cardSave?.brand ?? null,
    cardLast4: savedMethod?.last4 ?? cardSave?.last4 ?? null,
    extra: saveCard && cardSave ? { saveCard: cardSave } : null,
  };
  const claimed = await insertPending(db.sql, pending);
  // Lost the race for the idempotency key to a concurrent submit: that one is the sale.
  if (!claimed.inserted) return { transactionId: claimed.id, replayed: true };
  const row: FinishTarget = { ...pending, id: claimed.id, gatewayTransactionId: null };

  const billing = toBillingDetails(input.billing);
  const orderId = input.orderId || pending.reference;
  let source: PaymentSource;
  if (savedMethod) source = { type: "token", token: savedMethod.token };
  else if (saveCard && client.capabilities.tokenization !== "tokenizing-payment") {
    const tokenized = await client.tokenize({ card: card!, billing, currency: account.currency, orderId, reference: `${pending.reference}t` });
    if (tokenized.status !== "approved" || !tokenized.token) {
      await finish(ctx, row, tokenizeFailure(tokenized));
      return { transactionId: row.id, replayed: false };
    }
    const token = tokenized.token;
    row.paymentMethodId = await inTransaction(db.sql, (sql) => saveCardToVault(ctx, { transactionId: row.id, customerId, gatewayAccountId: account.id, token, card: cardSave! }, sql));
    source = { type: "token", token };
  } else source = { type: "card", card: card! };

  const call = { source, amount: { amount: amount.minor, currency: account.currency }, billing, orderId, description: input.description || undefined, reference: pending.reference };
  const result = await callSafely(() => (input.intent === "auth" ? client.authorize(call) : client.sale(call)));
  await finish(ctx, row, result);
  return { transactionId: row.id, replayed: false };
}

// The sale's reads and writes are SQL on the app's pool: a sale is the hot path, where Prisma 6.19
// costs about 1.5 ms of CPU per query and every round trip costs a socket write (lib/db.ts,
// BENCHMARKS.md). Timestamps are written with utcTimestamp() (lib/sql.ts), as Prisma writes them.

interface SavedMethod {
  id: string;
  customerId: string;
  gatewayAccountId: string;
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
}

/** What a sale checks before it writes: the account, an earlier submit of the same key, the customer, the saved card. */
export interface SaleContext {
  ids: SaleContextIds;
  account: PaymentAccount | null;
  earlierId: string | null;
  customerId: string | null;
  savedMethod: SavedMethod | null;
}

function saleContextIds(input: SaleFormOutput): SaleContextIds {
  return {
    gatewayAccountId: input.gatewayAccountId,
    idempotencyKey: input.idempotencyKey,
    customerId: input.customerId,
    paymentMethodId: input.payment.type === "saved" ? input.payment.paymentMethodId : "",
  };
}

const sameIds = (a: SaleContextIds, b: SaleContextIds) =>
  a.gatewayAccountId === b.gatewayAccountId && a.idempotencyKey === b.idempotencyKey && a.customerId === b.customerId && a.paymentMethodId === b.paymentMethodId;

/** Everything a sale checks before it writes, in one round trip. */
export async function loadSaleContext(db: Pick<PaymentContext["db"], "sql">, ids: SaleContextIds): Promise<SaleContext> {
  const { rows } = await db.sql.query<Omit<SaleContext, "ids">>(
    prepared(
      `SELECT (SELECT row_to_json(a) FROM (
               SELECT id, label, kind, mode, "baseUrl", currency, "maxAmount", "timeoutMs", settings, secrets
                 FROM "GatewayAccount" WHERE id = $1 AND active) a) AS account,
            (SELECT id FROM "Transaction" WHERE "idempotencyKey" = $2) AS "earlierId",
            (SELECT id FROM "Customer" WHERE id = $3) AS "customerId",
            (SELECT row_to_json(pm) FROM (
               SELECT id, "customerId", "gatewayAccountId", token, brand, last4, "expMonth", "expYear"
                 FROM "PaymentMethod" WHERE id = $4 AND "removedAt" IS NULL) pm) AS "savedMethod"`,
      [ids.gatewayAccountId, ids.idempotencyKey, ids.customerId || null, ids.paymentMethodId || null],
    ),
  );
  return { ids, ...rows[0]! };
}

interface PendingRow {
  kind: "sale" | "auth";
  amount: number;
  currency: string;
  idempotencyKey: string;
  reference: string;
  gatewayAccountId: string;
  customerId: string;
  paymentMethodId: string | null;
  userId: string;
  orderId: string | null;
  description: string | null;
  billing: Billing;
  cardBrand: string | null;
  cardLast4: string | null;
  extra: { saveCard: PendingCardSave } | null;
}

/**
 * Claims the idempotency key by inserting the pending row. When another submit holds the key, nothing
 * is inserted and that row's id comes back instead.
 */
async function insertPending(sql: Sql, row: PendingRow): Promise<{ inserted: boolean; id: string }> {
  const { rows } = await sql.query<{ id: string }>(
    prepared(
      `INSERT INTO "Transaction" (id, kind, status, amount, currency, "idempotencyKey", reference, "gatewayAccountId", "customerId", "paymentMethodId",
       "userId", "orderId", description, billing, "cardBrand", "cardLast4", message, extra, "createdAt", "updatedAt")
     VALUES ($1, $2, 'pending', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14, $15, 'Sent to the gateway…', $16::jsonb, $17::timestamp, $17::timestamp)
     ON CONFLICT ("idempotencyKey") DO NOTHING
     RETURNING id`,
      [
        newId(), row.kind, row.amount, row.currency, row.idempotencyKey, row.reference, row.gatewayAccountId, row.customerId, row.paymentMethodId,
        row.userId, row.orderId, row.description, json(row.billing), row.cardBrand, row.cardLast4, json(row.extra), utcTimestamp(),
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

/** Saves a tokenized card to the customer's vault and links it to the transaction that tokenized it; returns its id. */
async function saveCardToVault(
  ctx: PaymentContext,
  input: { transactionId: string; customerId: string; gatewayAccountId: string; token: string; card: PendingCardSave },
  sql: Sql,
): Promise<string> {
  const id = newId();
  const { card } = input;
  await sql.query(
    `INSERT INTO "PaymentMethod" (id, "customerId", "gatewayAccountId", token, brand, last4, "expMonth", "expYear", "holderName", "createdById", "createdAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::timestamp)`,
    [id, input.customerId, input.gatewayAccountId, input.token, card.brand, card.last4, card.expMonth, card.expYear, card.holderName, ctx.actor.id === SYSTEM_ACTOR.id ? null : ctx.actor.id, utcTimestamp()],
  );
  await recordAuditSql(sql, {
    actor: ctx.actor,
    action: "card.saved",
    targetType: "PaymentMethod",
    targetId: id,
    details: { customerId: input.customerId, brand: card.brand, last4: card.last4 },
    ip: ctx.ip,
  });
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
}

const JSON_COLUMNS = new Set(["rawRequest", "rawResponse"]);

/**
 * Writes the result onto a still-open row (never over a final one) and records the money movement
 * in the same statement; when the payment itself tokenized a card to keep, also keeps it, in the
 * same database transaction. Returns false when the row was already final (a replayed callback, a
 * second reconciler), in which case nothing changes.
 */
export async function finish(ctx: PaymentContext, row: FinishTarget, result: GatewayResult): Promise<boolean> {
  const outcome = outcomeData(result);
  const params: unknown[] = [row.id, OPEN_STATUSES];
  let set = assignments({ ...outcome }, params, JSON_COLUMNS);
  params.push(utcTimestamp());
  set += `, "updatedAt" = $${params.length}::timestamp`;
  if (result.extra) {
    params.push(json({ gateway: result.extra }));
    set += `, extra = COALESCE(extra, '{}'::jsonb) || $${params.length}::jsonb`;
  }
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
      UPDATE "Transaction" SET ${set} WHERE id = $1 AND status = ANY($2::"TransactionStatus"[]) RETURNING id)
    INSERT INTO "AuditEvent" (${audit.columns}) SELECT ${audit.values} FROM updated`;

  const pendingCard = (row.extra as { saveCard?: PendingCardSave } | null)?.saveCard;
  const keepCard = outcome.status === "approved" && pendingCard && !row.paymentMethodId && row.customerId && result.token;
  const query = prepared(statement, params);
  if (!keepCard) return ((await ctx.db.sql.query(query)).rowCount ?? 0) > 0;

  // For gateways whose token comes from the payment itself: nobody sees the payment approved before its card is kept.
  return inTransaction(ctx.db.sql, async (sql) => {
    if (!(await sql.query(query)).rowCount) return false;
    await saveCardToVault(ctx, { transactionId: row.id, customerId: row.customerId!, gatewayAccountId: row.gatewayAccountId, token: result.token!, card: pendingCard }, sql);
    return true;
  });
}

export type { GatewayClient };
