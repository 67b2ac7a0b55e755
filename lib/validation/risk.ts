// The risk controls' input: a clerk acknowledging a warned sale, an admin setting an account's
// AVS/CVV rules and repeat window (lib/risk-rules.ts, lib/services/payments/risk.ts).
import * as z from "zod/mini";
import { CODE_CATEGORIES, RISK_ACTIONS } from "../risk-rules";
import { voidSchema } from "./payment";

export const acknowledgeRiskSchema = z.object({ transactionId: voidSchema.shape.transactionId });

/** The longest repeat window an admin may set: a day. */
export const MAX_REPEAT_WINDOW_SECONDS = 86_400;

const action = z.enum(RISK_ACTIONS, { message: "Choose allow, warn or void" });
const categoryActions = z.object(Object.fromEntries(CODE_CATEGORIES.map((c) => [c, action])) as Record<(typeof CODE_CATEGORIES)[number], typeof action>);

export const riskSettingsSchema = z.object({
  accountId: z.string().check(z.minLength(1, "Choose a gateway account"), z.maxLength(64, "Choose a gateway account")),
  rules: z.object({ avs: categoryActions, cvv: categoryActions }),
  repeatWindowSeconds: z.pipe(
    z.union([z.number(), z.string().check(z.trim(), z.regex(/^\d+$/, "Enter a whole number of seconds"))]),
    z.transform(Number),
  ).check(
    z.refine((n) => Number.isInteger(n), "Enter a whole number of seconds"),
    z.refine((n) => n >= 0, "The window cannot be negative"),
    z.refine((n) => n <= MAX_REPEAT_WINDOW_SECONDS, `At most ${MAX_REPEAT_WINDOW_SECONDS} seconds (a day)`),
  ),
  /** The admin saw the warning that these rules void most sales, and saves anyway. */
  confirmVoidMost: z._default(z.optional(z.boolean()), false),
});
export type RiskSettingsInput = z.input<typeof riskSettingsSchema>;
export type RiskSettings = z.output<typeof riskSettingsSchema>;
