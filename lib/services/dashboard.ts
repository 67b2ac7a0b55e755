// What a manager sees first: sales, refunds and net per currency for a period of days in the
// merchant's time zone against the period before it, volume per day (per hour for one day), approval
// rate per gateway account, failures by fault, AVS/CVV mismatch shares, and what needs attention.
//
// Totals come from rollups kept by triggers in the same database transaction as every write of a
// Transaction: "TransactionDailyRollup" (days in the merchant's zone; migration
// 20261203083126_transaction_daily_rollup) for periods of several days, "TransactionRollup" (UTC
// hours; 20261202195500_transaction_rollup) for one day's hourly chart and whenever the days are not
// built in the zone asked for. Summing hours, a period's edges are merchant midnights; in a zone whose
// offset is not whole hours (India, Nepal) the hour around each edge is read from "Transaction"
// instead, so totals are exact in every zone either way.
import type { Db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { addDays, dayIn, startOfDay } from "../time";
import { filtersToQuery } from "../validation/history";
import { daysBetween } from "../validation/dashboard";

const HOUR = 3_600_000;
/** An authorization still open after this many days is listed under "needs attention". */
export const UNCAPTURED_AFTER_DAYS = 7;
/** "Needs attention" counts stop here ("1,000+"): a count is a prompt to look, not a report. */
export const ATTENTION_CAP = 1000;

export interface MoneyTotals {
  salesCount: number;
  salesAmount: number;
  refundsCount: number;
  refundsAmount: number;
  voidsCount: number;
  /** Sales minus refunds. */
  net: number;
}

export interface CurrencyTotals {
  currency: string;
  current: MoneyTotals;
  previous: MoneyTotals;
}

export interface SeriesPoint {
  /** "2026-03-08" for a day, "2026-03-08 14:00" for an hour (merchant's time zone). */
  label: string;
  sales: number;
  refunds: number;
}

export interface AccountRate {
  accountId: string;
  label: string;
  approved: number;
  /** Approved + declined + error sales and authorizations (pending and unknown are not decided yet). */
  decided: number;
}

export interface AttentionItem {
  key: "unknown" | "pending" | "uncaptured" | "refund_declined" | "refund_error";
  label: string;
  count: number;
  /** The history, filtered to these transactions. */
  href: string;
}

export interface Dashboard {
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  /** Hourly points when the period is one day, daily otherwise. */
  granularity: "hour" | "day";
  totals: CurrencyTotals[];
  /** Per currency, one point per day (or hour) of the period, zeros included. */
  series: { currency: string; points: SeriesPoint[] }[];
  accounts: AccountRate[];
  /** Failed sales and authorizations by whose problem they were (lib/gateways/types.ts Fault). */
  failures: { fault: string; count: number }[];
  avs: { checked: number; mismatch: number };
  cvv: { checked: number; mismatch: number };
  attention: AttentionItem[];
}

/**
 * One row of the period's aggregate (see aggregate()): per day or hour and currency (`byAccount`
 * false), or per gateway account and failure fault over the current period (`byAccount` true).
 */
interface Aggregate {
  byAccount: boolean;
  previous: boolean;
  bucket: string;
  currency: string;
  gatewayAccountId: string;
  fault: string;
  salesCount: bigint;
  salesAmount: bigint;
  refundsCount: bigint;
  refundsAmount: bigint;
  voidsCount: bigint;
  approved: bigint;
  decided: bigint;
  failed: bigint;
  avsChecked: bigint;
  avsMismatch: bigint;
  cvvChecked: bigint;
  cvvMismatch: bigint;
}

const floorHour = (d: Date) => new Date(Math.floor(d.getTime() / HOUR) * HOUR);

/**
 * Rows shaped like "TransactionRollup" (ts = the hour, or the exact time of a row read directly)
 * covering [edges[0], edges[last]), exact at every edge.
 */
function periodRows(edges: Date[]): Prisma.Sql {
  const first = edges[0]!;
  const last = edges[edges.length - 1]!;
  const rawHours = [...new Set(edges.filter((e) => e.getTime() % HOUR !== 0).map((e) => floorHour(e).getTime()))].map((t) => new Date(t));
  const rollupFrom = new Date(Math.ceil(first.getTime() / HOUR) * HOUR);
  // One index range per cut hour, ORed: the planner reads each by index (a LATERAL join over the
  // hours was planned as a scan of the whole table at ten million rows).
  const ranges = rawHours.map((h) => {
    const from = new Date(Math.max(h.getTime(), first.getTime()));
    const to = new Date(Math.min(h.getTime() + HOUR, last.getTime()));
    return Prisma.sql`(t."createdAt" >= ${from}::timestamp AND t."createdAt" < ${to}::timestamp)`;
  });
  const raw = ranges.length
    ? Prisma.sql`
      UNION ALL
      SELECT t."createdAt", t."gatewayAccountId", t.currency, t.kind, t.status, t."voidedAt" IS NOT NULL, c.fault,
             1, t.amount::bigint, c."avsChecked", c."avsMismatch", c."cvvChecked", c."cvvMismatch"
      FROM "Transaction" t CROSS JOIN LATERAL transaction_rollup_contribution(t) c
      WHERE ${Prisma.join(ranges, " OR ")}`
    : Prisma.empty;
  return Prisma.sql`(
    SELECT r.hour AS ts, r."gatewayAccountId", r.currency, r.kind, r.status, r.voided, r.fault,
           r.count, r.amount, r."avsChecked", r."avsMismatch", r."cvvChecked", r."cvvMismatch"
    FROM "TransactionRollup" r
    WHERE r.hour >= ${rollupFrom} AND r.hour < ${floorHour(last)} AND r.hour <> ALL(${rawHours}::timestamp[]) AND r.count <> 0
    ${raw}
  )`;
}

const emptyTotals = (): MoneyTotals => ({ salesCount: 0, salesAmount: 0, refundsCount: 0, refundsAmount: 0, voidsCount: 0, net: 0 });

/**
 * Sums rows shaped like the rollups plus `previous` and `bucket` into Aggregate rows: money per bucket
 * and currency, and for the current period approval, failures and AVS/CVV per gateway account and
 * fault. Sales are counted the way the history's "Approved volume" counts them: approved sales and
 * captures not voided. Summed here rather than in JavaScript because a year is tens of thousands
 * of rollup rows and only a few hundred sums.
 */
function aggregate(source: Prisma.Sql, read: "once" | "each"): Prisma.Sql {
  const sale = Prisma.sql`u.kind IN ('sale', 'capture') AND NOT u.voided`;
  // Two sums over the same rows: the approved rows of both periods, and the current period's decided
  // sales and authorizations (rows read from "Transaction" may be pending or unknown). "each": both
  // read the source with their own filter in the scan (a table of days); "once": the source is read
  // once and kept (hours and rows of "Transaction", whose plan a pushed-down filter spoils).
  return Prisma.sql`
    WITH u AS ${read === "once" ? Prisma.sql`MATERIALIZED` : Prisma.sql`NOT MATERIALIZED`} ${source}
    SELECT false AS "byAccount", u.previous, u.bucket, u.currency, NULL AS "gatewayAccountId", NULL AS fault,
           coalesce(sum(u.count) FILTER (WHERE ${sale}), 0)::bigint AS "salesCount",
           coalesce(sum(u.amount) FILTER (WHERE ${sale}), 0)::bigint AS "salesAmount",
           coalesce(sum(u.count) FILTER (WHERE u.kind = 'refund'), 0)::bigint AS "refundsCount",
           coalesce(sum(u.amount) FILTER (WHERE u.kind = 'refund'), 0)::bigint AS "refundsAmount",
           coalesce(sum(u.count) FILTER (WHERE u.kind = 'void'), 0)::bigint AS "voidsCount",
           0::bigint AS approved, 0::bigint AS decided, 0::bigint AS failed,
           0::bigint AS "avsChecked", 0::bigint AS "avsMismatch", 0::bigint AS "cvvChecked", 0::bigint AS "cvvMismatch"
    FROM u WHERE u.status = 'approved'
    GROUP BY u.previous, u.bucket, u.currency
    UNION ALL
    SELECT true, NULL, NULL, NULL, u."gatewayAccountId", u.fault, 0, 0, 0, 0, 0,
           coalesce(sum(u.count) FILTER (WHERE u.status = 'approved'), 0)::bigint,
           sum(u.count)::bigint,
           coalesce(sum(u.count) FILTER (WHERE u.status <> 'approved'), 0)::bigint,
           sum(u."avsChecked")::bigint, sum(u."avsMismatch")::bigint, sum(u."cvvChecked")::bigint, sum(u."cvvMismatch")::bigint
    FROM u WHERE NOT u.previous AND u.kind IN ('sale', 'auth') AND u.status IN ('approved', 'declined', 'error')
    GROUP BY u."gatewayAccountId", u.fault`;
}

function hourLabels(day: string): string[] {
  return Array.from({ length: 24 }, (_, h) => `${day} ${String(h).padStart(2, "0")}:00`);
}

function dayLabels(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

export async function getDashboard(db: Db, period: { from: string; to: string }, opts: { timeZone: string; now?: Date }): Promise<Dashboard> {
  const tz = opts.timeZone;
  const now = opts.now ?? new Date();
  const days = daysBetween(period.from, period.to);
  const previousFrom = addDays(period.from, -days);
  const previousTo = addDays(period.from, -1);
  const granularity = days === 1 ? "hour" : "day";
  const start = startOfDay(period.from, tz);
  const bucketSql = granularity === "hour" ? Prisma.sql`'YYYY-MM-DD HH24:00'` : Prisma.sql`'YYYY-MM-DD'`;

  const hourly = () =>
    db.$queryRaw<Aggregate[]>(
      // Every merchant midnight is an edge, so a day's bucket is exact even where the offset is not whole hours.
      aggregate(Prisma.sql`(
        SELECT h.ts < ${start} AS previous, to_char(h.ts AT TIME ZONE 'UTC' AT TIME ZONE ${tz}, ${bucketSql}) AS bucket, h.*
        FROM ${periodRows(dayLabels(previousFrom, addDays(period.to, 1)).map((d) => startOfDay(d, tz)))} h (ts, "gatewayAccountId", currency, kind, status, voided, fault, count, amount, "avsChecked", "avsMismatch", "cvvChecked", "cvvMismatch")
      )`, "once"),
    );
  const [rows, labels, attention] = await Promise.all([
    granularity === "day" ? dailyAggregate(db, tz, previousFrom, period.from, period.to).then((daily) => daily ?? hourly()) : hourly(),
    db.gatewayAccount.findMany({ select: { id: true, label: true } }),
    attentionItems(db, tz, now),
  ]);

  const totals = new Map<string, CurrencyTotals>();
  const series = new Map<string, Map<string, SeriesPoint>>();
  const rates = new Map<string, AccountRate>();
  const failures = new Map<string, number>();
  const avs = { checked: 0, mismatch: 0 };
  const cvv = { checked: 0, mismatch: 0 };
  const points = granularity === "hour" ? hourLabels(period.from) : dayLabels(period.from, period.to);
  const accountLabel = new Map(labels.map((a) => [a.id, a.label]));

  for (const a of rows) {
    if (a.byAccount) {
      avs.checked += Number(a.avsChecked);
      avs.mismatch += Number(a.avsMismatch);
      cvv.checked += Number(a.cvvChecked);
      cvv.mismatch += Number(a.cvvMismatch);
      if (a.decided > 0n) {
        const r = rates.get(a.gatewayAccountId) ?? { accountId: a.gatewayAccountId, label: accountLabel.get(a.gatewayAccountId) ?? a.gatewayAccountId, approved: 0, decided: 0 };
        rates.set(a.gatewayAccountId, r);
        r.approved += Number(a.approved);
        r.decided += Number(a.decided);
      }
      if (a.failed > 0n) failures.set(a.fault, (failures.get(a.fault) ?? 0) + Number(a.failed));
      continue;
    }
    const t = totals.get(a.currency) ?? { currency: a.currency, current: emptyTotals(), previous: emptyTotals() };
    totals.set(a.currency, t);
    const m = a.previous ? t.previous : t.current;
    m.salesCount += Number(a.salesCount);
    m.salesAmount += Number(a.salesAmount);
    m.refundsCount += Number(a.refundsCount);
    m.refundsAmount += Number(a.refundsAmount);
    m.voidsCount += Number(a.voidsCount);
    m.net += Number(a.salesAmount) - Number(a.refundsAmount);
    if (a.previous || (a.salesCount === 0n && a.refundsCount === 0n)) continue;
    let s = series.get(a.currency);
    if (!s) series.set(a.currency, (s = new Map(points.map((label) => [label, { label, sales: 0, refunds: 0 }]))));
    const p = s.get(a.bucket);
    if (p) {
      p.sales += Number(a.salesAmount);
      p.refunds += Number(a.refundsAmount);
    }
  }
  return {
    from: period.from,
    to: period.to,
    previousFrom,
    previousTo,
    granularity,
    totals: [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
    series: [...series.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, s]) => ({ currency, points: [...s.values()] })),
    accounts: [...rates.values()].sort((a, b) => a.label.localeCompare(b.label)),
    failures: [...failures.entries()].map(([fault, count]) => ({ fault, count })).sort((a, b) => b.count - a.count || a.fault.localeCompare(b.fault)),
    avs,
    cvv,
    attention,
  };
}

/**
 * The aggregate of the days previousFrom..to (before `from`: the previous period) from
 * "TransactionDailyRollup"; null when its days are not in `tz`. The zone is read in the same statement
 * as the days (one snapshot), so a recount for another zone committing between two reads cannot
 * return the wrong days.
 */
async function dailyAggregate(db: Db, tz: string, previousFrom: string, from: string, to: string): Promise<Aggregate[] | null> {
  const rows = await db.$queryRaw<(Aggregate & { ready: boolean })[]>`
    SELECT z."timeZone" = ${tz} AS ready, a.*
    FROM "TransactionDailyRollupZone" z
    LEFT JOIN LATERAL (${aggregate(Prisma.sql`(
      SELECT r.day < ${from}::date AS previous, to_char(r.day::timestamp, 'YYYY-MM-DD') AS bucket, r.*
      FROM "TransactionDailyRollup" r
      WHERE r.day >= ${previousFrom}::date AND r.day <= ${to}::date AND r.count <> 0
    )`, "each")}) a ON z."timeZone" = ${tz}`;
  if (!rows[0]?.ready) return null;
  // No day in the period: the one row is the zone's, with no aggregate.
  return rows.filter((r) => r.byAccount !== null);
}

async function capped(db: Db, where: Prisma.Sql): Promise<number> {
  const [row] = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM (SELECT 1 FROM "Transaction" t WHERE ${where} LIMIT ${ATTENTION_CAP + 1}) x`;
  return Number(row?.n ?? 0);
}

/** Not bound to the period: what is open now, each with the history link that lists exactly it. */
async function attentionItems(db: Db, tz: string, now: Date): Promise<AttentionItem[]> {
  const cutoffDay = addDays(dayIn(now, tz), -UNCAPTURED_AFTER_DAYS);
  const cutoff = startOfDay(addDays(cutoffDay, 1), tz);
  const link = (f: Record<string, string>) => `/transactions?${filtersToQuery(f)}`;
  const items: [AttentionItem["key"], string, Prisma.Sql, string][] = [
    ["unknown", "Outcome unknown", Prisma.sql`t.status = 'unknown'`, link({ status: "unknown" })],
    ["pending", "Pending", Prisma.sql`t.status = 'pending'`, link({ status: "pending" })],
    [
      "uncaptured",
      `Authorizations not captured after ${UNCAPTURED_AFTER_DAYS} days`,
      Prisma.sql`t.kind = 'auth' AND t.status = 'approved' AND t."capturedAmount" = 0 AND t."voidedAt" IS NULL AND t."createdAt" < ${cutoff}`,
      link({ status: "uncaptured", to: cutoffDay }),
    ],
    ["refund_declined", "Refunds declined", Prisma.sql`t.kind = 'refund' AND t.status = 'declined'`, link({ kind: "refund", status: "declined" })],
    ["refund_error", "Refunds that failed with an error", Prisma.sql`t.kind = 'refund' AND t.status = 'error'`, link({ kind: "refund", status: "error" })],
  ];
  const counts = await Promise.all(items.map(([, , where]) => capped(db, where)));
  return items.map(([key, label, , href], i) => ({ key, label, count: counts[i]!, href }));
}
