// Customers and their card vault: search (terminal picker and list), create/update, and removing a
// saved card (soft delete: transactions keep pointing at it). Only the token (sealed, see
// vault-tokens.ts), brand, last 4 and expiry of a card are ever stored — see
// lib/services/payments/sale.ts for how cards are saved.
import type { Db, Prisma } from "../db";
import { digitsOnly, notExpired } from "../card";
import type { GatewayKind } from "../gateways/types";
import type { Billing } from "../validation/payment";
import type { CustomerData } from "../validation/customer";
import { recordAudit, type Actor } from "./audit";
import { NotFoundError } from "./errors";
import { displayStatus, type DisplayStatus, type TransactionView } from "./transactions/detail";

export interface SavedCardView {
  id: string;
  label: string | null;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  expired: boolean;
  holderName: string;
  gatewayAccount: { id: string; label: string; kind: GatewayKind; mode: "test" | "live" };
  createdAt: string;
  createdBy: string | null;
}

export interface CustomerView {
  id: string;
  name: string;
  company: string | null;
  /** The stored details in the shape of the terminal's billing fields. */
  billing: Billing;
  cards: SavedCardView[];
  createdAt: string;
}

export interface CustomerTransactionRow {
  id: string;
  kind: TransactionView["kind"];
  status: TransactionView["status"];
  displayStatus: DisplayStatus;
  amount: number;
  currency: string;
  cardBrand: string | null;
  cardLast4: string | null;
  orderId: string | null;
  createdAt: string;
}

const cardInclude = {
  where: { removedAt: null },
  orderBy: { createdAt: "desc" },
  // Views never need the gateway token: it is not even read for them.
  omit: { token: true },
  include: { gatewayAccount: { select: { id: true, label: true, kind: true, mode: true } }, createdBy: { select: { name: true } } },
} satisfies Prisma.Customer$paymentMethodsArgs;

type CustomerRow = Prisma.CustomerGetPayload<{ include: { paymentMethods: typeof cardInclude } }>;

function toCardView(pm: CustomerRow["paymentMethods"][number], now: Date): SavedCardView {
  return {
    id: pm.id,
    label: pm.label,
    brand: pm.brand,
    last4: pm.last4,
    expMonth: pm.expMonth,
    expYear: pm.expYear,
    expired: !notExpired(pm.expMonth, pm.expYear, now),
    holderName: pm.holderName,
    gatewayAccount: pm.gatewayAccount,
    createdAt: pm.createdAt.toISOString(),
    createdBy: pm.createdBy?.name ?? null,
  };
}

type CustomerRecord = Pick<CustomerRow, "firstName" | "lastName" | "address1" | "address2" | "city" | "state" | "postalCode" | "country" | "email" | "phone">;

/** A stored customer's details in the shape of the terminal's billing fields (a saved card's sale sends them). */
export function customerBilling(c: CustomerRecord): Billing {
  return {
    firstName: c.firstName,
    lastName: c.lastName,
    address1: c.address1,
    address2: c.address2 ?? "",
    city: c.city,
    state: c.state ?? "",
    postalCode: c.postalCode,
    country: c.country,
    email: c.email ?? "",
    phone: c.phone ?? "",
  };
}

function toCustomerView(c: CustomerRow, now = new Date()): CustomerView {
  return {
    id: c.id,
    name: `${c.firstName} ${c.lastName}`,
    company: c.company,
    billing: customerBilling(c),
    cards: c.paymentMethods.map((pm) => toCardView(pm, now)),
    createdAt: c.createdAt.toISOString(),
  };
}

/** Matches name (first, last or "first last"), company, email, phone (punctuation ignored), or the last 4 of a saved card. */
async function searchWhere(db: Db, q: string): Promise<Prisma.CustomerWhereInput> {
  const term = q.trim();
  if (!term) return {};
  const words = term.split(/\s+/);
  const or: Prisma.CustomerWhereInput[] = [
    { AND: words.map((w) => ({ OR: [{ firstName: { contains: w, mode: "insensitive" } }, { lastName: { contains: w, mode: "insensitive" } }] })) },
    { company: { contains: term, mode: "insensitive" } },
    { email: { contains: term, mode: "insensitive" } },
  ];
  const digits = digitsOnly(term);
  if (digits.length >= 3 && /^[+()\d\s.-]+$/.test(term)) {
    // Phones are stored as typed ("+1 555 010 0001"); compare digits only.
    const ids = await db.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Customer" WHERE regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g') LIKE ${`%${digits}%`} LIMIT 200`;
    if (ids.length) or.push({ id: { in: ids.map((r) => r.id) } });
  }
  if (/^\d{4}$/.test(term)) or.push({ paymentMethods: { some: { last4: term, removedAt: null } } });
  return { OR: or };
}

/** For the terminal's type-ahead: a few best matches, each with its billing details and saved cards. */
export async function searchCustomers(db: Db, q: string, limit = 8): Promise<CustomerView[]> {
  if (!q.trim()) return [];
  const rows = await db.customer.findMany({
    where: await searchWhere(db, q),
    include: { paymentMethods: cardInclude },
    orderBy: [{ lastName: "asc" }, { firstName: "asc" }, { id: "asc" }],
    take: limit,
  });
  return rows.map((r) => toCustomerView(r));
}

/** Who a new customer typed into the terminal would be. */
export interface CustomerIdentity {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
}

/**
 * Customers who are probably the one being typed in as new: the same first and last name, and the
 * same email or the same phone number (digits compared). A name alone is too common to warn about.
 */
