// Recurring schedules on saved cards: set up by any clerk; changed, paused, resumed and cancelled by a
// manager; all audited. Keyed charges them itself, on every gateway, as sales of the saved token.
//
// Exactly once: a due date is claimed by INSERTing its RecurringCharge row, and (scheduleId, dueDate) is
// unique in the database, so two nodes, a restart or a clock that jumps back cannot make a second charge
// of the same due date. Each attempt (the first and every retry) is a RecurringChargeAttempt row, unique
// per (charge, attempt), and its sale's idempotency key is derived from both: an attempt whose node died
// mid-way is driven again with the same key, which finds the sale it already made instead of charging.
//
// Whose name: a scheduled payment runs in the name of the user who set the schedule up (a transaction
// belongs to a user, and the history shows who arranged the charge); the merchant agreed to the plan,
// so it keeps running if that user is later deactivated. The clerk-facing checks before a sale (repeat
// window, unacknowledged warning) are skipped for it deliberately (runSale's `scheduled`).
//
// Time: `now` is a parameter of everything that depends on the date (tests move it). A payment is due
// at 09:00 merchant time on its day (lib/recurring/schedule-dates.ts); leases on rows in flight use the
// app's real clock, so a jump of the test clock never makes an attempt in flight look abandoned.
import type { PoolClient } from "pg";
import { hasRole } from "../auth/roles";
import { BRAND_LABELS } from "../card";
import type { CardBrand } from "../gateways/types";
import type { Db } from "../db";
import { log } from "../log";
import { renderEmail } from "../mail/render";
import { sendEmail } from "../mail/transport";
import { formatMoney, parseMajor, toMajorString } from "../money";
import {
  describeRule,
  dueAt,
  firstOccurrenceOnOrAfter,
  occurrence,
  retryDay,
  todayIn,
  withinEnd,
  type RecurrenceRule,
  type ScheduleEnd,
} from "../recurring/schedule-dates";
import { newId } from "../ids";
import { inTransaction, utcTimestamp } from "../sql";
import type { ChangeScheduleOutput, CreateScheduleOutput, ScheduleAction, ScheduleFilters } from "../validation/recurring";
import { recordAudit } from "./audit";
import { customerBilling } from "./customers";
import { ForbiddenError, NotFoundError, ServiceError, ValidationError } from "./errors";
import { getSmtpConnection } from "./mail-settings";
import { SYSTEM_ACTOR, type PaymentContext } from "./payments/context";
import { OPEN_STATUSES } from "./payments/outcome";
import { checkTransaction } from "./payments/reconcile";
import { runSale } from "./payments/sale";
import { getMerchantSettings } from "./settings";

/** RECURRING_RETRY_DAYS (default "1,3,7"): days after the due date each retry of a declined payment is due. */
export function retryPlanDays(env: NodeJS.ProcessEnv = process.env): number[] {
  const raw = env.RECURRING_RETRY_DAYS ?? "1,3,7";
  const days = raw.split(",").map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n > 0 && n <= 60);
  return raw.trim() === "" ? [] : days.sort((a, b) => a - b);
}

/** RECURRING_INTERVAL_MS (default 60 s): how often the charger job runs; 0 turns it off. */
export function recurringIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  const ms = Number(env.RECURRING_INTERVAL_MS ?? 60_000);
  return Number.isFinite(ms) && ms > 0 ? ms : 0;
}

type Ctx = Pick<PaymentContext, "db" | "actor" | "ip" | "clientFor">;

const day = (d: Date) => d.toISOString().slice(0, 10);
const dateOf = (s: string) => new Date(`${s}T00:00:00Z`);
/** The last day a card with this expiry can be charged. */
const lastCardDay = (expMonth: number, expYear: number) => day(new Date(Date.UTC(expYear, expMonth, 0)));
const expiryText = (m: number, y: number) => `${String(m).padStart(2, "0")}/${String(y % 100).padStart(2, "0")}`;

interface ScheduleRow {
  id: string;
  anchorDate: Date;
  unit: RecurrenceRule["unit"];
  every: number;
  nextIndex: number;
  endKind: string;
  endCount: number | null;
  endDate: Date | null;
  paymentsMade: number;
  timeZone: string;
}

