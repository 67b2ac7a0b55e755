// Every place the PayCore spec (/work/shared/gateways/paycore.md) marks as a guess, PROPOSED design
// or unconfirmed, as one named constant each. Correct them here once the vendor confirms.

/** §2 PROPOSED layout + open question 8.1: the private API lives at {baseUrl}/api. */
export const PRIVATE_API_PATH = "/api";

/** §2 PROPOSED layout: Card Gate at {baseUrl}/cardgate unless the credentials give CARDGATE_URL. */
export const DEFAULT_CARDGATE_PATH = "/cardgate";

/** §1/§3.1: a card service id names method + currency + flow; only `payment_card_usd_hpp` is shown. */
export const defaultCardService = (currency: string): string => `payment_card_${currency.toLowerCase()}_hpp`;

/**
 * §3.1 `flow` + §4.1 `verified`/`verify_failed`: a card-verify flow exists (auth, then automatic void).
 * The value "verify" and the amount it needs are not documented; tokenize() uses them to save a card
 * without charging it.
 */
export const VERIFY_FLOW = "verify";
export const VERIFY_AMOUNT_MAJOR = 1;

/** §3.1 / §7.3: token payments send `flow: "charge"` plus `gateway_options.cardgate.instant: true`. */
export const TOKEN_CHARGE_FLOW = "charge";

/** §3.3 "unconfirmed": Card Gate sale body fields (H2H) — exp_year as two digits, exp_month "04". */
export const CARDGATE_SALE_TYPE = "sale-operation";

/** §3.2 [3P]: search by merchant reference through a JSON:API filter. */
export const INVOICE_REFERENCE_FILTER = "filter[reference_id]";

/** §3.4 PROPOSED: GET {PRIVATE_BASE}/refunds/{id}; searching refunds by reference_id mirrors §3.2 (ours). */
export const REFUNDS_PATH = "/refunds";
export const REFUND_REFERENCE_FILTER = "filter[reference_id]";

/** §3.4: refund request `data.type` is "refund" (the response says "refunds"). */
export const REFUND_REQUEST_TYPE = "refund";

/** §4.3 PROPOSED: refund statuses created → process_pending → processed | process_failed. */
export const REFUND_PENDING_STATUSES = ["created", "process_pending", "processing", "refunding", "refund_pending"] as const;

/** §4.4 PROPOSED: JSON:API error body `{ errors: [{ status, code, title, detail, source }] }`. */
export const ERROR_CODES = {
  unauthorized: "unauthorized",
  forbidden: "forbidden",
  notFound: "not_found",
  duplicate: "duplicate_reference_id",
  validation: "validation_error",
} as const;

/**
 * §4.4 PROPOSED, whose problem a refusal is. On the private API 401 (credentials) and 403 (test key
 * on a live invoice or the reverse) are the account's configuration; on Card Gate a 401 refuses the
 * bearer the invoice handed us, which is the gateway's doing. A 422 is the card's when its pointer
 * names the card or the customer, the account's when it names the service or currency the account
 * is set up with, and otherwise the request's. 429 is the gateway's (rate limit).
 */
export const MERCHANT_HTTP_STATUSES: ReadonlySet<number> = new Set([401, 403]);
export const CARD_POINTER = /\/(card_number|card_holder|cvv|exp_month|exp_year|token|customer)(\/|$)/;
export const ACCOUNT_POINTER = /\/(service|currency)$/;

/**
 * §4.2: the resolution vocabulary is [DOC]; which party each names is our reading. A failed
 * invoice is the card's (a decline) unless its resolution names the account's setup or the
 * gateway's own trouble.
 */
export const MERCHANT_RESOLUTIONS: ReadonlySet<string> = new Set(["invalid_credentials", "forbidden_ip", "signature_error", "access_error", "access_denied", "invalid_method"]);
export const GATEWAY_RESOLUTIONS: ReadonlySet<string> = new Set([
  "processing_error",
  "internal_error",
  "general_fatal_error",
  "connection_error",
  "provider_internal_error",
  "connection_timeout_error",
]);

/**
 * [INF] PayCore reports no separate CVV result. A processed card payment that carried a CVV is read as
 * "CVV accepted" because a CVV failure ends the payment with resolution `card_verification_failed`
 * (§4.1 release-note v1.22). PayCore reports no AVS at all.
 */
export const CVV_MATCH_IMPLIED_BY_SUCCESS = true;

/** §6 PROPOSED simulator rule (ours, not in the S-table): this CVV fails with card_verification_failed. */
export const SIM_CVV_MISMATCH_VALUE = "999";

/** §5: header carrying the callback signature. */
export const SIGNATURE_HEADER = "x-signature";

/** Our own: metadata keys echoed back by PayCore (§3.1 "metadata: free key/values echoed back"). */
export const METADATA_KEYS = { operation: "keyed_operation", customer: "keyed_customer", orderId: "keyed_order_id" } as const;

/**
 * §4.1, §11 Q8: PayCore's API shows no batch or settlement date; an invoice's `processed` status is
 * final. GUESS: a processed invoice (and a processed refund) counts as settled, so a settlement
 * report learns it by inquiry and the history offers a refund (PayCore has no void).
 */
export const PROCESSED_IS_SETTLED = true;
