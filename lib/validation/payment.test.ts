// The terminal's field errors: the messages the browser shows next to each field (the form's zod
// resolver, components/ui/use-zod-form.ts) are the ones the server action answers with (parseInput),
// for the same schema — and they are pinned here, so a change of schema or form code that changes
// what a clerk reads fails this test.
import { describe, expect, it } from "vitest";
import { zodResolver } from "@hookform/resolvers/zod";
import type { $ZodType } from "zod/v4/core";
import { parseInput } from "../action-result";
import { customerSchema } from "./customer";
import { refundSchema, saleSchema } from "./payment";

const USD = { currency: "USD", maxAmount: 500_000 };
const BILLING = { firstName: "Ann", lastName: "Lee", address1: "1 Elm St", address2: "", city: "Reno", state: "", postalCode: "89501", country: "US", email: "", phone: "" };

function sale(over: Record<string, unknown> = {}, billing: Record<string, unknown> = {}, card: Record<string, unknown> | null = {}) {
  return {
    idempotencyKey: "550e8400-e29b-41d4-a716-446655440000",
    gatewayAccountId: "acc_1",
    customerId: "",
    intent: "sale",
    amount: "12.50",
    orderId: "",
    description: "",
    billing: { ...BILLING, ...billing },
    retryOf: "",
    acceptDoubleChargeRisk: false,
    payment:
      card === null
        ? { type: "saved", paymentMethodId: "" }
        : { type: "new", paymentMethodId: "", card: { number: "4111 1111 1111 1111", expiry: "12/30", cvv: "123", holderName: "Ann Lee", save: true, ...card } },
    ...over,
  };
}

/** The leaves of the form's nested errors, as "path → message". */
function flatten(errors: Record<string, unknown>, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(errors)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const v = value as { type?: unknown; message?: string };
    if (typeof v.type === "string") out[path] = v.message ?? "";
    else Object.assign(out, flatten(value as Record<string, unknown>, path));
  }
  return out;
}

/** What the form shows: react-hook-form's zod resolver, as components/ui/use-zod-form.ts sets it up. */
async function formErrors(schema: $ZodType, input: unknown): Promise<Record<string, string>> {
  const resolve = zodResolver(schema as $ZodType<Record<string, unknown>, Record<string, unknown>>);
  const out = await resolve(input as Record<string, unknown>, undefined, { fields: {}, shouldUseNativeValidation: false });
  return flatten(out.errors as Record<string, unknown>);
}

function browserErrors(input: unknown): Promise<Record<string, string>> {
  return formErrors(saleSchema(USD), input);
}

function serverFieldErrors(schema: Parameters<typeof parseInput>[0], input: unknown): Record<string, string> {
  const parsed = parseInput(schema, input);
  return parsed.ok ? {} : (parsed.result as { fieldErrors?: Record<string, string> }).fieldErrors ?? {};
}

function serverErrors(input: unknown): Record<string, string> {
  return serverFieldErrors(saleSchema(USD), input);
}

const CASES: [string, unknown, Record<string, string>][] = [
  [
    "an empty form",
    sale({ amount: "" }, { firstName: "", lastName: "", address1: "", city: "", postalCode: "" }, { number: "", expiry: "", cvv: "", holderName: "" }),
    {
      amount: "Enter the amount",
      "billing.firstName": "Enter the first name",
      "billing.lastName": "Enter the last name",
      "billing.address1": "Enter the address",
      "billing.city": "Enter the city",
      "billing.postalCode": "Enter the zip / postal code",
      "payment.card.holderName": "Enter the cardholder name",
      "payment.card.number": "Enter the card number",
      "payment.card.expiry": "Enter the expiry as MM/YY (or M/YY, MMYY, MM/YYYY)",
      "payment.card.cvv": "Enter the 3-digit security code",
    },
  ],
  ["an amount that is not a number", sale({ amount: "12,5x" }), { amount: "Enter the amount as a number, e.g. 12.50" }],
  ["too many decimals", sale({ amount: "1.234" }), { amount: "USD amounts have at most 2 decimal places" }],
  ["a zero amount", sale({ amount: "0" }), { amount: "The amount must be more than zero" }],
  ["an amount over the account's limit", sale({ amount: "5000.01" }), { amount: "The amount is over this account's limit of $5,000.00" }],
  ["a mistyped card number", sale({}, {}, { number: "4111 1111 1111 1112" }), { "payment.card.number": "This card number is not valid — check the digits" }],
  ["an expired card", sale({}, {}, { expiry: "01/20" }), { "payment.card.expiry": "This card has expired" }],
  ["a malformed expiry", sale({}, {}, { expiry: "13" }), { "payment.card.expiry": "Enter the expiry as MM/YY (or M/YY, MMYY, MM/YYYY)" }],
  ["a 3-digit CVV on an Amex card", sale({}, {}, { number: "3782 822463 10005", cvv: "123" }), { "payment.card.cvv": "Enter the 4-digit security code (4 digits on the front of an Amex card)" }],
  [
    "a bad email, phone, postal code and country",
    sale({}, { email: "ann@", phone: "12", postalCode: "89501!", country: "XX" }),
    {
      "billing.postalCode": "Use letters, digits, spaces or dashes",
      "billing.country": "Choose a country",
      "billing.email": "Enter a valid email",
      "billing.phone": "Enter a valid phone number",
    },
  ],
  [
    "fields that are too long",
    sale({ orderId: "x".repeat(41), description: "d".repeat(201) }, { firstName: "f".repeat(61) }),
    {
      orderId: "Order number is too long (at most 40 characters)",
      description: "Description is too long (at most 200 characters)",
      "billing.firstName": "First name is too long (at most 60 characters)",
    },
  ],
  ["a saved-card sale with no card chosen", sale({}, {}, null), { "payment.paymentMethodId": "Choose a saved card" }],
  [
    "a card number keyed into the wrong fields",
    sale(
      { orderId: "4111 1111 1111 1111", description: "card 5555-5555-5555-4444 exp 12/30" },
      { address2: "378282246310005", postalCode: "4111111111111111", email: "4111111111111111@example.com", phone: "4111 1111 1111 1111" },
      { holderName: "Ann 6011111111111117" },
    ),
    {
      orderId: "Order number must not hold a card number: key the card in the card number field only",
      description: "Description must not hold a card number: key the card in the card number field only",
      "billing.address2": "Address line 2 must not hold a card number: key the card in the card number field only",
      "billing.postalCode": "ZIP / postal code must not hold a card number: key the card in the card number field only",
      "billing.email": "Email must not hold a card number: key the card in the card number field only",
      "billing.phone": "A phone number has at most 15 digits",
      "payment.card.holderName": "Cardholder name must not hold a card number: key the card in the card number field only",
    },
  ],
];