const ruleOf = (s: Pick<ScheduleRow, "anchorDate" | "unit" | "every">): RecurrenceRule => ({ anchorDate: day(s.anchorDate), unit: s.unit, every: s.every });
const endOf = (s: Pick<ScheduleRow, "endKind" | "endCount" | "endDate">): ScheduleEnd =>
  s.endKind === "count" ? { kind: "count", count: s.endCount ?? 0 } : s.endKind === "until" && s.endDate ? { kind: "until", until: day(s.endDate) } : { kind: "never" };

/** The schedule's next payment from occurrence `index` on, with `made` payments made: its day and instant, or null when the plan is over. */
function nextFrom(s: ScheduleRow, index: number, made: number): { index: number; date: string; at: Date } | null {
  const date = occurrence(ruleOf(s), index);
  if (!withinEnd(endOf(s), made, date)) return null;
  return { index, date, at: dueAt(date, s.timeZone) };
}

function requireManager(ctx: Ctx, what: string): void {
  if (!hasRole(ctx.actor.role, "manager")) throw new ForbiddenError(what);
}

// ---- setting up and changing ------------------------------------------------------------------------

export interface ScheduleAccount {
  currency: string;
  maxAmount: number;
}

/** The account a saved card charges through: the set-up form's currency and limit. */
export async function scheduleAccountFor(db: Db, paymentMethodId: string): Promise<ScheduleAccount | null> {
  const pm = await db.paymentMethod.findFirst({ where: { id: paymentMethodId, removedAt: null }, select: { gatewayAccount: { select: { currency: true, maxAmount: true, active: true } } } });
  return pm?.gatewayAccount.active ? pm.gatewayAccount : null;
}

/** Sets up a schedule (any role). A repeated submit of the same form returns the first schedule. */
export async function createSchedule(ctx: Ctx, input: CreateScheduleOutput, now = new Date()): Promise<{ id: string; replayed: boolean }> {
  const { db } = ctx;
  const earlier = await db.recurringSchedule.findUnique({ where: { idempotencyKey: input.idempotencyKey }, select: { id: true } });
  if (earlier) return { id: earlier.id, replayed: true };
  const pm = await db.paymentMethod.findFirst({
    where: { id: input.paymentMethodId, customerId: input.customerId, removedAt: null },
    select: { id: true, expMonth: true, expYear: true, last4: true, gatewayAccount: { select: { id: true, currency: true, maxAmount: true, active: true } } },
  });
  if (!pm) throw new ValidationError("Choose one of this customer's saved cards", "paymentMethodId");
  const account = pm.gatewayAccount;
  if (!account.active) throw new ValidationError("That card's gateway account is no longer active", "paymentMethodId");
  const amount = parseMajor(input.amount, account.currency);
  if (!amount.ok || amount.minor <= 0) throw new ValidationError("The amount must be more than zero", "amount");
  if (amount.minor > account.maxAmount) throw new ValidationError(`The amount is over this account's limit of ${formatMoney(account.maxAmount, account.currency)}`, "amount");

  const { timeZone } = await getMerchantSettings(db);
  const today = todayIn(now, timeZone);
  if (input.startDate < today) throw new ValidationError(`The first payment cannot be in the past: choose ${today} or later`, "startDate");
  if (input.startDate > lastCardDay(pm.expMonth, pm.expYear)) {
    throw new ValidationError(`The card ending ${pm.last4} expires ${expiryText(pm.expMonth, pm.expYear)}, before the first payment`, "paymentMethodId");
  }
  const endCount = input.endKind === "count" ? Number(input.endCount) : null;
  const endDate = input.endKind === "until" ? input.endDate : null;
  const every = Number(input.every);
  const data = {
    customerId: input.customerId,
    paymentMethodId: pm.id,
    gatewayAccountId: account.id,
    amount: amount.minor,
    currency: account.currency,
    description: input.description || null,
    unit: input.unit,
    every,
    anchorDate: dateOf(input.startDate),
    nextIndex: 0,
    nextDueDate: dateOf(input.startDate),
    nextDueAt: dueAt(input.startDate, timeZone),
    endKind: input.endKind,
    endCount,
    endDate: endDate ? dateOf(endDate) : null,
    timeZone,
    idempotencyKey: input.idempotencyKey,
    createdById: ctx.actor.id,
  };
  try {
    const created = await db.recurringSchedule.create({ data, select: { id: true } });
    await recordAudit(db, {
      actor: ctx.actor,
      action: "recurring.create",
      targetType: "RecurringSchedule",
      targetId: created.id,
      details: { amount: amount.minor, currency: account.currency, rule: describeRule({ anchorDate: input.startDate, unit: input.unit, every }), start: input.startDate, end: input.endKind, endCount, endDate, customerId: input.customerId, cardLast4: pm.last4 },
      ip: ctx.ip,
    });
    return { id: created.id, replayed: false };
  } catch (err) {
    // A concurrent submit of the same form won the key.
    const again = await db.recurringSchedule.findUnique({ where: { idempotencyKey: input.idempotencyKey }, select: { id: true } });
    if (again) return { id: again.id, replayed: true };
    throw err;
  }
}

