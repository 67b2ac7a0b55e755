// The terminal's input, validated by the same schemas in the browser (react-hook-form) and in the
// server action. Amount limits depend on the gateway account, so the sale schema is built per account.
import { z } from "zod";
import { cvvLengthFor, detectBrand, digitsOnly, luhnValid, notExpired, parseExpiry, validLengthForBrand } from "../card";
import { isCountryCode } from "../countries";
import { formatMoney, parseMajor } from "../money";

const text = (label: string, max: number) => z.string().trim().max(max, `${label} is too long (at most ${max} characters)`);
const required = (label: string, max: number) => text(label, max).min(1, `Enter the ${label.toLowerCase()}`);

export const billingSchema = z.object({
  firstName: required("First name", 60),
  lastName: required("Last name", 60),
  address1: required("Address", 120),
  address2: text("Address line 2", 120).optional().default(""),
  city: required("City", 60),
  state: text("State / region", 60).optional().default(""),
  postalCode: required("ZIP / postal code", 16).regex(/^[A-Za-z0-9 -]+$/, "Use letters, digits, spaces or dashes"),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .refine(isCountryCode, "Choose a country"),
  email: z.union([z.literal(""), z.string().trim().max(254, "That email is too long").email("Enter a valid email")]).optional().default(""),
  phone: z
    .union([z.literal(""), z.string().trim().max(30, "That phone number is too long").regex(/^[+()\d\s.-]{5,}$/, "Enter a valid phone number")])
    .optional()
    .default(""),
});
export type BillingInput = z.input<typeof billingSchema>;
export type Billing = z.output<typeof billingSchema>;

/** A keyed card. The number and CVV are checked here and then exist only on their way to the gateway. */
export const newCardSchema = z
  .object({
    number: z.string().transform(digitsOnly),
    expiry: z.string().trim(),
    cvv: z.string().trim(),
    holderName: required("Cardholder name", 80),
    save: z.boolean().default(true),
  })
  .superRefine((card, ctx) => {
    const brand = detectBrand(card.number);
    if (card.number.length === 0) ctx.addIssue({ code: "custom", path: ["number"], message: "Enter the card number" });
    else if (!validLengthForBrand(card.number) || !luhnValid(card.number))
      ctx.addIssue({ code: "custom", path: ["number"], message: "This card number is not valid — check the digits" });
    const exp = parseExpiry(card.expiry);
    if (!exp) ctx.addIssue({ code: "custom", path: ["expiry"], message: "Enter the expiry as MM/YY" });
    else if (!notExpired(exp.month, exp.year)) ctx.addIssue({ code: "custom", path: ["expiry"], message: "This card has expired" });
    else if (exp.year > new Date().getUTCFullYear() + 20) ctx.addIssue({ code: "custom", path: ["expiry"], message: "That expiry year is too far ahead" });
    const cvvLength = cvvLengthFor(brand);
    if (!new RegExp(`^\\d{${cvvLength}}$`).test(card.cvv))
      ctx.addIssue({ code: "custom", path: ["cvv"], message: `Enter the ${cvvLength}-digit security code${brand === "amex" ? " (4 digits on the front of an Amex card)" : ""}` });
  });
export type NewCardInput = z.input<typeof newCardSchema>;
export type NewCard = z.output<typeof newCardSchema>;

export const paymentSourceSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("saved"), paymentMethodId: z.string().min(1, "Choose a saved card").max(64, "Choose a saved card") }),
  z.object({ type: z.literal("new"), card: newCardSchema }),
]);

export interface AmountLimits {
  currency: string;
  /** Largest amount, in minor units. */
  maxAmount: number;
}

export function amountSchema(limits: AmountLimits) {
  return z.string().superRefine((value, ctx) => {
    const parsed = parseMajor(value, limits.currency);
    if (!parsed.ok) {
      const messages = {
        empty: "Enter the amount",
        format: "Enter the amount as a number, e.g. 12.50",
        precision: `${limits.currency} amounts have at most ${limits.currency === "JPY" ? 0 : 2} decimal places`,
        too_large: `The amount is over the limit of ${formatMoney(limits.maxAmount, limits.currency)}`,
      } as const;
      ctx.addIssue({ code: "custom", message: messages[parsed.error] });
    } else if (parsed.minor <= 0) ctx.addIssue({ code: "custom", message: "The amount must be more than zero" });
    else if (parsed.minor > limits.maxAmount)
      ctx.addIssue({ code: "custom", message: `The amount is over this account's limit of ${formatMoney(limits.maxAmount, limits.currency)}` });
  });
}

export function saleSchema(limits: AmountLimits) {
  return z.object({
    /** Created when the form was rendered: the same key never charges twice. */
    idempotencyKey: z.string().uuid(),
    gatewayAccountId: z.string().min(1, "Choose a gateway account").max(64, "Choose a gateway account"),
    customerId: z.string().max(64, "Choose a customer").optional().default(""),
    intent: z.enum(["sale", "auth"]).default("sale"),
    amount: amountSchema(limits),
    orderId: text("Order number", 40).optional().default(""),
    description: text("Description", 200).optional().default(""),
    billing: billingSchema,
    payment: paymentSourceSchema,
    /** The earlier attempt this one repeats (Edit and retry). */
    retryOf: z.string().max(64, "That transaction id is not valid").optional().default(""),
    /** Required when the earlier attempt's outcome is still unknown: it may have charged the card. */
    acceptDoubleChargeRisk: z.boolean().optional().default(false),
  });
}
export type SaleFormInput = z.input<ReturnType<typeof saleSchema>>;
export type SaleFormOutput = z.output<ReturnType<typeof saleSchema>>;

const transactionIdSchema = z.string().min(1, "Choose a transaction").max(64, "That transaction id is not valid");

export const refundSchema = (limits: AmountLimits) =>
  z.object({
    idempotencyKey: z.string().uuid(),
    transactionId: transactionIdSchema,
    amount: amountSchema(limits),
    reason: required("Reason", 200),
  });

export const voidSchema = z.object({ idempotencyKey: z.string().uuid(), transactionId: transactionIdSchema });

export const captureSchema = (limits: AmountLimits) =>
  z.object({ idempotencyKey: z.string().uuid(), transactionId: transactionIdSchema, amount: amountSchema(limits) });
