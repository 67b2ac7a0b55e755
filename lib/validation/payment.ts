// The terminal's input, validated by the same schemas in the browser (components/ui/use-zod-form.ts)
// and in the server action. Amount limits depend on the gateway account, so the sale schema is built
// per account. Like every schema in lib/validation it is written with zod/mini: the same zod 4 core
// parses it (same rules, same messages) on both sides, but the browser loads far less of zod. The
// terminal fetches this module once the clerk starts typing (components/terminal/terminal-form.tsx).
import * as z from "zod/mini";
import { cvvLengthFor, detectBrand, digitsOnly, luhnValid, notExpired, parseExpiry, validLengthForBrand } from "../card";
import { isCountryCode } from "../countries";
import { formatMoney, parseMajor } from "../money";
import { noCardNumber } from "./no-card-number";
import { level23Field } from "./level23";
import { postalCodeIssue } from "./postal";
import { optionalText, required, text } from "./text";

export { optionalText, text } from "./text";

/** The billing fields; the customer form adds its own to them (billingSchema carries the checks across fields). */
export const billingShape = {
  firstName: required("First name", 60),
  lastName: required("Last name", 60),
  address1: required("Address", 120),
  address2: optionalText(text("Address line 2", 120)),
  city: required("City", 60),
  state: optionalText(text("State / region", 60)),
  postalCode: required("ZIP / postal code", 16).check(z.regex(/^[A-Za-z0-9 -]+$/, "Use letters, digits, spaces or dashes")),
  country: z.string().check(z.trim(), z.toUpperCase(), z.refine(isCountryCode, "Choose a country")),
  email: optionalText(z.union([z.literal(""), z.string().check(z.trim(), z.maxLength(254, "That email is too long"), z.email("Enter a valid email"), noCardNumber("Email"))])),
  phone: optionalText(
    z.union([
      z.literal(""),
      z.string().check(
        z.trim(),
        z.maxLength(30, "That phone number is too long"),
        z.regex(/^[+()\d\s.-]{5,}$/, "Enter a valid phone number"),
        // E.164 allows 15 digits: more is not a phone number, and is how a card number would look here.
        z.refine((v) => digitsOnly(v).length <= 15, "A phone number has at most 15 digits"),
      ),
    ]),
  ),
};

/** Whether the object parsed far enough to hold both fields, each valid on its own. */
const postalComparable = (payload: z.core.ParsePayload) =>
  typeof payload.value === "object" && payload.value !== null && !payload.issues.some((i) => !i.path?.length || i.path[0] === "postalCode" || i.path[0] === "country");

/**
 * The postal code must fit the country (lib/validation/postal.ts). Checked once both fields are
 * valid on their own, even when another field is not, so the message shows with the others.
 */
export const postalMatchesCountry = z.superRefine<{ postalCode: string; country: string }>(
  (v, ctx) => {
    const issue = postalCodeIssue(v.country, v.postalCode);
    if (issue) ctx.addIssue({ code: "custom", path: ["postalCode"], message: issue });
  },
  { when: postalComparable },
);

export const billingSchema = z.object(billingShape).check(postalMatchesCountry);
export type BillingInput = z.input<typeof billingSchema>;
export type Billing = z.output<typeof billingSchema>;

/**
 * A keyed card. The number and CVV are checked here and then exist only on their way to the gateway.
 * For a gateway that takes no security code (`securityCode: false`) none is asked for, and one sent
 * anyway is dropped here.
 */
