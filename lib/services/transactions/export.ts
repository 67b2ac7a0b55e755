// CSV export of the history for the current filters. Rows are read in keyset batches and
// yielded as text, so memory stays flat whatever the row count. Card data is brand + last 4 only.
import type { Db } from "../../db";
import { toMajorString } from "../../money";
import type { HistoryFilters } from "../../validation/history";
import { recordAudit, type Actor } from "../audit";
import { filterSql } from "./filters";
import { selectRows, toHistoryRow } from "./list";

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
  "customer",
  "customer_email",
  "card_brand",
  "card_last4",
  "gateway_account",
  "auth_code",
  "order_id",
  "run_by",
  "parent_id",
];

/**
 * Quotes a cell; a cell a spreadsheet would read as a formula (=, +, -, @, tab, CR) gets a leading
 * apostrophe, since names and order numbers are typed by people.
 */
export function csvCell(value: string | number | null | undefined, text = true): string {
  if (value === null || value === undefined) return "";
  let s = String(value);
  if (text && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** "2026-01-05 14:03:09" in `tz`, which spreadsheets read as a date-time. One formatter per export: making one per row is slow. */
function localTimeFormatter(tz: string): (d: Date) => string {
  const f = new Intl.DateTimeFormat("sv-SE", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
  return (d) => f.format(d);
}

/** The CSV, line by line (each ending in CRLF), header first. */
export async function* exportCsv(db: Db, filters: HistoryFilters, opts: { timeZone: string; now?: Date; batchSize?: number }): AsyncGenerator<string> {
  const batch = opts.batchSize ?? EXPORT_BATCH;
  const where = await filterSql(db, filters, opts.timeZone, opts.now);
  const localTime = localTimeFormatter(opts.timeZone);
  yield `${HEADER.join(",")}\r\n`;
  let after: { createdAt: Date; id: string } | null = null;
  for (;;) {
    const raw = await selectRows(db, where, after, batch);
    if (raw.length === 0) return;
    let chunk = "";
    for (const r of raw) {
      const row = toHistoryRow(r);
      chunk +=
        [
          csvCell(row.id),
          csvCell(row.createdAt),
          csvCell(localTime(r.createdAt)),
          csvCell(row.kind),
          csvCell(row.displayStatus),
          csvCell(toMajorString(row.amount, row.currency), false),
          csvCell(row.currency),
          csvCell(toMajorString(r.refundedAmount, row.currency), false),
          csvCell(row.customer?.name),
          csvCell(row.customer?.email),
          csvCell(row.card.brand),
          csvCell(row.card.last4),
          csvCell(row.account.label),
          csvCell(row.authCode),
          csvCell(row.orderId),
          csvCell(row.user),
          csvCell(row.parentId),
        ].join(",") + "\r\n";
    }
    yield chunk;
    if (raw.length < batch) return;
    const last = raw[raw.length - 1]!;
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