export async function likelyDuplicates(db: Db, who: CustomerIdentity, limit = 3): Promise<CustomerView[]> {
  const [firstName, lastName, email] = [who.firstName.trim(), who.lastName.trim(), who.email.trim()];
  const phone = digitsOnly(who.phone);
  if (!firstName || !lastName || (!email && phone.length < 5)) return [];
  const or: Prisma.CustomerWhereInput[] = [];
  if (email) or.push({ email: { equals: email, mode: "insensitive" } });
  if (phone.length >= 5) {
    const ids = await db.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Customer" WHERE lower("lastName") = lower(${lastName}) AND regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g') = ${phone} LIMIT 20`;
    if (ids.length) or.push({ id: { in: ids.map((r) => r.id) } });
  }
  if (or.length === 0) return [];
  const rows = await db.customer.findMany({
    where: { firstName: { equals: firstName, mode: "insensitive" }, lastName: { equals: lastName, mode: "insensitive" }, OR: or },
    include: { paymentMethods: cardInclude },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: limit,
  });
  return rows.map((r) => toCustomerView(r));
}

export interface CustomerListRow {
  id: string;
  name: string;
  company: string | null;
  email: string | null;
  phone: string | null;
  city: string;
  country: string;
  cardCount: number;
}

export const CUSTOMER_PAGE_SIZE = 50;

export async function listCustomers(db: Db, opts: { q?: string; page?: number } = {}): Promise<{ rows: CustomerListRow[]; total: number; page: number; pageSize: number }> {
  const where = await searchWhere(db, opts.q ?? "");
  const page = Math.max(1, Math.floor(opts.page ?? 1));
  const [total, rows] = await Promise.all([
    db.customer.count({ where }),
    db.customer.findMany({
      where,
      orderBy: [{ lastName: "asc" }, { firstName: "asc" }, { id: "asc" }],
      skip: (page - 1) * CUSTOMER_PAGE_SIZE,
      take: CUSTOMER_PAGE_SIZE,
      include: { _count: { select: { paymentMethods: { where: { removedAt: null } } } } },
    }),
  ]);
  return {
    total,
    page,
    pageSize: CUSTOMER_PAGE_SIZE,
    rows: rows.map((c) => ({
      id: c.id,
      name: `${c.firstName} ${c.lastName}`,
      company: c.company,
      email: c.email,
      phone: c.phone,
      city: c.city,
      country: c.country,
      cardCount: c._count.paymentMethods,
    })),
  };
}

export async function getCustomer(db: Db, id: string): Promise<CustomerView> {
  const row = await db.customer.findUnique({ where: { id }, include: { paymentMethods: cardInclude } });
  if (!row) throw new NotFoundError("That customer");
  return toCustomerView(row);
}

/** The customer's latest transactions (newest first), for their page. */
export async function customerTransactions(db: Db, customerId: string, limit = 50): Promise<CustomerTransactionRow[]> {
  const rows = await db.transaction.findMany({
    where: { customerId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      kind: true,
      status: true,
      amount: true,
      currency: true,
      cardBrand: true,
      cardLast4: true,
      orderId: true,
      createdAt: true,
      voidedAt: true,
      refundedAmount: true,
    },
  });
  return rows.map(({ voidedAt, refundedAmount, ...r }) => ({
    ...r,
    displayStatus: displayStatus({ ...r, voidedAt, refundedAmount }),
    createdAt: r.createdAt.toISOString(),
  }));
}

/** The columns of a customer from the form's (or the terminal's billing) fields; empty optionals become null. */
export function customerData(input: Omit<CustomerData, "company"> & { company?: string }) {
  return {
    firstName: input.firstName,
    lastName: input.lastName,
    company: input.company || null,
    email: input.email || null,
    phone: input.phone || null,
    address1: input.address1,
    address2: input.address2 || null,
    city: input.city,
    state: input.state || null,
    postalCode: input.postalCode,
    country: input.country,
  };
}

export async function createCustomer(db: Db, actor: Actor, input: CustomerData, ip?: string | null): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    const c = await tx.customer.create({ data: { ...customerData(input), createdById: actor.id } });
    await recordAudit(tx, { actor, action: "customer.created", targetType: "Customer", targetId: c.id, details: { name: `${c.firstName} ${c.lastName}` }, ip });
    return { id: c.id };
  });
}

export async function updateCustomer(db: Db, actor: Actor, id: string, input: CustomerData, ip?: string | null): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    const before = await tx.customer.findUnique({ where: { id } });
    if (!before) throw new NotFoundError("That customer");
    const next = customerData(input);
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => (before[k] ?? null) !== next[k]);
    if (changed.length === 0) return { id };
    await tx.customer.update({ where: { id }, data: next });
    await recordAudit(tx, { actor, action: "customer.updated", targetType: "Customer", targetId: id, details: { fields: changed }, ip });
    return { id };
  });
}

/** Soft-deletes a saved card: it can no longer be charged, and history still shows what was used. */
export async function removeCard(db: Db, actor: Actor, customerId: string, paymentMethodId: string, ip?: string | null): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.paymentMethod.updateMany({ where: { id: paymentMethodId, customerId, removedAt: null }, data: { removedAt: new Date() } });
    if (count === 0) throw new NotFoundError("That saved card");
    const pm = await tx.paymentMethod.findUniqueOrThrow({ where: { id: paymentMethodId }, select: { brand: true, last4: true, gatewayAccountId: true } });
    await recordAudit(tx, { actor, action: "card.removed", targetType: "PaymentMethod", targetId: paymentMethodId, details: { customerId, ...pm }, ip });
  });
}
