// The settlement report: per gateway account and day (the merchant's day, which the sandbox's and the
// gateways' daily cut-off follows), what settled — sales, refunds, voids, net, count — and the rows
// where the gateway and Keyed disagree. What settled is the gateway's knowledge: its listing where
// its API has one (BluePay's bpdailyreport2), else an inquiry per open transaction. Settled rows get
// their Transaction.settledAt on the way, so the detail page shows "Settled" and offers a refund.
import type { Prisma } from "../generated/prisma/client";
import type { TransactionStatus } from "../generated/prisma/enums";
import type { Db } from "../db";
import type { GatewayClient, InquiryResult, SettlementEntry } from "../gateways/types";
import { addDays, dayIn, startOfDay } from "../time";
import { NotFoundError } from "./errors";
import { gatewayFor, type PaymentContext } from "./payments/context";
import { parentRef } from "./payments/parent";
import { settledAtOf } from "./payments/settlement";
import { openToken } from "./vault-tokens";

/** Keyed rows created this long before the first day are included: they may settle in the period. */
const LOOKBACK_DAYS = 7;
/** Inquiries one report makes at most (gateways without a listing), and how many at once. */
export const MAX_INQUIRIES = 150;
const INQUIRY_CONCURRENCY = 4;
/** How long one report may spend asking (the page waits for it). */
const INQUIRY_BUDGET_MS = 20_000;
const SETTLING_KINDS = ["sale", "capture", "refund"] as const;

export type FlagReason =
  /** The gateway settled it; Keyed has it as unknown, pending, declined or error. */
  | "settled_not_approved"
  /** The gateway settled it; Keyed voided it. */
  | "settled_but_voided"
  /** The gateway settled a transaction Keyed has no record of. */
  | "gateway_only"
  /** Keyed approved it; the gateway has no record of it. */
  | "missing_at_gateway"
  /** Keyed approved it before the last cut-off; the gateway has not settled it. */
  | "unsettled_after_cutoff"
  /** Keyed records it settled; the gateway says it is not. */
  | "settled_in_keyed_only";

export const FLAG_LABELS: Record<FlagReason, string> = {
  settled_not_approved: "Settled by the gateway, not approved in Keyed",
  settled_but_voided: "Settled by the gateway, voided in Keyed",
  gateway_only: "Settled by the gateway, unknown to Keyed",
  missing_at_gateway: "Approved in Keyed, unknown to the gateway",
  unsettled_after_cutoff: "Approved in Keyed, not settled after the cut-off",
  settled_in_keyed_only: "Settled in Keyed, not at the gateway",
};

export interface SettlementFlag {
  day: string;
  reason: FlagReason;
  transactionId: string | null;
  reference: string | null;
  gatewayTransactionId: string | null;
  kind: string;
  amount: number;
  keyedStatus: TransactionStatus | null;
  gatewaySettledAt: string | null;
}

export interface SettlementDay {
  day: string;
  sales: number;
  refunds: number;
  voids: number;
  net: number;
  /** Settled sales and refunds, plus voids. */
  count: number;
  flags: SettlementFlag[];
}

export interface SettlementReport {
  account: { id: string; label: string; kind: string; currency: string };
  from: string;
  to: string;
  /** listing: the gateway's own report; inquiry: one question per open transaction. */
  source: "listing" | "inquiry";
  days: SettlementDay[];
  totals: Omit<SettlementDay, "day" | "flags"> & { flags: number };
  /** What the report could not learn (the gateway did not answer, too many open rows); empty when complete. */
  problems: string[];
  /** Rows whose settledAt the report recorded from the gateway's answer. */
  newlySettled: number;
}

interface GatewayView {
  known: boolean;
  approved: boolean;
  settled: boolean;
  /** False where the gateway's answer does not say whether it settled (Rover Pay outside the simulator). */
  settlementKnown: boolean;
  voided: boolean;
  settledAt?: string;
  /** The gateway performed it as a void (BluePay answers a full refund of an unsettled sale with a VOID). */
  performedAsVoid: boolean;
}

const include = {
  paymentMethod: { select: { token: true } },
  parent: { include: { paymentMethod: { select: { token: true } } } },
} satisfies Prisma.TransactionInclude;
type Row = Prisma.TransactionGetPayload<{ include: typeof include }>;

const isSettling = (kind: string) => (SETTLING_KINDS as readonly string[]).includes(kind);

