// Turns the history filters into one SQL condition on "Transaction" t, shared by the list, the
// totals and the CSV export. Dates are days in the merchant's time zone.
import type { Db } from "../../db";
import { Prisma } from "../../generated/prisma/client";
import { parseMajor } from "../../money";
import { addDays, startOfDay } from "../../time";
import { FILTER_CURRENCY, presetDays, type HistoryFilters, type RiskFilter, type StatusFilter } from "../../validation/history";

/** The filters' dates as a half-open interval of instants [gte, lt). */
export function dateBounds(filters: Pick<HistoryFilters, "range" | "from" | "to">, tz: string, now = new Date()): { gte?: Date; lt?: Date } {
  const { from, to } = filters.range ? presetDays(filters.range, tz, now) : filters;
  return { gte: from ? startOfDay(from, tz) : undefined, lt: to ? startOfDay(addDays(to, 1), tz) : undefined };
}

// ---- SQL -----------------------------------------------------------------------------------------

const STATUS_SQL: Record<StatusFilter, Prisma.Sql> = {
  approved: Prisma.sql`t.status = 'approved' AND t."voidedAt" IS NULL AND t."refundedAmount" = 0`,
  declined: Prisma.sql`t.status = 'declined'`,
  pending: Prisma.sql`t.status = 'pending'`,
  error: Prisma.sql`t.status = 'error'`,
  unknown: Prisma.sql`t.status = 'unknown'`,
  voided: Prisma.sql`t.status = 'approved' AND t."voidedAt" IS NOT NULL`,
  refunded: Prisma.sql`t.status = 'approved' AND t."voidedAt" IS NULL AND t.kind IN ('sale', 'capture') AND t."refundedAmount" >= t.amount`,
  partially_refunded: Prisma.sql`t.status = 'approved' AND t."voidedAt" IS NULL AND t.kind IN ('sale', 'capture') AND t."refundedAmount" > 0 AND t."refundedAmount" < t.amount`,
  uncaptured: Prisma.sql`t.kind = 'auth' AND t.status = 'approved' AND t."capturedAmount" = 0 AND t."voidedAt" IS NULL`,
};

const RISK_SQL: Record<RiskFilter, Prisma.Sql> = {
  // Approved and still standing: the rules allowed or only warned (the result screen's amber banner).
  mismatch: Prisma.sql`t.kind IN ('sale', 'auth') AND t.status = 'approved' AND t."voidedAt" IS NULL AND t."riskAction" IS DISTINCT FROM 'void'
    AND (t."avsCategory" = 'no_match' OR t."cvvCategory" = 'no_match' OR t."riskAction" = 'warn')`,
  auto_voided: Prisma.sql`t."riskAction" = 'void'`,
};

/** Past this many matching customers, the search joins instead of listing their ids. */
const CUSTOMER_ID_LIST_MAX = 200;

const likePrefix = (s: string) => `${s.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Free text: customers whose first name, last name or email start with every word typed
 * (prefix LIKE on lower(...) served by text_pattern_ops indexes), or the exact order number.
 * A narrow search becomes `customerId = ANY(ids)` (index lookups, then a small sort); a broad one
 * (a single letter's worth of customers) a semi-join, so the newest-first index scan finds the
 * first page early instead of sorting thousands of rows.
 */
async function textSearch(db: Db, q: string): Promise<Prisma.Sql> {
  const words = q.trim().split(/\s+/).slice(0, 4);
  const customerWhere = Prisma.join(
    words.map((w) => {
      const p = likePrefix(w);
      return Prisma.sql`(lower(c."firstName") LIKE ${p} OR lower(c."lastName") LIKE ${p} OR lower(c.email) LIKE ${p})`;
    }),
    " AND ",
  );
  const order = Prisma.sql`t."orderId" = ${q.trim()}`;
  const ids = await db.$queryRaw<{ id: string }[]>`SELECT c.id FROM "Customer" c WHERE ${customerWhere} LIMIT ${CUSTOMER_ID_LIST_MAX + 1}`;
  if (ids.length === 0) return order;
  if (ids.length <= CUSTOMER_ID_LIST_MAX) return Prisma.sql`(t."customerId" = ANY(${ids.map((r) => r.id)}::text[]) OR ${order})`;
  return Prisma.sql`(t."customerId" IN (SELECT c.id FROM "Customer" c WHERE ${customerWhere}) OR ${order})`;
}

/** The WHERE condition (without the keyword) for the filters. */
export async function filterSql(db: Db, filters: HistoryFilters, tz: string, now = new Date()): Promise<Prisma.Sql> {
  const parts: Prisma.Sql[] = [];
  const { gte, lt } = dateBounds(filters, tz, now);
  if (gte) parts.push(Prisma.sql`t."createdAt" >= ${gte}`);
  if (lt) parts.push(Prisma.sql`t."createdAt" < ${lt}`);
  if (filters.status) parts.push(STATUS_SQL[filters.status]);
  if (filters.kind) parts.push(Prisma.sql`t.kind = ${filters.kind}::"TransactionKind"`);
  if (filters.risk) parts.push(RISK_SQL[filters.risk]);
  if (filters.account) parts.push(Prisma.sql`t."gatewayAccountId" = ${filters.account}`);
  if (filters.user) parts.push(Prisma.sql`t."userId" = ${filters.user}`);
  if (filters.customer) parts.push(Prisma.sql`t."customerId" = ${filters.customer}`);
  if (filters.last4) parts.push(Prisma.sql`t."cardLast4" = ${filters.last4}`);
  if (filters.order) parts.push(Prisma.sql`t."orderId" = ${filters.order}`);
  const min = filters.min ? parseMajor(filters.min, FILTER_CURRENCY) : null;
  const max = filters.max ? parseMajor(filters.max, FILTER_CURRENCY) : null;
  if (min?.ok) parts.push(Prisma.sql`t.amount >= ${min.minor}`);
  if (max?.ok) parts.push(Prisma.sql`t.amount <= ${max.minor}`);
  if (filters.q) parts.push(await textSearch(db, filters.q));
  return parts.length ? Prisma.join(parts, " AND ") : Prisma.sql`TRUE`;
}