const CHANGEABLE = ["active", "paused", "past_due"] as const;

/** A manager changes the amount and/or the next payment's day; later payments follow the new day. */
export async function changeSchedule(ctx: Ctx, input: ChangeScheduleOutput, now = new Date()): Promise<void> {
  requireManager(ctx, "change a recurring schedule");
  const s = await ctx.db.recurringSchedule.findUnique({ where: { id: input.scheduleId }, include: { gatewayAccount: { select: { maxAmount: true } }, paymentMethod: { select: { expMonth: true, expYear: true, last4: true } } } });
  if (!s) throw new NotFoundError("The schedule");
  if (!(CHANGEABLE as readonly string[]).includes(s.status)) throw new ValidationError(`A ${s.status} schedule cannot be changed`);
  const data: Record<string, unknown> = {};
  const details: Record<string, unknown> = {};
  if (input.amount) {
    const amount = parseMajor(input.amount, s.currency);
    if (!amount.ok || amount.minor <= 0) throw new ValidationError("The amount must be more than zero", "amount");
    if (amount.minor > s.gatewayAccount.maxAmount) throw new ValidationError(`The amount is over this account's limit of ${formatMoney(s.gatewayAccount.maxAmount, s.currency)}`, "amount");
    data.amount = amount.minor;
    details.amount = { from: s.amount, to: amount.minor };
  }
  if (input.nextDate) {
    const today = todayIn(now, s.timeZone);
    if (input.nextDate < today) throw new ValidationError(`The next payment cannot be in the past: choose ${today} or later`, "nextDate");
    if (input.nextDate > lastCardDay(s.paymentMethod.expMonth, s.paymentMethod.expYear)) {
      throw new ValidationError(`The card ending ${s.paymentMethod.last4} expires ${expiryText(s.paymentMethod.expMonth, s.paymentMethod.expYear)}, before that day`, "nextDate");
    }
    const charged = await ctx.db.recurringCharge.findUnique({ where: { scheduleId_dueDate: { scheduleId: s.id, dueDate: dateOf(input.nextDate) } }, select: { id: true } });
    if (charged) throw new ValidationError("A payment of this schedule was already due that day: choose another", "nextDate");
    const moved = { ...s, anchorDate: dateOf(input.nextDate) };
    const next = nextFrom(moved, 0, s.paymentsMade);
    if (!next) throw new ValidationError("That day is after the schedule's end", "nextDate");
    Object.assign(data, { anchorDate: moved.anchorDate, nextIndex: 0, nextDueDate: dateOf(next.date), nextDueAt: next.at });
    details.nextDate = { from: s.nextDueDate ? day(s.nextDueDate) : null, to: input.nextDate };
  }
  await ctx.db.recurringSchedule.update({ where: { id: s.id }, data });
  await recordAudit(ctx.db, { actor: ctx.actor, action: "recurring.change", targetType: "RecurringSchedule", targetId: s.id, details, ip: ctx.ip });
}

