// Schemas shared by the admin forms (browser) and their server actions.
import * as z from "zod/mini";
import { ROLES } from "../auth/roles";
import { isCountryCode } from "../countries";
import { GATEWAY_KINDS } from "../gateways/types";
import { CURRENCIES, parseMajor } from "../money";
import { newPasswordSchema } from "./account";
import { calendarDay } from "./dates";
import { noCardNumber } from "./no-card-number";
import { optionalText, text } from "./payment";

const AMOUNT_ERRORS = {
  empty: "Enter the per-transaction maximum",
  format: "Enter an amount like 5000 or 5000.00",
  decimal_comma: "Use a dot for cents, e.g. 5000.00",
  precision: "Too many decimal places for this currency",
  too_large: "That amount is too large",
} as const;

const CONFIRM_ERRORS = { ...AMOUNT_ERRORS, empty: "Enter an amount, or leave it empty" } as const;

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

export const TIMEOUT_SECONDS = { min: 1, max: 120 } as const;

/**
 * A gateway account as the form sends it. Credentials are validated by the gateway kind's own
 * schema in the service (an empty secret field means "keep the stored one").
 * Output: maxAmount in minor units, timeout in milliseconds.
 */
export const gatewayAccountSchema = z.pipe(
  z
    .object({
      label: z.string().check(z.trim(), z.minLength(1, "Enter a label"), z.maxLength(80, "Keep the label under 80 characters")),
      kind: z.enum(GATEWAY_KINDS, "Choose a gateway"),
      mode: z.enum(["test", "live"], "Choose test or live"),
      baseUrl: z.string().check(z.trim(), z.minLength(1, "Enter the base URL"), z.refine(isHttpUrl, "Enter an http:// or https:// URL")),
      currency: z.enum(CURRENCIES, "Choose a currency"),
      maxAmount: z.string(),
      /** A sale above it needs a second Enter in the terminal; empty: never. */
      confirmAbove: z._default(z.optional(z.string().check(z.trim())), ""),
      timeoutSeconds: z
        .string()
        .check(
          z.trim(),
          z.regex(/^\d+$/, "Enter whole seconds"),
          z.refine((s) => Number(s) >= TIMEOUT_SECONDS.min && Number(s) <= TIMEOUT_SECONDS.max, `Between ${TIMEOUT_SECONDS.min} and ${TIMEOUT_SECONDS.max} seconds`),
        ),
      isDefault: z.boolean(),
      credentials: z.record(z.string(), z.string().check(z.maxLength(2000, "That value is too long"))),
      /** The admin confirmed switching to live; the service refuses a switch without it. */
      confirmLive: z.optional(z.boolean()),
    })
    .check(
      z.superRefine((v, ctx) => {
        const parsed = parseMajor(v.maxAmount, v.currency);
        if (!parsed.ok) ctx.addIssue({ code: "custom", path: ["maxAmount"], message: AMOUNT_ERRORS[parsed.error] });
        else if (parsed.minor <= 0) ctx.addIssue({ code: "custom", path: ["maxAmount"], message: "The maximum must be more than zero" });
        if (v.confirmAbove === "") return;
        const confirm = parseMajor(v.confirmAbove, v.currency);
        if (!confirm.ok) ctx.addIssue({ code: "custom", path: ["confirmAbove"], message: CONFIRM_ERRORS[confirm.error] });
        else if (confirm.minor <= 0) ctx.addIssue({ code: "custom", path: ["confirmAbove"], message: "Enter an amount above zero, or leave it empty" });
        else if (parsed.ok && confirm.minor >= parsed.minor)
          ctx.addIssue({ code: "custom", path: ["confirmAbove"], message: "Set it below the per-transaction maximum, or leave it empty" });
      }),
    ),
  z.transform(({ maxAmount, confirmAbove, timeoutSeconds, ...rest }) => {
    const parsed = parseMajor(maxAmount, rest.currency);
    const confirm = confirmAbove === "" ? null : parseMajor(confirmAbove, rest.currency);
    return { ...rest, maxAmount: parsed.ok ? parsed.minor : 0, confirmAbove: confirm?.ok ? confirm.minor : null, timeoutMs: Number(timeoutSeconds) * 1000 };
  }),
);
export type GatewayAccountFormValues = z.input<typeof gatewayAccountSchema>;
export type GatewayAccountInput = z.output<typeof gatewayAccountSchema>;

