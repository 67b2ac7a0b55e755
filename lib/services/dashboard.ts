// What a manager sees first: sales, refunds and net per currency for a period of days in the
// merchant's time zone against the period before it, volume per day (per hour for one day), approval
// rate per gateway account, failures by fault, AVS/CVV mismatch shares, and what needs attention.
//
// Totals come from "TransactionRollup" (hourly, UTC, kept by triggers in the same database
// transaction as every write of a Transaction; migration 20261202195500_transaction_rollup). A
// period's edges are merchant midnights; in a zone whose offset is not whole hours (India, Nepal)
// the hour around each edge is read from "Transaction" instead, so totals are exact in every zone.
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

interface Bucket {
  previous: boolean;
  bucket: string;
  gatewayAccountId: string;
  currency: string;
  kind: string;
  status: string;
  voided: boolean;
  fault: string;
  count: bigint;
  amount: bigint;
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
  const raw = rawHours.length
    ? Prisma.sql`
      UNION ALL
      SELECT t."createdAt", t."gatewayAccountId", t.currency, t.kind, t.status, t."voidedAt" IS NOT NULL,
             CASE WHEN t.status IN ('declined', 'error') THEN coalesce(t.fault, 'unclassified') ELSE '' END,
             1, t.amount::bigint,
             (t.kind IN ('sale', 'auth') AND coalesce(t."avsCategory" IN ('match', 'partial', 'no_match'), false))::int,
             (t.kind IN ('sale', 'auth') AND coalesce(t."avsCategory" IN ('partial', 'no_match'), false))::int,
             (t.kind IN ('sale', 'auth') AND coalesce(t."cvvCategory" IN ('match', 'partial', 'no_match'), false))::int,
             (t.kind IN ('sale', 'auth') AND coalesce(t."cvvCategory" IN ('partial', 'no_match'), false))::int
      FROM unnest(${rawHours}::timestamp[]) h
      -- LATERAL: one index range scan per hour, not one over the whole period.
      CROSS JOIN LATERAL (
        SELECT * FROM "Transaction" x
        WHERE x."createdAt" >= greatest(h, ${first}::timestamp) AND x."createdAt" < least(h + interval '1 hour', ${last}::timestamp)
      ) t`
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

/** Counted as a sale the way the history's "Approved volume" counts it: approved sales and captures not voided. */
const isSale = (b: Bucket) => b.status === "approved" && (b.kind === "sale" || b.kind === "capture") && !b.voided;
const isRefund = (b: Bucket) => b.status === "approved" && b.kind === "refund";

function addTo(t: MoneyTotals, b: Bucket) {
  const n = Number(b.count);
  const amount = Number(b.amount);
  if (isSale(b)) {
    t.salesCount += n;
    t.salesAmount += amount;
    t.net += amount;
  } else if (isRefund(b)) {
    t.refundsCount += n;
    t.refundsAmount += amount;
    t.net -= amount;
  } else if (b.status === "approved" && b.kind === "void") t.voidsCount += n;
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
  // Every merchant midnight is an edge, so a day's bucket is exact even where the offset is not whole hours.
  const edges = dayLabels(previousFrom, addDays(period.to, 1)).map((d) => startOfDay(d, tz));
  const bucketSql = granularity === "hour" ? Prisma.sql`'YYYY-MM-DD HH24:00'` : Prisma.sql`'YYYY-MM-DD'`;

  const [buckets, labels, attention] = await Promise.all([
    db.$queryRaw<Bucket[]>`
      SELECT u.ts < ${start} AS previous,
             to_char(u.ts AT TIME ZONE 'UTC' AT TIME ZONE ${tz}, ${bucketSql}) AS bucket,
             u."gatewayAccountId", u.currency, u.kind::text AS kind, u.status::text AS status, u.voided, u.fault,
             sum(u.count)::bigint AS count, sum(u.amount)::bigint AS amount,
             sum(u."avsChecked")::bigint AS "avsChecked", sum(u."avsMismatch")::bigint AS "avsMismatch",
             sum(u."cvvChecked")::bigint AS "cvvChecked", sum(u."cvvMismatch")::bigint AS "cvvMismatch"
      FROM ${periodRows(edges)} u (ts, "gatewayAccountId", currency, kind, status, voided, fault, count, amount, "avsChecked", "avsMismatch", "cvvChecked", "cvvMismatch")
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`,
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

  for (const b of buckets) {
    const t = totals.get(b.currency) ?? { currency: b.currency, current: emptyTotals(), previous: emptyTotals() };
    totals.set(b.currency, t);
    addTo(b.previous ? t.previous : t.current, b);
    if (b.previous) continue;
    const n = Number(b.count);
    if (isSale(b) || isRefund(b)) {
      let s = series.get(b.currency);
      if (!s) series.set(b.currency, (s = new Map(points.map((label) => [label, { label, sales: 0, refunds: 0 }]))));
      const p = s.get(b.bucket);
      if (p) p[isSale(b) ? "sales" : "refunds"] += Number(b.amount);
    }
    if (b.kind === "sale" || b.kind === "auth") {
      avs.checked += Number(b.avsChecked);
      avs.mismatch += Number(b.avsMismatch);
      cvv.checked += Number(b.cvvChecked);
      cvv.mismatch += Number(b.cvvMismatch);
      if (b.status === "approved" || b.status === "declined" || b.status === "error") {
        const r = rates.get(b.gatewayAccountId) ?? { accountId: b.gatewayAccountId, label: accountLabel.get(b.gatewayAccountId) ?? b.gatewayAccountId, approved: 0, decided: 0 };
        rates.set(b.gatewayAccountId, r);
        r.decided += n;
        if (b.status === "approved") r.approved += n;
        else failures.set(b.fault, (failures.get(b.fault) ?? 0) + n);
      }
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
    failures: [...failures.entries()].map(([fault, count]) => ({ fault, count })).sort((a, b) => b.count - a.count),
    avs,
    cvv,
    attention,
  };
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
