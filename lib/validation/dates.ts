// A calendar day typed into a date filter (history, audit log), as YYYY-MM-DD.
import * as z from "zod/mini";

/** Payments happen in this century: a far-future or far-past date is a typo (and past year 9999 no day after it can be computed). */
export const FILTER_YEARS = { min: 2000, max: 2099 } as const;

function isCalendarDay(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

export const calendarDay = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date as YYYY-MM-DD, e.g. 2026-01-31"),
  z.refine(isCalendarDay, "That date does not exist"),
  z.refine((s) => Number(s.slice(0, 4)) >= FILTER_YEARS.min && Number(s.slice(0, 4)) <= FILTER_YEARS.max, `Enter a date between ${FILTER_YEARS.min} and ${FILTER_YEARS.max}`),
);

/** A filter from a query string: "" or spaces is no filter, anything else is trimmed. */
export const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v);

/** Days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** A period's check: both ends or neither, in order, and at most `maxDays` days (`tooLong` says so). */
export function dayRangeCheck(maxDays: number, tooLong: string) {
  return z.superRefine((p: { from?: string; to?: string }, ctx) => {
    if (!p.from !== !p.to) ctx.addIssue({ code: "custom", path: [p.from ? "to" : "from"], message: "Enter both the first and the last day" });
    if (p.from && p.to && p.from > p.to) ctx.addIssue({ code: "custom", path: ["to"], message: "The last day is before the first day" });
    if (p.from && p.to && p.from <= p.to && daysBetween(p.from, p.to) > maxDays) ctx.addIssue({ code: "custom", path: ["to"], message: tooLong });
  });
}