describe("terminal field errors", () => {
  for (const [name, input, expected] of CASES) {
    it(`${name}: the browser shows what the server answers`, async () => {
      expect(await browserErrors(input)).toEqual(expected);
      expect(serverErrors(input)).toEqual(expected);
    });
  }

  it("a valid sale passes in both, with the same parsed values", async () => {
    const input = sale({}, { email: " Ann@Example.com ", country: "us" });
    const browser = await saleSchema(USD).safeParseAsync(input);
    const server = parseInput(saleSchema(USD), input);
    expect(browser.success).toBe(true);
    expect(server.ok).toBe(true);
    expect(server.ok && server.data).toEqual(browser.data);
    expect(server.ok && server.data.billing).toMatchObject({ email: "Ann@Example.com", country: "US" });
    expect(server.ok && server.data.payment).toEqual({ type: "new", card: { number: "4111111111111111", expiry: "12/30", cvv: "123", holderName: "Ann Lee", save: true } });
  });

  it("a refund's reason: required, at most 200 characters, never a card number", () => {
    const refund = (reason: string) => serverFieldErrors(refundSchema(USD), { idempotencyKey: "550e8400-e29b-41d4-a716-446655440000", transactionId: "tx_1", amount: "5.00", reason });
    expect(refund("  ")).toEqual({ reason: "Enter the reason" });
    expect(refund("r".repeat(201))).toEqual({ reason: "Reason is too long (at most 200 characters)" });
    expect(refund("customer read 4111 1111 1111 1111 again")).toEqual({ reason: "Reason must not hold a card number: key the card in the card number field only" });
    expect(refund("Returned the goods")).toEqual({});
  });

  it("a refund of '5,00' is refused with the decimal-comma message, not read as 500.00 (issue 14, item 1)", () => {
    const refund = (amount: string) => serverFieldErrors(refundSchema(USD), { idempotencyKey: "550e8400-e29b-41d4-a716-446655440000", transactionId: "tx_1", amount, reason: "Returned" });
    expect(refund("5,00")).toEqual({ amount: "Use a dot for cents, e.g. 12.50" });
    expect(refund("5.00")).toEqual({});
  });

  it("the customer form gets the terminal's billing rules plus a company", async () => {
    expect(await formErrors(customerSchema, { ...BILLING, postalCode: "", company: "c".repeat(121) })).toEqual({
      postalCode: "Enter the zip / postal code",
      company: "Company is too long (at most 120 characters)",
    });
  });
});

describe("a gateway that takes no security code (Rover Pay)", () => {
  const rover = saleSchema({ ...USD, securityCode: false });

  it("does not ask for one, and drops one sent anyway so it goes no further", () => {
    const without = rover.safeParse(sale({}, {}, { cvv: undefined }));
    expect(without.success && without.data.payment.type === "new" && without.data.payment.card.cvv).toBe("");
    const sent = rover.safeParse(sale({}, {}, { cvv: "12" }));
    expect(sent.success && sent.data.payment.type === "new" && sent.data.payment.card.cvv).toBe("");
  });

  it("still needs one where the gateway takes it", () => {
    expect(serverErrors(sale({}, {}, { cvv: undefined }))).toEqual({ "payment.card.cvv": "Enter the 3-digit security code" });
  });
});