/** Pause, resume or cancel (managers). Resuming charges nothing for the pause: the next payment is the first due day from today on. */
export async function setScheduleStatus(ctx: Ctx, scheduleId: string, action: ScheduleAction, now = new Date()): Promise<void> {
  requireManager(ctx, `${action} a recurring schedule`);
  const s = await ctx.db.recurringSchedule.findUnique({ where: { id: scheduleId } });
  if (!s) throw new NotFoundError("The schedule");
  const from = s.status;
  let data: Record<string, unknown>;
  if (action === "pause") {
    if (from !== "active" && from !== "past_due") throw new ValidationError(`A ${from.replace("_", " ")} schedule cannot be paused`);
    data = { status: "paused" };
  } else if (action === "resume") {
    if (from !== "paused" && from !== "past_due") throw new ValidationError(`A ${from.replace("_", " ")} schedule cannot be resumed`);
    const index = firstOccurrenceOnOrAfter(ruleOf(s), todayIn(now, s.timeZone), s.nextIndex);
    const next = nextFrom(s, index, s.paymentsMade);
    data = next
      ? { status: "active", statusReason: null, nextIndex: next.index, nextDueDate: dateOf(next.date), nextDueAt: next.at }
      : { status: "completed", statusReason: null, nextDueDate: null, nextDueAt: null };
  } else {
    if (from === "cancelled" || from === "completed") throw new ValidationError(`The schedule is already ${from}`);
    data = { status: "cancelled", nextDueDate: null, nextDueAt: null };
  }
  // Only from the status read: a concurrent change (or the charger marking it past due) wins, and this one is refused.
  const done = await ctx.db.recurringSchedule.updateMany({ where: { id: s.id, status: from }, data });
  if (!done.count) throw new ServiceError("The schedule changed meanwhile: reload and try again.", 409);
  await recordAudit(ctx.db, { actor: ctx.actor, action: `recurring.${action}`, targetType: "RecurringSchedule", targetId: s.id, details: { from, to: data.status }, ip: ctx.ip });
}

// ---- charging ------------------------------------------------------------------------------------

export interface ChargeDueOptions {
  now?: Date;
  /** Days after the due date of each retry (default: RECURRING_RETRY_DAYS). */
  retryDays?: number[];
  /** At most this many due dates claimed per pass. */
  limit?: number;
  /** An attempt untouched this long is taken to be abandoned by its node and driven again (real clock). */
  leaseMs?: number;
  /** An unknown payment is asked about again this long after it was last asked (real clock). */
  unknownAfterMs?: number;
}

export interface ChargeDueReport {
  claimed: number;
  retried: number;
  resumed: number;
  reconciled: number;
}

/**
 * One pass of the charger: reconciles payments whose outcome is unknown, claims due dates, runs retries
 * that are due, and drives again any attempt whose node died. Safe to run on several nodes at once.
 */
export async function chargeDue(ctx: Omit<PaymentContext, "actor">, opts: ChargeDueOptions = {}): Promise<ChargeDueReport> {
  const now = opts.now ?? new Date();
  const plan = opts.retryDays ?? retryPlanDays();
  const leaseBefore = utcTimestamp(new Date(Date.now() - (opts.leaseMs ?? 120_000)));
  const report: ChargeDueReport = { claimed: 0, retried: 0, resumed: 0, reconciled: 0 };

  // 1. Unknown outcomes first: a payment that may have been charged is settled before anything is retried.
  for (const c of await leaseCharges(ctx.db, `status = 'unknown'`, [utcTimestamp(new Date(Date.now() - (opts.unknownAfterMs ?? 5_000)))])) {
    report.reconciled++;
    await settleUnknown(ctx, c.id, plan);
  }
  // 2. New due dates.
  for (const id of await claimDue(ctx.db, now, opts.limit ?? 20)) {
    report.claimed++;
    await attempt(ctx, id, 1, plan, false);
  }
  // 3. Retries that are due (only while the schedule is active: a paused plan retries nothing). Taken by
  // moving them to running with the next attempt's number: one statement, so one node gets each.
  const { rows: retries } = await ctx.db.sql.query<{ id: string; attempts: number }>(
    `UPDATE "RecurringCharge" SET status = 'running', attempts = attempts + 1, "updatedAt" = $2::timestamp
      WHERE id IN (SELECT c.id FROM "RecurringCharge" c JOIN "RecurringSchedule" s ON s.id = c."scheduleId"
                    WHERE c.status = 'retrying' AND c."nextAttemptAt" <= $1::timestamp AND s.status = 'active'
                    ORDER BY c."nextAttemptAt" LIMIT 20 FOR UPDATE OF c SKIP LOCKED)
        AND status = 'retrying'
      RETURNING id, attempts`,
    [utcTimestamp(now), utcTimestamp()],
  );
  for (const c of retries) {
    report.retried++;
    await attempt(ctx, c.id, c.attempts, plan, false);
  }
  // 4. Attempts in flight whose node went away: the same attempt again, with the same idempotency key.
  for (const c of await leaseCharges(ctx.db, `status = 'running'`, [leaseBefore])) {
    report.resumed++;
    await attempt(ctx, c.id, Math.max(c.attempts, 1), plan, true);
  }
  return report;
}

