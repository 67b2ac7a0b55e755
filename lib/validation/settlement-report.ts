// The settlement report's filters, as they appear in the URL (/reports/settlement?account=…&from=…&to=…).
import * as z from "zod/mini";
import { addDays, dayIn } from "../time";
import { blankToUndefined as blank, calendarDay, dayRangeCheck } from "./dates";

/** Each report asks the gateway about every open transaction of the period: a month is what one page answers quickly. */
export const MAX_SETTLEMENT_DAYS = 31;

export const settlementReportSchema = z
  .object({
    account: z.pipe(z.transform(blank), z.optional(z.string().check(z.maxLength(64, "That account id is too long")))),
    from: z.pipe(z.transform(blank), z.optional(calendarDay)),
    to: z.pipe(z.transform(blank), z.optional(calendarDay)),
  })
  .check(dayRangeCheck(MAX_SETTLEMENT_DAYS, `Choose at most ${MAX_SETTLEMENT_DAYS} days at a time`));

export type SettlementReportFilters = z.output<typeof settlementReportSchema>;

/** The days the report covers: the ones asked for, else the last 7 days in the merchant's time zone. */
export function settlementDays(f: SettlementReportFilters, tz: string, now = new Date()): { from: string; to: string } {
  if (f.from && f.to) return { from: f.from, to: f.to };
  const today = dayIn(now, tz);
  return { from: addDays(today, -6), to: today };
}

/** The filters of a query string (first value of each key). */
export function settlementFiltersInput(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ["account", "from", "to"]) {
    const v = params.get(key);
    if (v !== null) out[key] = v;
  }
  return out;
}
