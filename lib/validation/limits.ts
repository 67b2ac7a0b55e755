// Velocity and amount limits (lib/services/limits.ts): what an admin sets for a role or a user in one
// currency, the merchant-wide card attempt limit, and a manager approving a sale a limit refused.
// An empty field sets no limit; zero, negative and amounts above the ceiling are refused at the field.
import * as z from "zod/mini";
import { formatMoney, parseMajor } from "../money";
import type { AmountLimits } from "./payment";

/** The largest daily total an admin may set (the column is a 32-bit integer of minor units). */
export const MAX_DAILY_MINOR = 2_000_000_000;
export const MAX_REFUND_COUNT = 10_000;
export const MAX_CARD_ATTEMPTS = 1_000;

/** "" → null (no limit); otherwise an amount more than zero and at most `max` minor units. */
function limitAmount(currency: string, max: number, over: string) {
  return z.pipe(
    z.string().check(
      z.trim(),
      z.maxLength(20, "Enter the amount as a number, e.g. 500.00"),
      z.superRefine((value, ctx) => {
        if (value === "") return;
        const parsed = parseMajor(value, currency);
        if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.error === "decimal_comma" ? "Use a dot for cents, e.g. 500.00" : "Enter the amount as a number, e.g. 500.00" });
        else if (parsed.minor <= 0) ctx.addIssue({ code: "custom", message: "A limit must be more than zero; leave the field empty for no limit" });
        else if (parsed.minor > max) ctx.addIssue({ code: "custom", message: `${over} (${formatMoney(max, currency)})` });
      }),
    ),
    z.transform((value): number | null => (value === "" ? null : (parseMajor(value, currency) as { minor: number }).minor)),
  );
}

/** "" → null (no limit); otherwise a whole number from 1 to `max`. */
function limitCount(max: number) {
  return z.pipe(
    z.string().check(
      z.trim(),
      z.superRefine((value, ctx) => {
        if (value === "") return;
        if (!/^-?\d{1,9}$/.test(value)) ctx.addIssue({ code: "custom", message: "Enter a whole number" });
        else if (Number(value) <= 0) ctx.addIssue({ code: "custom", message: "A limit must be more than zero; leave the field empty for no limit" });
        else if (Number(value) > max) ctx.addIssue({ code: "custom", message: `At most ${max}` });
      }),
    ),
    z.transform((value): number | null => (value === "" ? null : Number(value))),
  );
}

/**
 * A role's or a user's limits in one currency. `limits.maxAmount` is the largest single amount the
 * currency's gateway accounts take: a single-sale limit above it would never refuse anything.
 */
export function spendingLimitSchema(limits: AmountLimits) {
  return z.object({
    scope: z.enum(["role", "user"], { message: "Choose a role or a user" }),
    /** The role's name, or the user's id. */
    subject: z.string().check(z.minLength(1, "Choose a role or a user"), z.maxLength(64, "Choose a role or a user")),
    currency: z.string().check(z.regex(/^[A-Z]{3}$/, "Choose a currency")),
    maxSale: limitAmount(limits.currency, limits.maxAmount, "Above the largest amount this currency's gateway accounts take"),
    maxDaily: limitAmount(limits.currency, MAX_DAILY_MINOR, "Above the largest daily limit Keyed keeps"),
    maxRefundCount: limitCount(MAX_REFUND_COUNT),
    maxRefundDaily: limitAmount(limits.currency, MAX_DAILY_MINOR, "Above the largest daily limit Keyed keeps"),
  });
}
export type SpendingLimitInput = z.input<ReturnType<typeof spendingLimitSchema>>;
export type SpendingLimitValues = z.output<ReturnType<typeof spendingLimitSchema>>;

export const cardAttemptsSchema = z.object({ perHour: limitCount(MAX_CARD_ATTEMPTS) });
export type CardAttemptsValues = z.output<typeof cardAttemptsSchema>;

export const approveOverrideSchema = z.object({ overrideId: z.string().check(z.minLength(1, "Choose a request"), z.maxLength(64, "Choose a request")) });
