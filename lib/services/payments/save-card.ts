// "Save card only": a keyed card put in a customer's vault without a payment, where the gateway can
// tokenize without one (GatewayCapabilities.saveCardOnly). No money moves; the PAN and CVV go to the
// gateway's tokenize call and nowhere else. The submit's idempotency key is kept on the saved card,
// so a repeated submit answers with the card saved the first time instead of saving it twice. A new
// customer is written only once the card is saved.
import { randomUUID } from "node:crypto";
import { detectBrand, last4 } from "../../card";
import { faultOf } from "../../gateways/results";
import type { Fault } from "../../gateways/types";
import { inTransaction } from "../../sql";
import type { SaveCardInput } from "../../validation/payment";
import { noteGatewayResult } from "../account-health";
import { recordAudit } from "../audit";
import { NotFoundError, ValidationError } from "../errors";
import type { PaymentAccount } from "../gateway-accounts";
import { gatewayFor, type PaymentContext } from "./context";
import { callSafely, toBillingDetails, toCardInput } from "./sale";
import { actorId, insertCustomer, insertPaymentMethod, type PendingCardSave } from "./vault";

export interface SavedCard {
  status: "saved";
  paymentMethodId: string;
  customerId: string;
  customerName: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  /** True when this submit repeated an earlier one: the card saved then is returned. */
  replayed: boolean;
}

export interface CardNotSaved {
  status: "failed";
  /** The gateway's words (never card data), for the clerk. */
  message: string;
  fault: Fault;
}

export type SaveCardOutcome = SavedCard | CardNotSaved;

const ACCOUNT_COLUMNS = { id: true, label: true, kind: true, mode: true, baseUrl: true, currency: true, maxAmount: true, confirmAbove: true, timeoutMs: true, settings: true, secrets: true } as const;

/** The active account a card is to be saved at, or null. */
export async function findPaymentAccount(db: PaymentContext["db"], id: string): Promise<PaymentAccount | null> {
  if (!id) return null;
  return db.gatewayAccount.findFirst({ where: { id, active: true }, select: ACCOUNT_COLUMNS });
}

async function savedWithKey(db: PaymentContext["db"], idempotencyKey: string): Promise<SavedCard | null> {
  const pm = await db.paymentMethod.findUnique({ where: { idempotencyKey }, include: { customer: { select: { firstName: true, lastName: true } } } });
  if (!pm) return null;
  return {
    status: "saved",
    paymentMethodId: pm.id,
    customerId: pm.customerId,
    customerName: `${pm.customer.firstName} ${pm.customer.lastName}`,
    brand: pm.brand,
    last4: pm.last4,
    expMonth: pm.expMonth,
    expYear: pm.expYear,
    replayed: true,
  };
}

const isKeyTaken = (err: unknown) => typeof err === "object" && err !== null && (err as { code?: unknown }).code === "23505";

export async function saveCardOnly(ctx: PaymentContext, input: SaveCardInput, account: PaymentAccount): Promise<SaveCardOutcome> {
  const earlier = await savedWithKey(ctx.db, input.idempotencyKey);
  if (earlier) return earlier;
  const client = gatewayFor(ctx, account);
  if (!client.capabilities.saveCardOnly) throw new ValidationError(`${account.label} saves a card only with a payment: run a sale with "Save card" instead`, "gatewayAccountId");
  const customer = input.customerId ? await ctx.db.customer.findUnique({ where: { id: input.customerId }, select: { firstName: true, lastName: true } }) : null;
  if (input.customerId && !customer) throw new NotFoundError("That customer");

  const card = toCardInput(input.card);
  const keep: PendingCardSave = { brand: detectBrand(card.number), last4: last4(card.number), expMonth: card.expMonth, expYear: card.expYear, holderName: card.holderName };
  const reference = randomUUID().replace(/-/g, "").slice(0, 20);
  const result = await callSafely(() =>
    client.tokenize({ card, billing: toBillingDetails(input.billing), currency: account.currency, orderId: `card-${reference.slice(0, 12)}`, reference }),
  );
  await noteGatewayResult(ctx.db, account.id, result);
  if (result.status !== "approved" || !result.token) {
    const fault = result.status === "approved" ? "gateway" : (faultOf(result) ?? "gateway");
    const message = result.status === "approved" ? "The gateway returned no token" : result.message;
    await recordAudit(ctx.db, {
      actor: ctx.actor,
      action: "card.save_failed",
      targetType: "GatewayAccount",
      targetId: account.id,
      details: { customerId: input.customerId || null, brand: keep.brand, last4: keep.last4, fault, message },
      ip: ctx.ip,
    });
    return { status: "failed", message, fault };
  }

  const token = result.token;
  try {
    return await inTransaction(ctx.db.sql, async (sql) => {
      const customerId = input.customerId || (await insertCustomer(sql, input.billing, actorId(ctx)));
      const paymentMethodId = await insertPaymentMethod(ctx, sql, { customerId, gatewayAccountId: account.id, token, card: keep, idempotencyKey: input.idempotencyKey });
      const name = customer ?? input.billing;
      const { brand, last4, expMonth, expYear } = keep;
      return { status: "saved", paymentMethodId, customerId, customerName: `${name.firstName} ${name.lastName}`, brand, last4, expMonth, expYear, replayed: false };
    });
  } catch (err) {
    // A concurrent submit with the same key saved it first: that one is the answer.
    const first = isKeyTaken(err) ? await savedWithKey(ctx.db, input.idempotencyKey) : null;
    if (first) return first;
    throw err;
  }
}
