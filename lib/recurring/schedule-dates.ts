// When a recurring schedule's payments fall due. Each payment is the n-th occurrence counted from the
// schedule's anchor day (its start, or the day a manager moved it to), never from the previous one, so
// a monthly plan on the 31st is charged on Feb 28 (29 in a leap year) and on Mar 31 again, as
// Authorize.Net and Square do. Days are calendar days in the merchant's time zone; a payment is due at
// CHARGE_LOCAL_MINUTES on its day there, the same wall-clock time on either side of a DST change.
import { addDays, dayIn, wallTimeOn } from "../time";

export type IntervalUnit = "week" | "month" | "year";

export interface RecurrenceRule {
  /** The first payment's day, "YYYY-MM-DD". For months and years its day of the month is the plan's. */
  anchorDate: string;
  unit: IntervalUnit;
  /** Every `every` weeks/months/years (1 or more). */
  every: number;
}

/** Payments are due at 09:00 merchant time: charged in business hours, so a decline can be followed up the same day. */
export const CHARGE_LOCAL_MINUTES = 9 * 60;

const daysInMonth = (year: number, month1: number) => new Date(Date.UTC(year, month1, 0)).getUTCDate();
const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function parseDay(day: string): [number, number, number] {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return [y, m, d];
}

/** The day of the n-th payment (n = 0 is the anchor day itself). */
export function occurrence(rule: RecurrenceRule, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError("occurrence index must be a whole number ≥ 0");
  if (!Number.isInteger(rule.every) || rule.every < 1) throw new RangeError("interval must be 1 or more");
  if (rule.unit === "week") return addDays(rule.anchorDate, 7 * rule.every * n);
  const [y, m, d] = parseDay(rule.anchorDate);
  const months = (m - 1) + n * rule.every * (rule.unit === "year" ? 12 : 1);
  const year = y + Math.floor(months / 12);
  const month1 = (months % 12) + 1;
  return `${pad(year, 4)}-${pad(month1)}-${pad(Math.min(d, daysInMonth(year, month1)))}`;
}

/** The instant a payment due on `day` is charged, in `timeZone`. */
export function dueAt(day: string, timeZone: string): Date {
  return wallTimeOn(day, CHARGE_LOCAL_MINUTES, timeZone);
}

/** The merchant's today ("YYYY-MM-DD") at `now`. */
export function todayIn(now: Date, timeZone: string): string {
  return dayIn(now, timeZone);
}

/** How a schedule ends: after `count` payments, after the last one due on or before `until`, or never. */
export type ScheduleEnd = { kind: "never" } | { kind: "count"; count: number } | { kind: "until"; until: string };

/** Whether the n-th occurrence (0-based, counted from the schedule's first payment) is still inside the plan. */
export function withinEnd(end: ScheduleEnd, paymentNumber: number, day: string): boolean {
  if (end.kind === "count") return paymentNumber < end.count;
  if (end.kind === "until") return day <= end.until;
  return true;
}

/** The index of the first occurrence on or after `day` (for resuming a paused plan without charging for the pause). */
export function firstOccurrenceOnOrAfter(rule: RecurrenceRule, day: string, from = 0): number {
  let n = from;
  // Bounded: weekly plans over a few years are a few hundred steps.
  while (occurrence(rule, n) < day) n++;
  return n;
}

/** Days from `day` (plus `days`), for retry plans. */
export function retryDay(day: string, days: number): string {
  return addDays(day, days);
}

/** Human wording of a rule, e.g. "Monthly on the 31st (last day in shorter months)", "Every 2 weeks on Monday". */
export function describeRule(rule: RecurrenceRule): string {
  const [y, m, d] = parseDay(rule.anchorDate);
  if (rule.unit === "week") {
    const weekday = new Date(Date.UTC(y, m - 1, d)).toLocaleDateString("en-US", { weekday: "long", timeZone: "UTC" });
    return rule.every === 1 ? `Weekly on ${weekday}` : `Every ${rule.every} weeks on ${weekday}`;
  }
  const nth = ordinal(d);
  const clamp = d > 28 ? " (last day in shorter months)" : "";
  if (rule.unit === "month") return `${rule.every === 1 ? "Monthly" : `Every ${rule.every} months`} on the ${nth}${clamp}`;
  const date = new Date(Date.UTC(2000, m - 1, d)).toLocaleDateString("en-US", { month: "long", day: "numeric", timeZone: "UTC" });
  return `${rule.every === 1 ? "Yearly" : `Every ${rule.every} years`} on ${date}${m === 2 && d === 29 ? " (Feb 28 in other years)" : ""}`;
}

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${s}`;
}
