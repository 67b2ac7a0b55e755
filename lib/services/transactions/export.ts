// CSV export of the history for the current filters. Rows are read in keyset batches of 1,000
// with plain pg (the list's query, see list.ts) and yielded as text, so memory stays flat
// whatever the row count. Not through Prisma: its per-batch objects took the process from 140 to
// 223 MB RSS on a 100,000-row export (BENCHMARKS.md, History). Keyset batches rather than a
// server-side cursor: a cursor keeps a pooled connection and an open transaction for as long as
// the download lasts, which a slow client makes minutes. Card data is brand + last 4 only.
import { csvCell } from "../../csv";
import type { Db } from "../../db";
import { pgQuery } from "../../sql";
import { toMajorString } from "../../money";
import type { HistoryFilters } from "../../validation/history";
import { recordAudit, type Actor } from "../audit";
import { displayStatus } from "./detail";
import { filterSql } from "./filters";
import { rowCustomerName, rowsSql, type Position, type RawRow } from "./list";

export const EXPORT_BATCH = 1000;

const HEADER = [
  "id",
  "created_at_utc",
  "created_at_local",
  "kind",
  "status",
  "amount",
  "currency",
  "refunded_amount",
  "settled_at_utc",
  "settled_at_local",
  "customer",
  "customer_email",
  "card_brand",
  "card_last4",
  "gateway_account",
  "gateway_transaction_id",
  "auth_code",
  "avs_code",
  "cvv_code",
  "order_id",
  "description",
  "run_by",
  "parent_id",
];

/** "2026-01-05 14:03:09" in `tz`, which spreadsheets read as a date-time. One formatter per export: making one per row is slow. */
function localTimeFormatter(tz: string): (d: Date) => string {
  const f = new Intl.DateTimeFormat("sv-SE", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
  return (d) => f.format(d);
}

/** One CSV line (with its CRLF) for a row of the history query. */
function csvLine(r: RawRow, localTime: (d: Date) => string): string {
  const customer = r.customerId !== null;
  return (
    [
      csvCell(r.id),
      csvCell(r.createdAt.toISOString()),
      csvCell(localTime(r.createdAt)),
      csvCell(r.kind),
      csvCell(displayStatus(r)),
      csvCell(toMajorString(r.amount, r.currency), false),
      csvCell(r.currency),
      csvCell(toMajorString(r.refundedAmount, r.currency), false),
      csvCell(r.settledAt?.toISOString()),
      csvCell(r.settledAt && localTime(r.settledAt)),
      csvCell(customer ? rowCustomerName(r) : null),
      csvCell(customer ? r.email : null),
      csvCell(r.cardBrand),
      csvCell(r.cardLast4),
      csvCell(r.accountLabel),
      csvCell(r.gatewayTransactionId),
      csvCell(r.authCode),
      csvCell(r.avsCode),
      csvCell(r.cvvCode),
      csvCell(r.orderId),
      csvCell(r.description),
      csvCell(r.userName),
      csvCell(r.parentId),
    ].join(",") + "\r\n"
  );
}

/**
 * The CSV, header first, then one chunk of lines per batch. Each batch is one pg query on the
 * pool (`db.sql`), not Prisma, and no connection is held between batches: a consumer that stops
 * early (`return()`, e.g. the HTTP client went away) or a failed query leaves nothing checked out.
 */
export async function* exportCsv(db: Db, filters: HistoryFilters, opts: { timeZone: string; now?: Date; batchSize?: number }): AsyncGenerator<string> {
  const batch = opts.batchSize ?? EXPORT_BATCH;
  const where = await filterSql(db, filters, opts.timeZone, opts.now);
  const localTime = localTimeFormatter(opts.timeZone);
  yield `${HEADER.join(",")}\r\n`;
  let after: Position | null = null;
  for (;;) {
    const { rows } = await db.sql.query<RawRow>(pgQuery(rowsSql(where, after, batch)));
    if (rows.length === 0) return;
    let chunk = "";
    for (const r of rows) chunk += csvLine(r, localTime);
    yield chunk;
    if (rows.length < batch) return;
    const last: RawRow = rows[rows.length - 1]!;
    after = { createdAt: last.createdAt, id: last.id };
  }
}

/** Who exported what: written before the first byte is sent. */
export async function recordExport(db: Db, actor: Actor, filters: HistoryFilters, ip: string | null): Promise<void> {
  await recordAudit(db, { actor, action: "transactions.exported", targetType: "Transaction", details: { filters }, ip });
}

export function exportFileName(now = new Date()): string {
  return `transactions-${now.toISOString().slice(0, 10)}.csv`;
}