/** Takes charges matching `where` that nobody touched since `$1` (bumps updatedAt: a lease other nodes skip). */
async function leaseCharges(db: Db, where: string, params: unknown[]): Promise<{ id: string; attempts: number }[]> {
  const { rows } = await db.sql.query<{ id: string; attempts: number }>(
    `UPDATE "RecurringCharge" SET "updatedAt" = $${params.length + 1}::timestamp
      WHERE id IN (SELECT id FROM "RecurringCharge" WHERE ${where} AND "updatedAt" < $1::timestamp ORDER BY "updatedAt" LIMIT 20 FOR UPDATE SKIP LOCKED)
      RETURNING id, attempts`,
    [...params, utcTimestamp()],
  );
  return rows;
}

interface DueScheduleRow extends Omit<ScheduleRow, "anchorDate" | "endDate"> {
  anchorDate: string;
  endDate: string | null;
  nextDueDate: string;
  amount: number;
  currency: string;
}

/**
 * Claims the due dates of active schedules due by `now`: for each, the charge row is inserted (the
 * unique (scheduleId, dueDate) lets only one insert ever succeed) and the schedule moves to its next
 * payment, in one database transaction. One due date per schedule per pass: a schedule far behind
 * (the charger was down) catches up one payment per pass, each charged once.
 */