function buildCardSchema(securityCode: boolean) {
  return z
    .object({
      number: z.pipe(z.string(), z.transform(digitsOnly)),
      expiry: z.string().check(z.trim()),
      cvv: z.pipe(z._default(z.optional(securityCode ? z.string() : z.string().check(z.maxLength(4, "A security code has at most 4 digits"))), ""), z.transform((cvv) => (securityCode ? cvv.trim() : ""))),
      holderName: required("Cardholder name", 80),
      save: z._default(z.boolean(), true),
    })
    .check(
      z.superRefine((card, ctx) => {
        const brand = detectBrand(card.number);
        if (card.number.length === 0) ctx.addIssue({ code: "custom", path: ["number"], message: "Enter the card number" });
        else if (!validLengthForBrand(card.number) || !luhnValid(card.number))
          ctx.addIssue({ code: "custom", path: ["number"], message: "This card number is not valid — check the digits" });
        const exp = parseExpiry(card.expiry);
        if (!exp) ctx.addIssue({ code: "custom", path: ["expiry"], message: "Enter the expiry as MM/YY (or M/YY, MMYY, MM/YYYY)" });
        else if (!notExpired(exp.month, exp.year)) ctx.addIssue({ code: "custom", path: ["expiry"], message: "This card has expired" });
        else if (exp.year > new Date().getUTCFullYear() + 20) ctx.addIssue({ code: "custom", path: ["expiry"], message: "That expiry year is too far ahead" });
        const cvvLength = cvvLengthFor(brand);
        if (securityCode && !new RegExp(`^\\d{${cvvLength}}$`).test(card.cvv))
          ctx.addIssue({ code: "custom", path: ["cvv"], message: `Enter the ${cvvLength}-digit security code${brand === "amex" ? " (4 digits on the front of an Amex card)" : ""}` });
      }),
    );
}
export const newCardSchema = buildCardSchema(true);
const cardWithoutCode = buildCardSchema(false);
/** The keyed card's schema for a gateway that does or does not take the security code. */
export const cardSchemaFor = (securityCode: boolean) => (securityCode ? newCardSchema : cardWithoutCode);
export type NewCardInput = z.input<typeof newCardSchema>;
export type NewCard = z.output<typeof newCardSchema>;

const buildPaymentSource = (securityCode: boolean) =>
  z.discriminatedUnion("type", [
    z.object({ type: z.literal("saved"), paymentMethodId: z.string().check(z.minLength(1, "Choose a saved card"), z.maxLength(64, "Choose a saved card")) }),
    z.object({ type: z.literal("new"), card: cardSchemaFor(securityCode) }),
  ]);
export const paymentSourceSchema = buildPaymentSource(true);
const paymentSourceWithoutCode = buildPaymentSource(false);

export interface AmountLimits {
  currency: string;
  /** Largest amount, in minor units. */
  maxAmount: number;
}

/** What a sale's input depends on besides the amount limits: the gateway's capabilities. */
export interface SaleRules extends AmountLimits {
  /** The gateway takes the card's security code (GatewayCapabilities.securityCode); assumed when absent. */
  securityCode?: boolean;
  /** The gateway takes Level 2/3 data (GatewayCapabilities.level23); not assumed. */
  level23?: boolean;
}

export function amountSchema(limits: AmountLimits) {
  return z.string().check(
    z.superRefine((value, ctx) => {
      const parsed = parseMajor(value, limits.currency);
      if (!parsed.ok) {
        const messages = {
          empty: "Enter the amount",
          format: "Enter the amount as a number, e.g. 12.50",
          decimal_comma: "Use a dot for cents, e.g. 12.50",
          precision: `${limits.currency} amounts have at most ${limits.currency === "JPY" ? 0 : 2} decimal places`,
          too_large: `The amount is over the limit of ${formatMoney(limits.maxAmount, limits.currency)}`,
        } as const;
        ctx.addIssue({ code: "custom", message: messages[parsed.error] });
      } else if (parsed.minor <= 0) ctx.addIssue({ code: "custom", message: "The amount must be more than zero" });
      else if (parsed.minor > limits.maxAmount)
        ctx.addIssue({ code: "custom", message: `The amount is over this account's limit of ${formatMoney(limits.maxAmount, limits.currency)}` });
    }),
  );
}

const saleSchemas = new Map<string, ReturnType<typeof buildSaleSchema>>();

/**
 * The sale form's schema for an account's currency, limit and gateway. Built once per combination:
 * the server parses every sale with it, and building a zod object costs more than parsing with it.
 */
