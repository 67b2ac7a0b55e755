// Velocity and amount limits as the admin page reads and saves them (issue 18). Limits are per
// currency: a role's or a user's limits in USD apply to its sales in USD only (amounts are minor
// units of that currency). A user's own value, where set, replaces the role's; an empty field sets
// no limit. The card attempt limit is merchant-wide. Every change is audited with what it was and
// what it became; it applies from the next sale (a sale reads the limits once, under its locks).
// Enforcement: lib/services/payments/limits.ts.
import { ROLES, type Role } from "../auth/roles";
import type { Db } from "../db";
import type { CardAttemptsValues, SpendingLimitValues } from "../validation/limits";
import { recordAudit, type Actor } from "./audit";
import { NotFoundError, ValidationError } from "./errors";

export const LIMIT_FIELDS = ["maxSale", "maxDaily", "maxRefundCount", "maxRefundDaily"] as const;
export type LimitField = (typeof LIMIT_FIELDS)[number];
export type LimitRow = Record<LimitField, number | null>;

export const NO_LIMITS: LimitRow = { maxSale: null, maxDaily: null, maxRefundCount: null, maxRefundDaily: null };

/** AppSetting key of the merchant-wide attempts per card per hour (a number; absent: no limit). */
export const CARD_ATTEMPTS_KEY = "limits.cardAttemptsPerHour";

export interface EffectiveLimits {
  values: LimitRow;
  /** Which values come from the user's own row rather than their role's. */
  fromUser: Record<LimitField, boolean>;
}

export function effectiveLimits(role: LimitRow | null, user: LimitRow | null): EffectiveLimits {
  const values = { ...NO_LIMITS };
  const fromUser = { maxSale: false, maxDaily: false, maxRefundCount: false, maxRefundDaily: false };
  for (const f of LIMIT_FIELDS) {
    if (user?.[f] != null) {
      values[f] = user[f];
      fromUser[f] = true;
    } else values[f] = role?.[f] ?? null;
  }
  return { values, fromUser };
}

export interface LimitCurrency {
  currency: string;
  /** The largest amount any active gateway account in this currency takes: the ceiling of a single-sale limit. */
  maxAmount: number;
}

export interface LimitSettings {
  currencies: LimitCurrency[];
  /** currency → role → its limits. */
  roles: Record<string, Record<Role, LimitRow>>;
  users: { id: string; email: string; name: string; role: Role; own: Record<string, LimitRow>; effective: Record<string, LimitRow> }[];
  cardAttemptsPerHour: number | null;
}

/** The currencies of active gateway accounts, with the largest amount each takes. */
export async function limitCurrencies(db: Db): Promise<LimitCurrency[]> {
  const accounts = await db.gatewayAccount.groupBy({ by: ["currency"], where: { active: true }, _max: { maxAmount: true }, orderBy: { currency: "asc" } });
  return accounts.map((a) => ({ currency: a.currency, maxAmount: a._max.maxAmount ?? 0 }));
}

const pick = (row: LimitRow): LimitRow => ({ maxSale: row.maxSale, maxDaily: row.maxDaily, maxRefundCount: row.maxRefundCount, maxRefundDaily: row.maxRefundDaily });

export async function getLimitSettings(db: Db): Promise<LimitSettings> {
  const [currencies, rows, users, attempts] = await Promise.all([
    limitCurrencies(db),
    db.spendingLimit.findMany(),
    db.user.findMany({ where: { active: true }, select: { id: true, email: true, name: true, role: true }, orderBy: { email: "asc" } }),
    db.appSetting.findUnique({ where: { key: CARD_ATTEMPTS_KEY } }),
  ]);
  const roles: LimitSettings["roles"] = {};
  for (const { currency } of currencies) {
    roles[currency] = Object.fromEntries(ROLES.map((r) => [r, pick(rows.find((row) => row.role === r && row.currency === currency) ?? NO_LIMITS)])) as Record<Role, LimitRow>;
  }
  return {
    currencies,
    roles,
    users: users.map((u) => {
      const own: Record<string, LimitRow> = {};
      const effective: Record<string, LimitRow> = {};
      for (const { currency } of currencies) {
        const row = rows.find((r) => r.userId === u.id && r.currency === currency);
        own[currency] = row ? pick(row) : NO_LIMITS;
        effective[currency] = effectiveLimits(roles[currency]![u.role], own[currency]!).values;
      }
      return { ...u, own, effective };
    }),
    cardAttemptsPerHour: typeof attempts?.value === "number" ? attempts.value : null,
  };
}

/** Saves one role's or user's limits in one currency; audited with each change's old and new value. */
export async function updateSpendingLimit(db: Db, actor: Actor, input: SpendingLimitValues, ip: string | null): Promise<LimitRow> {
  const currency = (await limitCurrencies(db)).find((c) => c.currency === input.currency);
  if (!currency) throw new ValidationError("No active gateway account takes that currency", "currency");
  // The schema checked the single-sale limit against the ceiling the form was given; check it against the accounts now.
  if (input.maxSale !== null && input.maxSale > currency.maxAmount) throw new ValidationError("Above the largest amount this currency's gateway accounts take", "maxSale");
  let where: { role: Role; currency: string } | { userId: string; currency: string };
  if (input.scope === "role") {
    if (!(ROLES as readonly string[]).includes(input.subject)) throw new ValidationError("Choose a role", "subject");
    where = { role: input.subject as Role, currency: input.currency };
  } else {
    if (!(await db.user.findUnique({ where: { id: input.subject }, select: { id: true } }))) throw new NotFoundError("That user");
    where = { userId: input.subject, currency: input.currency };
  }
  const next: LimitRow = { maxSale: input.maxSale, maxDaily: input.maxDaily, maxRefundCount: input.maxRefundCount, maxRefundDaily: input.maxRefundDaily };
  return db.$transaction(async (tx) => {
    const before = await tx.spendingLimit.findFirst({ where });
    const old = before ? pick(before) : NO_LIMITS;
    const changes: Record<string, { from: number | null; to: number | null }> = {};
    for (const f of LIMIT_FIELDS) if (old[f] !== next[f]) changes[f] = { from: old[f], to: next[f] };
    if (Object.keys(changes).length === 0) return next;
    if (before) await tx.spendingLimit.update({ where: { id: before.id }, data: next });
    else await tx.spendingLimit.create({ data: { ...where, ...next } });
    await recordAudit(tx, {
      actor,
      action: "limits.update",
      targetType: input.scope === "role" ? "role" : "User",
      targetId: input.subject,
      details: { currency: input.currency, changes },
      ip,
    });
    return next;
  });
}

export async function updateCardAttempts(db: Db, actor: Actor, input: CardAttemptsValues, ip: string | null): Promise<number | null> {
  return db.$transaction(async (tx) => {
    const before = await tx.appSetting.findUnique({ where: { key: CARD_ATTEMPTS_KEY } });
    const old = typeof before?.value === "number" ? before.value : null;
    if (old === input.perHour) return old;
    if (input.perHour === null) await tx.appSetting.delete({ where: { key: CARD_ATTEMPTS_KEY } });
    else await tx.appSetting.upsert({ where: { key: CARD_ATTEMPTS_KEY }, create: { key: CARD_ATTEMPTS_KEY, value: input.perHour }, update: { value: input.perHour } });
    await recordAudit(tx, { actor, action: "limits.card_attempts", targetType: "settings", targetId: "limits", details: { changes: { perHour: { from: old, to: input.perHour } } }, ip });
    return input.perHour;
  });
}
