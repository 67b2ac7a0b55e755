// A recurring schedule's input: the set-up form (clerks and above) and a manager's changes. What
// depends on the clock or the card (a start in the past, a card that expires before the first
// payment) is checked by the service, and reported on the same fields.
import * as z from "zod/mini";
import { calendarDay } from "./dates";
import { amountSchema, optionalText, text, type AmountLimits } from "./payment";

export const RECURRING_UNITS = ["week", "month", "year"] as const;
export const RECURRING_ENDS = ["never", "count", "until"] as const;
/** Largest "every N": 52 weeks, 12 months or 10 years would already be unusual plans. */
export const MAX_EVERY = 52;
export const MAX_PAYMENTS = 999;

const id = (message: string) => z.string().check(z.minLength(1, message), z.maxLength(64, message));

/** "1".."max" as typed into a number field; zero or less gets its own message. */
const wholeNumber = (label: string, max: number) =>
  z.string().check(
    z.trim(),
    z.superRefine((value, ctx) => {
      if (value === "") ctx.addIssue({ code: "custom", message: `Enter ${label}` });
      else if (!/^-?\d{1,6}$/.test(value)) ctx.addIssue({ code: "custom", message: `Enter ${label} as a whole number` });
      else if (Number(value) < 1) ctx.addIssue({ code: "custom", message: `${label[0]!.toUpperCase()}${label.slice(1)} must be at least 1` });
      else if (Number(value) > max) ctx.addIssue({ code: "custom", message: `${label[0]!.toUpperCase()}${label.slice(1)} is at most ${max}` });
    }),
  );

const schemas = new Map<string, ReturnType<typeof buildCreateSchema>>();

/** The set-up form, for the card's account's currency and limit. */
export function createScheduleSchema(limits: AmountLimits) {
  const key = `${limits.currency}|${limits.maxAmount}`;
  let schema = schemas.get(key);
  if (!schema) schemas.set(key, (schema = buildCreateSchema(limits)));
  return schema;
}

function buildCreateSchema(limits: AmountLimits) {
  return z
    .object({
      /** Created with the form: a double submit sets up one schedule. */
      idempotencyKey: z.uuid(),
      customerId: id("Choose a customer"),
      paymentMethodId: id("Choose a saved card"),
      amount: amountSchema(limits),
      startDate: calendarDay,
      unit: z.enum(RECURRING_UNITS, "Choose weekly, monthly or yearly"),
      every: wholeNumber("the interval", MAX_EVERY),
      endKind: z.enum(RECURRING_ENDS, "Choose when the payments end"),
      endCount: optionalText(z.string().check(z.maxLength(10, "Enter the number of payments"))),
      endDate: optionalText(z.string().check(z.maxLength(10, "Enter a date as YYYY-MM-DD"))),
      description: optionalText(text("Description", 200)),
    })
    .check(
      z.superRefine((v, ctx) => {
        if (v.endKind === "count") {
          const parsed = z.safeParse(wholeNumber("the number of payments", MAX_PAYMENTS), v.endCount);
          if (!parsed.success) ctx.addIssue({ code: "custom", path: ["endCount"], message: parsed.error.issues[0]!.message });
        }
        if (v.endKind === "until") {
          const parsed = z.safeParse(calendarDay, v.endDate);
          if (!parsed.success) ctx.addIssue({ code: "custom", path: ["endDate"], message: v.endDate ? parsed.error.issues[0]!.message : "Enter the last date" });
          else if (v.endDate < v.startDate) ctx.addIssue({ code: "custom", path: ["endDate"], message: "The end date is before the first payment" });
        }
      }),
    );
}
export type CreateScheduleInput = z.input<ReturnType<typeof createScheduleSchema>>;
export type CreateScheduleOutput = z.output<ReturnType<typeof createScheduleSchema>>;

/** A manager's change of the amount and/or the next payment's day (empty: unchanged). */
export function changeScheduleSchema(limits: AmountLimits) {
  return z
    .object({
      scheduleId: id("Choose a schedule"),
      amount: optionalText(amountSchema(limits)),
      nextDate: optionalText(calendarDay),
    })
    .check(z.refine((v) => v.amount !== "" || v.nextDate !== "", { message: "Change the amount or the next date", path: ["amount"] }));
}
export type ChangeScheduleOutput = z.output<ReturnType<typeof changeScheduleSchema>>;

export const scheduleActionSchema = z.object({
  scheduleId: id("Choose a schedule"),
  action: z.enum(["pause", "resume", "cancel"], "Choose pause, resume or cancel"),
});
export type ScheduleAction = z.output<typeof scheduleActionSchema>["action"];

export const SCHEDULE_STATUSES = ["active", "paused", "past_due", "cancelled", "completed", "stopped"] as const;

/** The schedules list's filters, from the URL. */
export const scheduleFiltersSchema = z.object({
  status: z.optional(z.enum(SCHEDULE_STATUSES)),
  /** Next payment due within this many days. */
  due: z.optional(z.enum(["7", "30"])),
  customer: z.optional(z.string().check(z.trim(), z.maxLength(64))),
});
export type ScheduleFilters = z.output<typeof scheduleFiltersSchema>;