export function saleSchema(rules: SaleRules) {
  const securityCode = rules.securityCode ?? true;
  const level23 = rules.level23 ?? false;
  const key = `${rules.currency}|${rules.maxAmount}|${securityCode}|${level23}`;
  let schema = saleSchemas.get(key);
  if (!schema) {
    schema = buildSaleSchema(rules, securityCode, level23);
    saleSchemas.set(key, schema);
  }
  return schema;
}

function buildSaleSchema(limits: AmountLimits, securityCode: boolean, level23: boolean) {
  return z.object({
    /** Created when the form was rendered: the same key never charges twice. */
    idempotencyKey: z.uuid(),
    gatewayAccountId: z.string().check(z.minLength(1, "Choose a gateway account"), z.maxLength(64, "Choose a gateway account")),
    customerId: optionalText(z.string().check(z.maxLength(64, "Choose a customer"))),
    intent: z._default(z.enum(["sale", "auth"]), "sale"),
    amount: amountSchema(limits),
    orderId: optionalText(text("Order number", 40)),
    description: optionalText(text("Description", 200)),
    billing: billingSchema,
    payment: securityCode ? paymentSourceSchema : paymentSourceWithoutCode,
    /** The earlier attempt this one repeats (Edit and retry). */
    retryOf: optionalText(z.string().check(z.maxLength(64, "That transaction id is not valid"))),
    /** Required when the earlier attempt's outcome is still unknown: it may have charged the card. */
    acceptDoubleChargeRisk: z._default(z.optional(z.boolean()), false),
    /** The clerk confirmed an amount above the account's "confirm above" (a second Enter). */
    amountConfirmed: z._default(z.optional(z.boolean()), false),
    /** The clerk confirmed a sale that looks like a repeat of a recent one (lib/services/payments/risk.ts). */
    repeatConfirmed: z._default(z.optional(z.boolean()), false),
    /** Tax, PO number and line items, for a gateway that takes them (lib/validation/level23.ts). */
    level23: level23Field(limits, level23),
  });
}
export type SaleFormInput = z.input<ReturnType<typeof saleSchema>>;
export type SaleFormOutput = z.output<ReturnType<typeof saleSchema>>;

const saveCardSchemas = new Map<boolean, ReturnType<typeof buildSaveCardSchema>>();

/** "Save card only": a keyed card for a customer's vault, without a payment (so without an amount). */
export function saveCardSchema(rules: Pick<SaleRules, "securityCode">) {
  const securityCode = rules.securityCode ?? true;
  let schema = saveCardSchemas.get(securityCode);
  if (!schema) {
    schema = buildSaveCardSchema(securityCode);
    saveCardSchemas.set(securityCode, schema);
  }
  return schema;
}

function buildSaveCardSchema(securityCode: boolean) {
  return z.object({
    /** Created when the form was rendered: the same key never saves the card twice. */
    idempotencyKey: z.uuid(),
    gatewayAccountId: z.string().check(z.minLength(1, "Choose a gateway account"), z.maxLength(64, "Choose a gateway account")),
    customerId: optionalText(z.string().check(z.maxLength(64, "Choose a customer"))),
    billing: billingSchema,
    card: cardSchemaFor(securityCode),
  });
}
export type SaveCardInput = z.output<ReturnType<typeof saveCardSchema>>;

const transactionIdSchema = z.string().check(z.minLength(1, "Choose a transaction"), z.maxLength(64, "That transaction id is not valid"));

/** Why money goes back: the refund dialog checks it with this too, before the amount is confirmed. */
export const refundReasonSchema = required("Reason", 200);

export const refundSchema = (limits: AmountLimits) =>
  z.object({
    idempotencyKey: z.uuid(),
    transactionId: transactionIdSchema,
    amount: amountSchema(limits),
    reason: refundReasonSchema,
  });

export const voidSchema = z.object({ idempotencyKey: z.uuid(), transactionId: transactionIdSchema });

export const captureSchema = (limits: AmountLimits) =>
  z.object({ idempotencyKey: z.uuid(), transactionId: transactionIdSchema, amount: amountSchema(limits) });
