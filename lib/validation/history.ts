// The transaction history's filters, as they appear in the URL (/transactions?status=…&from=…).
// The same schema checks the filter form in the browser and the query of the route handlers.
import * as z from "zod/mini";
import { SEARCH_BY_LAST4 } from "../card";
import { parseMajor } from "../money";
import { addDays, dayIn } from "../time";
import { calendarDay } from "./dates";
import { noCardNumber } from "./no-card-number";

export const RANGE_PRESETS = ["today", "yesterday", "last7", "month"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export const RANGE_LABELS: Record<RangePreset, string> = { today: "Today", yesterday: "Yesterday", last7: "Last 7 days", month: "This month" };

/** The calendar days a preset covers in the merchant's time zone (shown in From/To, and filtered on). */
export function presetDays(range: RangePreset, tz: string, now = new Date()): { from: string; to: string } {
  const today = dayIn(now, tz);
  return {
    today: { from: today, to: today },
    yesterday: { from: addDays(today, -1), to: addDays(today, -1) },
    last7: { from: addDays(today, -6), to: today },
    month: { from: `${today.slice(0, 7)}-01`, to: today },
  }[range];
}

/** What a person filters on: the status they see (a voided sale is "voided", not "approved"), and approved authorizations not captured or voided yet. */
export const STATUS_FILTERS = ["approved", "declined", "pending", "error", "unknown", "voided", "refunded", "partially_refunded", "uncaptured"] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export const KIND_FILTERS = ["sale", "auth", "capture", "void", "refund"] as const;

/** What the AVS/CVV checks and rules made of a sale (lib/risk-rules.ts). */
export const RISK_FILTERS = ["mismatch", "auto_voided"] as const;
export type RiskFilter = (typeof RISK_FILTERS)[number];
export const RISK_FILTER_LABELS: Record<RiskFilter, string> = { mismatch: "Approved with AVS/CVV mismatch", auto_voided: "Auto-voided by a rule" };

/** Amount filters are typed in major units with two decimals. */
export const FILTER_CURRENCY = "USD";

/** Empty and blank values mean "no filter". */
function optional<T extends z.ZodMiniType>(schema: T) {
  return z.pipe(
    z.transform((v: unknown) => {
      if (typeof v !== "string") return v;
      const s = v.trim();
      return s === "" ? undefined : s;
    }),
    z.optional(schema),
  );
}

const amount = z.string().check(z.refine((s) => parseMajor(s, FILTER_CURRENCY).ok, "Enter an amount such as 12.50"));

const id = z.string().check(z.maxLength(64, "That id is too long"));

export const historyFiltersSchema = z
  .object({
    range: optional(z.enum(RANGE_PRESETS, { message: "Choose a date range" })),
    from: optional(calendarDay),
    to: optional(calendarDay),
    status: optional(z.enum(STATUS_FILTERS, { message: "Choose a status" })),
    kind: optional(z.enum(KIND_FILTERS, { message: "Choose a kind" })),
    risk: optional(z.enum(RISK_FILTERS, { message: "Choose an AVS/CVV filter" })),
    account: optional(id),
    user: optional(id),
    customer: optional(id),
    min: optional(amount),
    max: optional(amount),
    last4: optional(z.string().check(z.regex(/^\d{4}$/, "Enter exactly 4 digits"))),
    order: optional(z.string().check(z.maxLength(40, "Order numbers have at most 40 characters"), noCardNumber("Order number", SEARCH_BY_LAST4))),
    q: optional(z.string().check(z.minLength(2, "Type at least 2 characters"), z.maxLength(100, "Search for at most 100 characters"), noCardNumber("Search", SEARCH_BY_LAST4))),
  })
  .check(
    z.superRefine((f, ctx) => {
      if (f.from && f.to && f.from > f.to) ctx.addIssue({ code: "custom", path: ["to"], message: "The end date is before the start date" });
      if (f.min && f.max) {
        const lo = parseMajor(f.min, FILTER_CURRENCY);
        const hi = parseMajor(f.max, FILTER_CURRENCY);
        if (lo.ok && hi.ok && lo.minor > hi.minor) ctx.addIssue({ code: "custom", path: ["max"], message: "The largest amount is below the smallest" });
      }
    }),
  );

export type HistoryFilters = z.output<typeof historyFiltersSchema>;
export const FILTER_KEYS = Object.keys(historyFiltersSchema.shape) as (keyof HistoryFilters)[];

/** The filters of a query string (the first value of each key; unknown keys are ignored). */
export function filtersInput(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const v = params.get(key);
    if (v !== null) out[key] = v;
  }
  return out;
}

/** The filters as a query string, without empty values, in a stable order. */
export function filtersToQuery(filters: Partial<Record<keyof HistoryFilters, string | undefined>>): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const v = filters[key]?.trim();
    if (v) params.set(key, v);
  }
  return params.toString();
}
