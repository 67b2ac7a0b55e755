// What payments write to the customer vault: the customer a payment or a saved card brings in, and
// the saved card itself (token, brand, last 4, expiry; never the PAN or CVV). A new customer is
// written only once a payment is approved or a card is saved, so a failed attempt leaves no
// half-made customer behind for the next attempt to duplicate.
import { newId } from "../../ids";
import { utcTimestamp, type Sql } from "../../sql";
import type { Billing } from "../../validation/payment";
import { recordAuditSql } from "../audit";
import { customerData } from "../customers";
import { sealToken } from "../vault-tokens";
import { SYSTEM_ACTOR, type PaymentContext } from "./context";

/** Card details that may be kept for a card saved once a pending payment completes. */
export interface PendingCardSave {
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  holderName: string;
}

const CUSTOMER_COLUMNS = `id, "firstName", "lastName", company, email, phone, address1, address2, city, state, "postalCode", country, "createdById", "createdAt", "updatedAt"`;

function customerValues(id: string, billing: Billing): unknown[] {
  const c = customerData(billing);
  return [id, c.firstName, c.lastName, c.company, c.email, c.phone, c.address1, c.address2, c.city, c.state, c.postalCode, c.country];
}

/**
 * The INSERT of a new customer from billing details, for a statement that writes it only when
 * `source` (a CTE with a "userId" column) has a row; pushes its values onto `params`.
 */
export function customerInsertFrom(source: string, id: string, billing: Billing, params: unknown[]): string {
  const first = params.length + 1;
  const values = customerValues(id, billing);
  params.push(...values, utcTimestamp());
  const placeholders = values.map((_, i) => `$${first + i}`).join(", ");
  const at = `$${first + values.length}::timestamp`;
  return `INSERT INTO "Customer" (${CUSTOMER_COLUMNS}) SELECT ${placeholders}, ${source}."userId", ${at}, ${at} FROM ${source}`;
}

/** Writes a new customer from billing details; returns its id. */
export async function insertCustomer(sql: Sql, billing: Billing, createdById: string | null): Promise<string> {
  const id = newId();
  const values = customerValues(id, billing);
  const at = utcTimestamp();
  const placeholders = values.map((_, i) => `$${i + 1}`).join(", ");
  await sql.query(`INSERT INTO "Customer" (${CUSTOMER_COLUMNS}) VALUES (${placeholders}, $${values.length + 1}, $${values.length + 2}::timestamp, $${values.length + 2}::timestamp)`, [
    ...values,
    createdById,
    at,
  ]);
  return id;
}

export const actorId = (ctx: PaymentContext) => (ctx.actor.id === SYSTEM_ACTOR.id ? null : ctx.actor.id);

/**
 * Saves a tokenized card to the customer's vault (audited); returns its id. `idempotencyKey`: the
 * "Save card only" submit's (unique: a second insert with it fails).
 */
export async function insertPaymentMethod(
  ctx: PaymentContext,
  sql: Sql,
  input: { customerId: string; gatewayAccountId: string; token: string; card: PendingCardSave; idempotencyKey?: string },
): Promise<string> {
  const id = newId();
  const { card } = input;
  await sql.query(
    `INSERT INTO "PaymentMethod" (id, "customerId", "gatewayAccountId", token, brand, last4, "expMonth", "expYear", "holderName", "createdById", "createdAt", "idempotencyKey")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::timestamp, $12)`,
    [id, input.customerId, input.gatewayAccountId, sealToken(input.token), card.brand, card.last4, card.expMonth, card.expYear, card.holderName, actorId(ctx), utcTimestamp(), input.idempotencyKey ?? null],
  );
  await recordAuditSql(sql, {
    actor: ctx.actor,
    action: "card.saved",
    targetType: "PaymentMethod",
    targetId: id,
    details: { customerId: input.customerId, brand: card.brand, last4: card.last4 },
    ip: ctx.ip,
  });
  return id;
}
