// bePaid API v2 wire formats (spec §3, §6): request bodies we send, and a parser that validates
// every reply with zod and classifies it without ever throwing.
import { z } from "zod";
import type { HttpResponse } from "../http";

// ---- requests -------------------------------------------------------------------------------

export type WireCard =
  | { number: string; verification_value: string; holder: string; exp_month: string; exp_year: string }
  | { token: string; verification_value?: string };

export interface WireBillingAddress {
  first_name: string;
  last_name: string;
  country: string;
  city: string;
  state?: string;
  zip: string;
  address: string;
  phone?: string;
}

/** Payment, authorization and tokenization (spec §3.0). */
export interface WirePaymentRequest {
  amount: number;
  currency: string;
  description: string;
  tracking_id: string;
  test: boolean;
  language: "en";
  duplicate_check?: boolean;
  notification_url?: string;
  credit_card: WireCard;
  customer?: { email?: string };
  billing_address: WireBillingAddress;
}

/** Capture, void and refund (spec §3.4–3.6). */
export interface WireChildRequest {
  parent_uid: string;
  amount: number;
  reason?: string;
  tracking_id?: string;
}

export type WireBody = { request: WirePaymentRequest } | { request: WireChildRequest };

// ---- replies --------------------------------------------------------------------------------

const str = z.string().nullish();
const intLike = z.union([z.number(), z.string()]).nullish();

/** The acquirer-level sub-object named after the transaction type (`payment`, `refund`, …). */
const SubResult = z.object({
  status: str,
  message: str,
  auth_code: str,
  bank_code: str,
  rrn: str,
  ref_id: str,
});

const CreditCard = z.object({
  holder: str,
  brand: str,
  last_4: str,
  first_1: str,
  bin: str,
  exp_month: intLike,
  exp_year: intLike,
  token: str,
});

const CodeBlock = z.object({ result_code: z.union([z.string(), z.number()]).nullish() }).nullish();

export const WireTransaction = z.object({
  uid: z.string().min(1),
  status: z.string().min(1),
  type: z.string().min(1),
  message: str,
  amount: z.number().int().nullish(),
  currency: str,
  tracking_id: str,
  parent_uid: str,
  test: z.boolean().nullish(),
  created_at: str,
  settled_at: str,
  reason: str,
  credit_card: CreditCard.nullish(),
  avs_cvc_verification: z.object({ avs_verification: CodeBlock, cvc_verification: CodeBlock }).nullish(),
  payment: SubResult.nullish(),
  authorization: SubResult.nullish(),
  capture: SubResult.nullish(),
  void: SubResult.nullish(),
  refund: SubResult.nullish(),
  credit: SubResult.nullish(),
  tokenization: SubResult.nullish(),
});
export type WireTransaction = z.infer<typeof WireTransaction>;

const TransactionEnvelope = z.object({ transaction: WireTransaction });
const TransactionList = z.object({ transactions: z.array(WireTransaction) });

type FieldErrors = { [key: string]: string[] | FieldErrors };
const FieldErrors: z.ZodType<FieldErrors> = z.lazy(() => z.record(z.string(), z.union([z.array(z.string()), FieldErrors])));

const ErrorBody = z.object({ message: str, status: str, errors: FieldErrors.nullish() });
/** Both v2 error envelopes (spec §6.2): wrapped `{"response":{…}}` and flat `{message, errors}`. */
const ErrorEnvelope = z.union([z.object({ response: ErrorBody }).transform((e) => e.response), ErrorBody.refine((e) => e.errors != null || e.message != null)]);

export type Reply =
  | { kind: "transaction"; tx: WireTransaction; json: unknown }
  | { kind: "list"; txs: WireTransaction[]; json: unknown }
  | { kind: "error"; message: string; errors: FieldErrors | undefined; json: unknown }
  /** Not JSON, truncated, or JSON of a shape we do not know. */
  | { kind: "malformed"; json: unknown };

function tryJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Classifies a reply body. HTTP status is judged by the caller; this only reads the body. */
export function parseReply(res: Pick<HttpResponse, "text">): Reply {
  const parsed = tryJson(res.text);
  if (!parsed.ok) return { kind: "malformed", json: undefined };
  const json = parsed.value;
  const tx = TransactionEnvelope.safeParse(json);
  if (tx.success) return { kind: "transaction", tx: tx.data.transaction, json };
  const list = TransactionList.safeParse(json);
  if (list.success) return { kind: "list", txs: list.data.transactions, json };
  const err = ErrorEnvelope.safeParse(json);
  if (err.success) {
    const errors = err.data.errors ?? undefined;
    return { kind: "error", message: err.data.message || flattenErrors(errors).join(" ") || "Request refused", errors, json };
  }
  return { kind: "malformed", json };
}

/** "errors.credit_card.number: [is invalid]" → ["number is invalid"], for messages built without `message`. */
export function flattenErrors(errors: FieldErrors | undefined, prefix = ""): string[] {
  if (!errors) return [];
  const out: string[] = [];
  for (const [key, value] of Object.entries(errors)) {
    const name = key === "base" ? prefix : key.replace(/_/g, " ");
    if (Array.isArray(value)) out.push(...value.map((m) => `${name ? `${name} ` : ""}${m}`.trim()));
    else out.push(...flattenErrors(value, key));
  }
  return out;
}

/** The acquirer sub-object for the transaction's own type. */
export function subResult(tx: WireTransaction): z.infer<typeof SubResult> | undefined {
  switch (tx.type) {
    case "payment":
    case "authorization":
    case "capture":
    case "void":
    case "refund":
    case "credit":
    case "tokenization":
      return tx[tx.type] ?? undefined;
    default:
      return undefined;
  }
}