export async function settlementReport(
  ctx: Pick<PaymentContext, "db" | "clientFor">,
  input: { accountId: string; from: string; to: string },
  opts: { timeZone: string; now?: Date; budgetMs?: number },
): Promise<SettlementReport> {
  const { db } = ctx;
  const now = opts.now ?? new Date();
  const tz = opts.timeZone;
  const account = await db.gatewayAccount.findUnique({ where: { id: input.accountId } });
  if (!account) throw new NotFoundError("That gateway account");
  const start = startOfDay(input.from, tz);
  const end = startOfDay(addDays(input.to, 1), tz);
  const lookback = startOfDay(addDays(input.from, -LOOKBACK_DAYS), tz);
  const rows: Row[] = await db.transaction.findMany({
    where: {
      gatewayAccountId: account.id,
      kind: { in: [...SETTLING_KINDS, "void"] },
      OR: [{ createdAt: { gte: lookback, lt: end } }, { settledAt: { gte: start, lt: end } }],
    },
    include,
    orderBy: { createdAt: "asc" },
  });

  const client = gatewayFor(ctx, account);
  const problems: string[] = [];
  const views = new Map<string, GatewayView>();
  let gatewayOnly: SettlementEntry[] = [];
  const source = client.settlements ? "listing" : "inquiry";

  if (client.settlements) {
    const listing = await client.settlements({ from: start, to: end });
    if (!listing.ok) problems.push(listing.message);
    else {
      const byId = new Map(listing.entries.map((e) => [e.gatewayTransactionId, e]));
      const byRef = new Map(listing.entries.filter((e) => e.reference).map((e) => [`${e.kind}:${e.reference}`, e]));
      const matched = new Set<SettlementEntry>();
      for (const row of rows) {
        const e = (row.gatewayTransactionId ? byId.get(row.gatewayTransactionId) : undefined) ?? byRef.get(`${row.kind}:${row.reference}`);
        if (e) matched.add(e);
        views.set(
          row.id,
          e
            ? { known: true, approved: e.approved, settled: !!e.settledAt, settlementKnown: true, voided: e.voided, settledAt: e.settledAt, performedAsVoid: e.kind === "void" }
            : { known: false, approved: false, settled: false, settlementKnown: true, voided: false, performedAsVoid: false },
        );
      }
      const candidates = listing.entries.filter((e) => !matched.has(e) && e.approved && e.settledAt && isSettling(e.kind));
      // A row created before the lookback can still be the one the gateway settled now.
      const older = candidates.length
        ? await db.transaction.findMany({ where: { gatewayAccountId: account.id, gatewayTransactionId: { in: candidates.map((e) => e.gatewayTransactionId) } }, select: { gatewayTransactionId: true } })
        : [];
      const knownIds = new Set(older.map((r) => r.gatewayTransactionId));
      gatewayOnly = candidates.filter((e) => !knownIds.has(e.gatewayTransactionId));
    }
  } else {
    const open = rows.filter((r) => (r.status === "approved" && isSettling(r.kind) && !r.settledAt && !r.voidedAt) || r.status === "unknown" || r.status === "pending");
    if (open.length > MAX_INQUIRIES) problems.push(`${open.length - MAX_INQUIRIES} open transactions were not checked with the gateway (at most ${MAX_INQUIRIES} per report): choose fewer days.`);
    const asked = open.slice(0, MAX_INQUIRIES);
    const stopAt = Date.now() + (opts.budgetMs ?? INQUIRY_BUDGET_MS);
    let failed = 0;
    let unasked = 0;
    for (let i = 0; i < asked.length; i += INQUIRY_CONCURRENCY) {
      if (Date.now() > stopAt) {
        unasked = asked.length - i;
        break;
      }
      await Promise.all(
        asked.slice(i, i + INQUIRY_CONCURRENCY).map(async (row) => {
          const found = await inquire(client, row);
          if (!found) return failed++;
          // Not found because the gateway did not answer is no evidence either way.
          if (!found.found && found.errorKind === "unknown_outcome") return failed++;
          views.set(row.id, {
            known: found.found,
            approved: found.found && found.status === "approved",
            settled: !!found.settled,
            settlementKnown: found.settled !== undefined,
            voided: !!found.voided,
            settledAt: found.settledAt,
            performedAsVoid: false,
          });
        }),
      );
    }
    if (unasked > 0) problems.push(`The gateway answered slowly: ${unasked} open transaction${unasked === 1 ? " was" : "s were"} not checked; run the report again later.`);
    if (failed > 0) problems.push(`The gateway did not answer for ${failed} transaction${failed === 1 ? "" : "s"}; run the report again later.`);
  }

  // Record what the gateway settled, so the detail page shows it and offers a refund instead of a void.
  let newlySettled = 0;
  for (const row of rows) {
    const v = views.get(row.id);
    if (!v?.settled || row.status !== "approved" || row.settledAt || row.voidedAt || !isSettling(row.kind)) continue;
    const at = settledAtOf(v.settledAt, now);
    const { count } = await db.transaction.updateMany({ where: { id: row.id, settledAt: null }, data: { settledAt: at } });
    newlySettled += count;
    row.settledAt = at;
  }

  const today = dayIn(now, tz);
  const days = new Map<string, SettlementDay>();
  for (let d = input.from; d <= input.to; d = addDays(d, 1)) days.set(d, { day: d, sales: 0, refunds: 0, voids: 0, net: 0, count: 0, flags: [] });
  const dayOf = (at: Date) => days.get(dayIn(at, tz));

  for (const row of rows) {
    if (row.status === "approved" && row.settledAt && isSettling(row.kind) && !row.voidedAt) {
      const day = dayOf(row.settledAt);
      if (day) {
        if (row.kind === "refund") day.refunds += row.amount;
        else day.sales += row.amount;
        day.count++;
      }
    }
    if (row.kind === "void" && row.status === "approved") {
      const day = dayOf(row.createdAt);
      if (day) {
        day.voids += row.amount;
        day.count++;
      }
    }
    const reason = flagOf(row, views.get(row.id), today, tz, source);
    if (reason) {
      const v = views.get(row.id);
      const day = dayOf(v?.settledAt ? new Date(v.settledAt) : row.createdAt);
      day?.flags.push({
        day: day.day,
        reason,
        transactionId: row.id,
        reference: row.reference,
        gatewayTransactionId: row.gatewayTransactionId,
        kind: row.kind,
        amount: row.amount,
        keyedStatus: row.status,
        gatewaySettledAt: v?.settledAt ?? null,
      });
    }
  }
  for (const e of gatewayOnly) {
    const day = dayOf(new Date(e.settledAt!));
    day?.flags.push({ day: day.day, reason: "gateway_only", transactionId: null, reference: e.reference ?? null, gatewayTransactionId: e.gatewayTransactionId, kind: e.kind, amount: e.amount.amount, keyedStatus: null, gatewaySettledAt: e.settledAt ?? null });
  }

  const list = [...days.values()].map((d) => ({ ...d, net: d.sales - d.refunds }));
  const totals = list.reduce(
    (t, d) => ({ sales: t.sales + d.sales, refunds: t.refunds + d.refunds, voids: t.voids + d.voids, net: t.net + d.net, count: t.count + d.count, flags: t.flags + d.flags.length }),
    { sales: 0, refunds: 0, voids: 0, net: 0, count: 0, flags: 0 },
  );
  return {
    account: { id: account.id, label: account.label, kind: account.kind, currency: account.currency },
    from: input.from,
    to: input.to,
    source,
    days: list,
    totals,
    problems,
    newlySettled,
  };
}