export const userIdSchema = z.string().check(z.minLength(1), z.maxLength(64));

const passwordChoice = {
  /** "generate": a temporary password is made and shown once; "set": the admin typed one. */
  passwordMode: z.enum(["generate", "set"]),
  password: z.optional(z.string().check(z.maxLength(200))),
};

function checkChosenPassword(v: { passwordMode: "generate" | "set"; password?: string }, ctx: z.core.$RefinementCtx) {
  if (v.passwordMode !== "set") return;
  const result = newPasswordSchema.safeParse(v.password ?? "");
  if (!result.success) ctx.addIssue({ code: "custom", path: ["password"], message: result.error.issues[0]?.message ?? "Choose another password" });
}

export const createUserSchema = z
  .object({
    name: z.string().check(z.trim(), z.minLength(1, "Enter a name"), z.maxLength(100, "Keep the name under 100 characters")),
    email: z.string().check(z.trim(), z.toLowerCase(), z.minLength(1, "Enter an email"), z.maxLength(254, "That email is too long"), z.email("Enter a valid email")),
    role: z.enum(ROLES, "Choose a role"),
    ...passwordChoice,
  })
  .check(z.superRefine(checkChosenPassword));
export type CreateUserFormValues = z.input<typeof createUserSchema>;
export type CreateUserInput = z.output<typeof createUserSchema>;

export const resetPasswordSchema = z.object({ userId: userIdSchema, ...passwordChoice }).check(z.superRefine(checkChosenPassword));
export type ResetPasswordInput = z.output<typeof resetPasswordSchema>;

export const changeRoleSchema = z.object({ userId: userIdSchema, role: z.enum(ROLES, "Choose a role") });
export const setUserActiveSchema = z.object({ userId: userIdSchema, active: z.boolean() });
export const resetMfaSchema = z.object({ userId: userIdSchema });

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const merchantSettingsSchema = z.object({
  merchantName: z.string().check(z.trim(), z.minLength(1, "Enter the merchant name"), z.maxLength(100, "Keep the name under 100 characters")),
  timeZone: z.string().check(z.trim(), z.minLength(1, "Choose a time zone"), z.refine(isTimeZone, "Choose a time zone from the list")),
  merchantAddress: optionalText(text("Address", 200)),
  merchantPhone: optionalText(z.string().check(z.trim(), z.maxLength(30, "A phone number has at most 30 characters"), z.regex(/^[+\d\s().-]*$/, "Use digits, spaces, + ( ) - only"), noCardNumber("Phone"))),
  clerkMfa: z.enum(["required", "optional"], "Choose whether clerks need two-step sign-in"),
  /** "": the country of each gateway account's currency. */
  billingCountry: z._default(z.optional(z.string().check(z.trim(), z.toUpperCase(), z.refine((c) => c === "" || isCountryCode(c), "Choose a country from the list"))), ""),
  receiptEmails: z._default(z.enum(["manual", "automatic"], "Choose when receipts are emailed"), "manual"),
});
export type MerchantSettingsInput = z.output<typeof merchantSettingsSchema>;

const day = z.union([
  z.optional(calendarDay),
  z.pipe(
    z.literal(""),
    z.transform(() => undefined),
  ),
]);

/** Audit log filter, from the page's query string (and the CSV export's). */
export const auditFilterSchema = z
  .object({
    actor: z.optional(z.string().check(z.trim(), z.maxLength(254))),
    action: z.optional(z.string().check(z.trim(), z.maxLength(100))),
    from: day,
    to: day,
  })
  .check(z.refine((v) => !v.from || !v.to || v.from <= v.to, { path: ["to"], message: "The end date is before the start date" }));
export type AuditFilter = z.output<typeof auditFilterSchema>;