async function claimDue(db: Db, now: Date, limit: number): Promise<string[]> {
  return inTransaction(db.sql, async (sql: PoolClient) => {
    const { rows } = await sql.query<DueScheduleRow>(
      `SELECT id, "anchorDate"::text AS "anchorDate", unit, every, "nextIndex", "endKind", "endCount", "endDate"::text AS "endDate", "paymentsMade", "timeZone",
              "nextDueDate"::text AS "nextDueDate", amount, currency
         FROM "RecurringSchedule" WHERE status = 'active' AND "nextDueAt" <= $1::timestamp
        ORDER BY "nextDueAt" LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [utcTimestamp(now), limit],
    );
    const claimed: string[] = [];
    const at = utcTimestamp();
    for (const r of rows) {
      const s: ScheduleRow = { ...r, anchorDate: dateOf(r.anchorDate), endDate: r.endDate ? dateOf(r.endDate) : null };
      const inserted = await sql.query<{ id: string }>(
        `INSERT INTO "RecurringCharge" (id, "scheduleId", "dueDate", amount, currency, status, attempts, "createdAt", "updatedAt")
         VALUES ($1, $2, $3::date, $4, $5, 'running', 0, $6::timestamp, $6::timestamp)
         ON CONFLICT ("scheduleId", "dueDate") DO NOTHING RETURNING id`,
        [newId(), r.id, r.nextDueDate, r.amount, r.currency, at],
      );
      if (inserted.rows[0]) claimed.push(inserted.rows[0].id);
      else log.warn({ scheduleId: r.id, dueDate: r.nextDueDate }, "recurring: that due date was already charged; moving on");
      const made = r.paymentsMade + 1;
      const next = nextFrom(s, r.nextIndex + 1, made);
      await sql.query(
        `UPDATE "RecurringSchedule" SET "paymentsMade" = $2, "nextIndex" = $3, "nextDueDate" = $4::date, "nextDueAt" = $5::timestamp,
                status = CASE WHEN $4::date IS NULL THEN 'completed'::"RecurringStatus" ELSE status END, "updatedAt" = $6::timestamp
          WHERE id = $1`,
        [r.id, made, r.nextIndex + 1, next?.date ?? null, next ? utcTimestamp(next.at) : null, at],
      );
    }
    return claimed;
  });
}

type ChargeWithSchedule = NonNullable<Awaited<ReturnType<typeof loadCharge>>>;

function loadCharge(db: Db, chargeId: string) {
  return db.recurringCharge.findUnique({
    where: { id: chargeId },
    include: {
      schedule: {
        include: {
          customer: true,
          paymentMethod: { select: { id: true, last4: true, expMonth: true, expYear: true, removedAt: true } },
          createdBy: { select: { id: true, email: true, role: true } },
        },
      },
      tries: { orderBy: { attempt: "desc" }, take: 1, include: { transaction: { select: { id: true, status: true } } } },
    },
  });
}

const saleKey = (chargeId: string, n: number) => `recurring:${chargeId}:${n}`;

/** Runs attempt `n` of a charge: stops the plan on a card that cannot be charged, else a sale of the saved card. */
async function attempt(ctx: Omit<PaymentContext, "actor">, chargeId: string, n: number, plan: number[], resume: boolean): Promise<void> {
  const c = await loadCharge(ctx.db, chargeId);
  if (!c) return;
  const s = c.schedule;
  const pm = s.paymentMethod;
  const dueDate = day(c.dueDate);
  if (s.status === "cancelled" || s.status === "stopped") return closeCharge(ctx.db, c, "skipped", `Not charged: the schedule was ${s.status}`);
  if (pm.removedAt) return stopSchedule(ctx.db, c, `The saved card ending ${pm.last4} was removed`);
  if (dueDate > lastCardDay(pm.expMonth, pm.expYear)) return stopSchedule(ctx.db, c, `The card ending ${pm.last4} expired ${expiryText(pm.expMonth, pm.expYear)}`);

  // The attempt's row is its claim; only an abandoned attempt is driven again under the same number.
  const fresh = (await ctx.db.recurringChargeAttempt.createMany({ data: [{ chargeId, attempt: n }], skipDuplicates: true })).count === 1;
  if (!fresh && !resume) return;
  await ctx.db.recurringCharge.updateMany({ where: { id: chargeId, status: "running" }, data: { attempts: n, updatedAt: new Date() } });
  const actor = { id: s.createdBy.id, email: s.createdBy.email, role: s.createdBy.role };
  let transactionId: string;
  try {
    ({ transactionId } = await runSale(
      { ...ctx, actor },
      {
        idempotencyKey: saleKey(chargeId, n),
        gatewayAccountId: s.gatewayAccountId,
        customerId: s.customerId,
        intent: "sale",
        amount: toMajorString(c.amount, c.currency),
        orderId: "",
        description: s.description ?? "",
        billing: customerBilling(s.customer),
        payment: { type: "saved", paymentMethodId: pm.id },
        retryOf: "",
        acceptDoubleChargeRisk: false,
        amountConfirmed: true,
        repeatConfirmed: false,
      },
      undefined,
      { scheduled: true },
    ));
  } catch (err) {
    // Refused before anything was sent (the account was turned off, the card moved account): a failed attempt.
    if (!(err instanceof ServiceError)) throw err;
    return applyOutcome(ctx.db, c, n, { status: "error", message: err.message }, plan);
  }
  await ctx.db.recurringChargeAttempt.updateMany({ where: { chargeId, attempt: n }, data: { transactionId } });
  const t = await ctx.db.transaction.findUniqueOrThrow({ where: { id: transactionId }, select: { status: true, message: true, fault: true } });
  await applyOutcome(ctx.db, c, n, t, plan);
}

/** An unknown (or pending) payment: asked about through the reconciler, then handled as its answer says. */
async function settleUnknown(ctx: Omit<PaymentContext, "actor">, chargeId: string, plan: number[]): Promise<void> {
  const c = await loadCharge(ctx.db, chargeId);
  const t = c?.tries[0]?.transaction;
  if (!c || !t) return;
  if (OPEN_STATUSES.includes(t.status)) {
    await checkTransaction({ ...ctx, actor: SYSTEM_ACTOR }, t.id);
  }
  const answer = await ctx.db.transaction.findUniqueOrThrow({ where: { id: t.id }, select: { status: true, message: true, fault: true } });
  await applyOutcome(ctx.db, c, c.tries[0]!.attempt, answer, plan);
}

interface Outcome {
  status: string;
  message: string | null;
  fault?: string | null;
}

async function applyOutcome(db: Db, c: ChargeWithSchedule, n: number, t: Outcome, plan: number[]): Promise<void> {
  const s = c.schedule;
  const where = { id: c.id, attempts: n, status: { in: ["running", "unknown"] as ("running" | "unknown")[] } };
  if (t.status === "approved") {
    await db.recurringCharge.updateMany({ where, data: { status: "paid", message: null, nextAttemptAt: null } });
    return;
  }
  if ((OPEN_STATUSES as readonly string[]).includes(t.status)) {
    await db.recurringCharge.updateMany({ where, data: { status: "unknown", message: t.message } });
    return;
  }
  if (t.fault === "card" && /expired/i.test(t.message ?? "")) return stopSchedule(db, c, `The card ending ${s.paymentMethod.last4} was declined as expired`);
  const retryIn = plan[n - 1];
  if (retryIn !== undefined) {
    const next = dueAt(retryDay(day(c.dueDate), retryIn), s.timeZone);
    await db.recurringCharge.updateMany({ where, data: { status: "retrying", message: t.message, nextAttemptAt: next } });
    return;
  }
  const moved = await db.recurringCharge.updateMany({ where, data: { status: "failed", message: t.message, nextAttemptAt: null } });
  if (!moved.count) return;
  const reason = `The payment due ${day(c.dueDate)} failed after ${n} attempt${n === 1 ? "" : "s"}: ${t.message ?? "declined"}`;
  const marked = await db.recurringSchedule.updateMany({ where: { id: s.id, status: "active" }, data: { status: "past_due", statusReason: reason } });
  await recordAudit(db, { actor: null, action: "recurring.past_due", targetType: "RecurringSchedule", targetId: s.id, details: { dueDate: day(c.dueDate), attempts: n, message: t.message } });
  if (marked.count) await tellManagers(db, s.id, `Recurring payment past due: ${customerName(s.customer)}`, reason);
}

async function closeCharge(db: Db, c: ChargeWithSchedule, status: "skipped" | "failed", message: string): Promise<void> {
  await db.recurringCharge.updateMany({ where: { id: c.id, status: { in: ["running", "retrying", "unknown"] } }, data: { status, message, nextAttemptAt: null } });
}

/** The card cannot be charged any more: the schedule stops with the reason, and the merchant is told. */
async function stopSchedule(db: Db, c: ChargeWithSchedule, reason: string): Promise<void> {
  await closeCharge(db, c, "skipped", `Not charged: ${reason}`);
  const stopped = await db.recurringSchedule.updateMany({
    where: { id: c.scheduleId, status: { in: ["active", "past_due", "paused"] } },
    data: { status: "stopped", statusReason: reason, nextDueDate: null, nextDueAt: null },
  });
  if (!stopped.count) return;
  await recordAudit(db, { actor: null, action: "recurring.stopped", targetType: "RecurringSchedule", targetId: c.scheduleId, details: { reason, dueDate: day(c.dueDate) } });
  await tellManagers(db, c.scheduleId, `Recurring payments stopped: ${customerName(c.schedule.customer)}`, reason);
}

const customerName = (c: { firstName: string; lastName: string }) => `${c.firstName} ${c.lastName}`.trim();

/** Emails the active managers (and admins) through the merchant's mail server; a failure is logged, the list in the app shows it anyway. */
async function tellManagers(db: Db, scheduleId: string, subject: string, reason: string): Promise<void> {
  try {
    const smtp = await getSmtpConnection(db);
    if (!smtp) return;
    const [managers, merchant] = await Promise.all([
      db.user.findMany({ where: { role: { in: ["manager", "admin"] }, active: true }, select: { email: true } }),
      getMerchantSettings(db),
    ]);
    const email = renderEmail({
      subject,
      preview: reason,
      blocks: [
        { kind: "title", text: merchant.merchantName },
        { kind: "note", text: reason },
        { kind: "lines", lines: [`Schedules → ${scheduleId}`, "Open Keyed's Schedules page to resume, change or cancel it."], small: true },
      ],
    });
    for (const { email: to } of managers) await sendEmail(smtp, to, email);
  } catch (err) {
    log.error({ err: err instanceof Error ? err.message : String(err), scheduleId }, "recurring: could not email the managers");
  }
}

// ---- reading -------------------------------------------------------------------------------------

export interface ScheduleListRow {
  id: string;
  status: string;
  statusReason: string | null;
  customer: { id: string; name: string };
  card: string;
  amount: number;
  currency: string;
  rule: string;
  nextDueDate: string | null;
  nextDueAt: string | null;
  paymentsMade: number;
  description: string | null;
}

const listInclude = { customer: { select: { id: true, firstName: true, lastName: true } }, paymentMethod: { select: { brand: true, last4: true } } } as const;

function toListRow(s: {
  id: string; status: string; statusReason: string | null; amount: number; currency: string; unit: RecurrenceRule["unit"]; every: number; anchorDate: Date;
  nextDueDate: Date | null; nextDueAt: Date | null; paymentsMade: number; description: string | null;
  customer: { id: string; firstName: string; lastName: string }; paymentMethod: { brand: string; last4: string };
}): ScheduleListRow {
  return {
    id: s.id,
    status: s.status,
    statusReason: s.statusReason,
    customer: { id: s.customer.id, name: customerName(s.customer) },
    card: `${s.paymentMethod.brand} •••• ${s.paymentMethod.last4}`,
    amount: s.amount,
    currency: s.currency,
    rule: describeRule(ruleOf(s)),
    nextDueDate: s.nextDueDate ? day(s.nextDueDate) : null,
    nextDueAt: s.nextDueAt?.toISOString() ?? null,
    paymentsMade: s.paymentsMade,
    description: s.description,
  };
}

export async function listSchedules(db: Db, filters: ScheduleFilters, now = new Date()): Promise<ScheduleListRow[]> {
  const rows = await db.recurringSchedule.findMany({
    where: {
      ...(filters.status ? { status: filters.status } : {}),
      ...(filters.customer ? { customerId: filters.customer } : {}),
      ...(filters.due ? { nextDueAt: { lte: new Date(now.getTime() + Number(filters.due) * 86_400_000) }, status: filters.status ?? "active" } : {}),
    },
    include: listInclude,
    orderBy: [{ nextDueAt: { sort: "asc", nulls: "last" } }, { createdAt: "desc" }],
    take: 200,
  });
  return rows.map(toListRow);
}

/** Payments due in the next `days` days (active schedules), for the dashboard. */
export async function upcomingCharges(db: Db, days = 7, now = new Date()): Promise<ScheduleListRow[]> {
  return listSchedules(db, { due: days === 30 ? "30" : "7" }, now);
}

export interface ScheduleDetail extends ScheduleListRow {
  account: { id: string; label: string };
  createdBy: string;
  createdAt: string;
  end: string;
  past: { id: string; dueDate: string; status: string; attempts: number; message: string | null; nextAttemptAt: string | null; tries: { attempt: number; transactionId: string | null; status: string | null }[] }[];
  upcoming: { dueDate: string; dueAt: string }[];
}

export async function getSchedule(db: Db, id: string): Promise<ScheduleDetail | null> {
  const s = await db.recurringSchedule.findUnique({
    where: { id },
    include: {
      ...listInclude,
      gatewayAccount: { select: { id: true, label: true } },
      createdBy: { select: { name: true, email: true } },
      charges: { orderBy: { dueDate: "desc" }, take: 100, include: { tries: { orderBy: { attempt: "asc" }, include: { transaction: { select: { status: true } } } } } },
    },
  });
  if (!s) return null;
  const upcoming: ScheduleDetail["upcoming"] = [];
  if (s.nextDueDate && (s.status === "active" || s.status === "paused")) {
    for (let i = s.nextIndex, made = s.paymentsMade; upcoming.length < 6; i++, made++) {
      const next = nextFrom(s, i, made);
      if (!next) break;
      upcoming.push({ dueDate: next.date, dueAt: next.at.toISOString() });
    }
  }
  const end = s.endKind === "count" ? `After ${s.endCount} payments` : s.endKind === "until" && s.endDate ? `On ${day(s.endDate)}` : "Never";
  return {
    ...toListRow(s),
    account: s.gatewayAccount,
    createdBy: s.createdBy.name || s.createdBy.email,
    createdAt: s.createdAt.toISOString(),
    end,
    past: s.charges.map((c) => ({
      id: c.id,
      dueDate: day(c.dueDate),
      status: c.status,
      attempts: c.attempts,
      message: c.message,
      nextAttemptAt: c.nextAttemptAt?.toISOString() ?? null,
      tries: c.tries.map((t) => ({ attempt: t.attempt, transactionId: t.transactionId, status: t.transaction?.status ?? null })),
    })),
    upcoming,
  };
}

export interface ScheduleCard {
  id: string;
  label: string;
  currency: string;
  expired: boolean;
}

/** The customer's saved cards a schedule can charge, with their account's currency. */
export async function scheduleCardsFor(db: Db, customerId: string, now = new Date()): Promise<ScheduleCard[]> {
  const cards = await db.paymentMethod.findMany({
    where: { customerId, removedAt: null, gatewayAccount: { active: true } },
    orderBy: { createdAt: "desc" },
    select: { id: true, brand: true, last4: true, expMonth: true, expYear: true, gatewayAccount: { select: { label: true, currency: true } } },
  });
  const today = day(now);
  return cards.map((c) => ({
    id: c.id,
    label: `${BRAND_LABELS[c.brand as CardBrand] ?? c.brand} •••• ${c.last4}, expires ${expiryText(c.expMonth, c.expYear)} — ${c.gatewayAccount.label} (${c.gatewayAccount.currency})`,
    currency: c.gatewayAccount.currency,
    expired: lastCardDay(c.expMonth, c.expYear) < today,
  }));
}
