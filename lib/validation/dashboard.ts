// The dashboard's period, as it appears in the URL (/dashboard?range=last7 or ?from=…&to=…).
import * as z from "zod/mini";
import { addDays, dayIn } from "../time";
import { blankToUndefined as blank, calendarDay, dayRangeCheck } from "./dates";

export { daysBetween } from "./dates";

export const DASHBOARD_RANGES = ["today", "last7", "last30"] as const;
export type DashboardRange = (typeof DASHBOARD_RANGES)[number];
export const DASHBOARD_RANGE_LABELS: Record<DashboardRange, string> = { today: "Today", last7: "Last 7 days", last30: "Last 30 days" };

/** A longer period is refused: a year of days is what one page can chart, and what the hourly rollup answers fast. */
export const MAX_DASHBOARD_DAYS = 366;

export const dashboardPeriodSchema = z
  .object({
    range: z.pipe(z.transform(blank), z.optional(z.enum(DASHBOARD_RANGES, { message: "Choose a period" }))),
    from: z.pipe(z.transform(blank), z.optional(calendarDay)),
    to: z.pipe(z.transform(blank), z.optional(calendarDay)),
  })
  .check(dayRangeCheck(MAX_DASHBOARD_DAYS, `Choose at most ${MAX_DASHBOARD_DAYS} days; for longer periods export the history`));

export type DashboardPeriodInput = z.output<typeof dashboardPeriodSchema>;

/** The calendar days (merchant's time zone) the period covers; no range and no days means the last 7 days. */
export function dashboardDays(p: DashboardPeriodInput, tz: string, now = new Date()): { from: string; to: string } {
  if (p.from && p.to && !p.range) return { from: p.from, to: p.to };
  const today = dayIn(now, tz);
  const back = { today: 0, last7: 6, last30: 29 }[p.range ?? "last7"];
  return { from: addDays(today, -back), to: today };
}
