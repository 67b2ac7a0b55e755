// PayCore's JSON:API wire formats: what we send (typed) and what we accept back (zod-validated).
// Parsers return a discriminated result and never throw.
import { z } from "zod";

// ---- requests ----------------------------------------------------------------------------------

export interface WireCustomer {
  reference_id: string;
  name?: string;
  email?: string;
  phone?: string;
  address?: { full_address?: string; country?: string; region?: string; city?: string; street?: string; post_code?: string };
}

export interface InvoiceAttributes {
  reference_id: string;
  currency: string;
  amount: number;
  service: string;
  test_mode: boolean;
  description?: string;
  customer: WireCustomer;
  flow?: string;
  token?: string;
  gateway_options?: { cardgate: { tokenize?: boolean; instant?: boolean } };
  callback_url?: string;
  metadata?: Record<string, string>;
}

export interface InvoiceRequest {
  data: { type: "payment-invoices"; attributes: InvoiceAttributes };
}

export interface CardgateSaleRequest {
  data: {
    type: string;
    attributes: { card_number?: string; card_holder?: string; cvv?: string; exp_month?: string; exp_year?: string };
  };
}

export interface RefundRequest {
  data: { type: string; attributes: { invoiceId: string; amount: number; reference_id: string; description?: string } };
}

// ---- replies -----------------------------------------------------------------------------------

const nullableString = z.string().nullish();
const nullableNumber = z.number().nullish();

const paymentCard = z
  .object({
    first: nullableString,
    last: nullableString,
    mask: nullableString,
    brand: nullableString,
    holder: nullableString,
    expiry_month: z.union([z.string(), z.number()]).nullish(),
    expiry_year: z.union([z.string(), z.number()]).nullish(),
  })
  .partial();

// PHP backends serialise an empty object as [] (the spec's example has "payload": []).
const payload = z.union([
  z.array(z.unknown()).transform(() => ({}) as { token?: string | null; payment_card?: z.infer<typeof paymentCard> | null }),
  z.object({ token: nullableString, payment_card: paymentCard.nullish(), client_ip: nullableString }).partial(),
]);

const looseRecord = z.union([z.array(z.unknown()).transform(() => ({}) as Record<string, unknown>), z.record(z.string(), z.unknown())]);

export const invoiceAttributesSchema = z.object({
  status: z.string(),
  resolution: nullableString,
  resolution_message: nullableString,
  amount: z.number(),
  currency: z.string(),
  reference_id: nullableString,
  test_mode: z.boolean().nullish(),
  refunded_amount: nullableNumber,
  processed_amount: nullableNumber,
  approval_code: nullableString,
  rrn: nullableString,
  flow: nullableString,
  payment_flow: nullableString,
  flow_data: z
    .object({
      action: nullableString,
      method: nullableString,
      metadata: z.object({ sid: nullableString, token: nullableString }).partial().nullish(),
    })
    .partial()
    .nullish(),
  payload: payload.nullish(),
  metadata: looseRecord.nullish(),
  created: nullableNumber,
  updated: nullableNumber,
});

export const invoiceResourceSchema = z.object({
  type: z.literal("payment-invoices"),
  id: z.string().min(1),
  attributes: invoiceAttributesSchema,
});
export type InvoiceResource = z.infer<typeof invoiceResourceSchema>;

export const invoiceDocSchema = z.object({ data: invoiceResourceSchema });
export const invoiceListSchema = z.object({ data: z.array(invoiceResourceSchema) });

export const cardgateDocSchema = z.object({
  data: z.object({
    id: z.string().min(1),
    attributes: z.object({ status: z.string(), resolution: nullableString }),
  }),
  auth_payload: z.object({ action: z.string(), method: nullableString }).nullish(),
});
export type CardgateDoc = z.infer<typeof cardgateDocSchema>;

export const refundResourceSchema = z.object({
  type: z.literal("refunds"),
  id: z.string().min(1),
  attributes: z.object({
    reference_id: nullableString,
    status: z.string(),
    amount: z.number(),
    currency: nullableString,
    description: nullableString,
    resolution: nullableString,
  }),
});
export type RefundResource = z.infer<typeof refundResourceSchema>;
export const refundDocSchema = z.object({ data: refundResourceSchema });
export const refundListSchema = z.object({ data: z.array(refundResourceSchema) });

export const errorDocSchema = z.object({
  errors: z
    .array(
      z
        .object({ status: nullableString, code: nullableString, title: nullableString, detail: nullableString, source: z.object({ pointer: nullableString }).partial().nullish() })
        .partial(),
    )
    .min(1),
});

export type Parsed<T> = { ok: true; value: T; json: unknown } | { ok: false; json: unknown };

/** JSON.parse + schema check; a body that is not JSON or not the expected shape is `{ ok: false }`. */
export function parseReply<T>(schema: z.ZodType<T>, text: string): Parsed<T> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, json: undefined };
  }
  const result = schema.safeParse(json);
  return result.success ? { ok: true, value: result.data, json } : { ok: false, json };
}

/** The first JSON:API error as "title: detail" plus its code, if the body has one. */
export function errorMessage(text: string): { message?: string; code?: string; pointer?: string } {
  const parsed = parseReply(errorDocSchema, text);
  if (!parsed.ok) return {};
  const first = parsed.value.errors[0];
  if (!first) return {};
  const message = [first.title, first.detail].filter((s): s is string => Boolean(s)).join(": ");
  return { message: message || undefined, code: first.code ?? undefined, pointer: first.source?.pointer ?? undefined };
}