function flagOf(row: Row, v: GatewayView | undefined, today: string, tz: string, source: "listing" | "inquiry"): FlagReason | null {
  if (!v) return null;
  const settling = isSettling(row.kind);
  if (v.settled && v.approved && settling && row.status !== "approved") return "settled_not_approved";
  if (v.settled && settling && row.voidedAt) return "settled_but_voided";
  if (row.status !== "approved" || !settling || row.voidedAt || v.performedAsVoid) return null;
  if (!v.known) return "missing_at_gateway";
  if (!v.settlementKnown) return null;
  // Only a listing tells us about rows Keyed already has as settled (an inquiry asks about open ones).
  if (source === "listing" && row.settledAt && !v.settled && !v.voided) return "settled_in_keyed_only";
  if (!v.settled && !v.voided && dayIn(row.createdAt, tz) < today) return "unsettled_after_cutoff";
  return null;
}

async function inquire(client: GatewayClient, row: Row): Promise<InquiryResult | null> {
  return client
    .inquire({
      operation: row.kind,
      gatewayTransactionId: row.gatewayTransactionId ?? undefined,
      reference: row.reference,
      orderId: row.orderId ?? undefined,
      amount: { amount: row.amount, currency: row.currency },
      parent: row.parent ? parentRef(row.parent) : parentRef(row),
      token: row.paymentMethod ? openToken(row.paymentMethod.token) : undefined,
    })
    .catch(() => null);
}

/** The gateway accounts the report can be run for (every account, active or not: old days still settle). */
export async function settlementAccounts(db: Db): Promise<{ id: string; label: string; kind: string; active: boolean }[]> {
  return db.gatewayAccount.findMany({ select: { id: true, label: true, kind: true, active: true }, orderBy: [{ active: "desc" }, { label: "asc" }] });
}
