// The one interface every gateway client implements, and the normalized shapes it speaks.
// Gateway-specific wire formats (amount strings, seals, auth headers) never leave a client's folder.

export const GATEWAY_KINDS = ["bluepay", "bepaid", "roverpay", "paycore"] as const;
export type GatewayKind = (typeof GATEWAY_KINDS)[number];
export type GatewayMode = "test" | "live";

export type CardBrand = "visa" | "mastercard" | "amex" | "discover" | "diners" | "jcb" | "unionpay" | "maestro" | "unknown";

/** Integer minor units plus an ISO 4217 currency code. */
export interface Money {
  amount: number;
  currency: string;
}

/** Lives only in memory on its way to the gateway. Never logged, stored or echoed. */
export interface CardInput {
  number: string; // digits only
  expMonth: number; // 1..12
  expYear: number; // four digits
  cvv: string;
  holderName: string;
}

export interface BillingDetails {
  firstName: string;
  lastName: string;
  address1: string;
  address2?: string;
  city: string;
  state?: string;
  postalCode: string;
  country: string; // ISO-3166 alpha-2
  email?: string;
  phone?: string;
}

/** What a client needs to talk to one merchant account at one gateway. */
export interface GatewayAccountConfig {
  id: string;
  kind: GatewayKind;
  mode: GatewayMode;
  baseUrl: string;
  currency: string;
  timeoutMs: number;
  /** Decrypted credentials and per-kind settings, validated by the kind's `credentialsSchema`. */
  credentials: Record<string, string>;
  /** Where the gateway should send asynchronous callbacks for this account, if it sends any. */
  callbackUrl?: string;
}

export type TransactionKind = "sale" | "auth" | "capture" | "void" | "refund" | "tokenize";

export interface TokenizeInput {
  card: CardInput;
  billing: BillingDetails;
  currency: string;
  orderId: string;
  /** Unique per attempt; sent to the gateway as its tracking / reference id where it has one. */
  reference: string;
}

export type PaymentSource = { type: "token"; token: string } | { type: "card"; card: CardInput };

/** One line of Level 3 data. Amounts in minor units of the sale's currency. */
export interface Level3Item {
  description: string;
  /** The merchant's product code (SKU). */
  productCode?: string;
  /** Whole units. */
  quantity: number;
  /** Unit of measure, e.g. EA. */
  unitOfMeasure: string;
  unitCost: number;
  /** quantity × unitCost, before tax. */
  netAmount: number;
  taxAmount: number;
}

/** Level 3: the order's shipping facts and its lines. */
export interface Level3Order {
  /** YYYY-MM-DD. */
  orderDate: string;
  shipToPostalCode: string;
  shipFromPostalCode: string;
  /** ISO-3166 alpha-2. */
  shipToCountry: string;
  items: Level3Item[];
}

/**
 * Level 2 (tax, PO number) and optionally Level 3 (line items) purchase data, for gateways with
 * `capabilities.level23`. Amounts in minor units of the sale's currency.
 */
export interface Level23Data {
  poNumber?: string;
  taxAmount: number;
  taxExempt: boolean;
  order?: Level3Order;
}

export interface SaleInput {
  source: PaymentSource;
  amount: Money;
  billing: BillingDetails;
  orderId: string;
  description?: string;
  reference: string;
  /** Only for a gateway with `capabilities.level23`. */
  level23?: Level23Data;
}

/** The original transaction a capture / void / refund acts on. */
export interface ParentRef {
  gatewayTransactionId: string;
  kind: TransactionKind;
  amount: Money;
  token?: string;
  orderId?: string;
  reference?: string;
  /** Opaque gateway-specific values the client stored on the original result (see GatewayResult.extra). */
  extra?: Record<string, string>;
}

export interface FollowUpInput {
  parent: ParentRef;
  amount: Money;
  reference: string;
  reason?: string;
}

export interface InquireInput {
  /** What the app was trying to do when the outcome became unknown. */
  operation: TransactionKind;
  gatewayTransactionId?: string;
  reference: string;
  orderId?: string;
  amount?: Money;
  parent?: ParentRef;
  /** The saved card's token, when the transaction charged one: a gateway whose reply echoes it keeps it out of the stored payload. */
  token?: string;
}

export type GatewayStatus = "approved" | "declined" | "error" | "pending";

/**
 * Why a result is not an approval:
 * - declined: the bank or gateway said no (money did not move).
 * - rejected: the gateway refused the request itself (validation, credentials, state); no money moved.
 * - unknown_outcome: timeout, dropped connection, 5xx, malformed or unsigned reply: we do not know
 *   whether money moved, so the caller must mark the transaction unknown and inquire.
 */
export type ErrorKind = "declined" | "rejected" | "unknown_outcome";

/**
 * Whose problem a result that is not an approval is, so the person at the screen is told whom to
 * turn to (ErrorKind says whether money moved; this says who has to act):
 * - card: the customer's card or the details keyed for it (a decline, an invalid number, expiry or
 *   security code, an unknown saved card): check with the customer.
 * - merchant: the gateway account's configuration (credentials refused, account disabled, inactive
 *   or not permitted to do this, test/live mismatch, a currency it cannot carry): an admin must fix it.
 * - gateway: the gateway itself (unreachable, timeout, 5xx, rate limit, a malformed or unsigned
 *   reply, an outcome we do not know): nobody here did anything wrong; try again later.
 * - request: the gateway refused this particular request for a reason of its own (a field it would
 *   not take, a duplicate, a state or business rule such as "already voided").
 */
export type Fault = "card" | "merchant" | "gateway" | "request";

/** Common vocabulary every gateway's AVS / CVV table maps onto. */
export type CodeCategory = "match" | "partial" | "no_match" | "not_checked" | "unavailable";

export interface CodeResult {
  code: string;
  meaning: string;
  category: CodeCategory;
}

export interface MaskedCard {
  brand: CardBrand;
  last4: string;
  masked: string; // e.g. "411111******1111"
  expMonth?: number;
  expYear?: number;
}

export interface RedactedExchange {
  request: unknown;
  response: unknown;
}

export interface GatewayResult {
  status: GatewayStatus;
  errorKind?: ErrorKind;
  /** Set by the client on every refusal; read it with faultOf(), which also covers declines and unknown outcomes. */
  fault?: Fault;
  /** The gateway's own message, or ours for transport failures. Never contains a PAN or CVV. */
  message: string;
  gatewayCode?: string;
  gatewayTransactionId?: string;
  authCode?: string;
  avs?: CodeResult;
  cvv?: CodeResult;
  card?: MaskedCard;
  token?: string;
  amount?: Money;
  /** Values the client needs later for follow-ups (e.g. an invoice number); stored with the transaction. */
  extra?: Record<string, string>;
  /**
   * Problems the gateway found in the Level 2/3 data of a payment it processed anyway (Rover Pay's
   * `level23Errors`): they never change the payment's outcome.
   */
  level23Warnings?: string[];
  /** Redacted request and response for the transaction detail view. */
  raw: RedactedExchange;
  /** Time spent waiting on the gateway, for the app-overhead benchmark. */
  durationMs: number;
}

export interface InquiryResult extends GatewayResult {
  found: boolean;
  /** The operation inquired about; for a sale found approved this is its final state. */
  settled?: boolean;
  /** When the gateway settled it (ISO 8601), where its reply says; otherwise the caller records when it learned. */
  settledAt?: string;
  voided?: boolean;
  refundedAmount?: number;
}

export type ConnectionTestOutcome = "connected" | "bad_credentials" | "unreachable" | "error";

export interface ConnectionTestResult {
  outcome: ConnectionTestOutcome;
  message: string;
}

/** An asynchronous notification from the gateway, verified and parsed. */
export interface CallbackEvent {
  gatewayTransactionId: string;
  reference?: string;
  status: GatewayStatus;
  result: GatewayResult;
}

export type CallbackVerification = { valid: true; event: CallbackEvent } | { valid: false; reason: string };

export interface GatewayCapabilities {
  authorize: boolean;
  capture: boolean;
  /** native: a void call; refund-before-settlement: a full refund acts as the void; none: no void at all. */
  void: "native" | "refund-before-settlement" | "none";
  /** Shown in the UI when void is "none" (or needs explaining). */
  voidNote?: string;
  partialRefund: boolean;
  /** Results may come back `pending` and settle later through callbacks / inquiry. */
  asynchronous: boolean;
  /** Takes Level 2/3 data (tax, PO number, line items) with a sale: the terminal offers those fields. */
  level23: boolean;
  /** The gateway notifies us of results; "per-account": only for accounts that turned it on (bePaid: a webhook public key). */
  callbacks: boolean | "per-account";
  /** How a new card becomes a reusable token. */
  tokenization: "zero-auth" | "tokenization-call" | "tokenize-endpoint" | "tokenizing-payment";
  /** The gateway takes a keyed card's security code (CVV); when it does not, the terminal does not ask for one. */
  securityCode: boolean;
  /** A card can be saved (tokenized) without a payment: the terminal's "Save card only". */
  saveCardOnly: boolean;
  /** How Keyed learns what settled: listing: the gateway's own report lists it (the client has `settlements`); inquiry: one question per transaction. */
  settlement: "listing" | "inquiry";
}

/** One transaction in a gateway's own settlement listing (BluePay's bpdailyreport2). */
export interface SettlementEntry {
  gatewayTransactionId: string;
  /** The merchant's reference as the client sent it, when the listing carries it. */
  reference?: string;
  kind: "sale" | "capture" | "refund" | "void" | "auth" | "other";
  approved: boolean;
  voided: boolean;
  amount: Money;
  /** ISO 8601; absent while the transaction is in the open batch. */
  settledAt?: string;
  batch?: string;
}

export type SettlementListing = { ok: true; entries: SettlementEntry[] } | { ok: false; message: string };

export interface GatewayClient {
  readonly kind: GatewayKind;
  readonly capabilities: GatewayCapabilities;
  tokenize(input: TokenizeInput): Promise<GatewayResult>;
  sale(input: SaleInput): Promise<GatewayResult>;
  authorize(input: SaleInput): Promise<GatewayResult>;
  capture(input: FollowUpInput): Promise<GatewayResult>;
  void(input: FollowUpInput): Promise<GatewayResult>;
  refund(input: FollowUpInput): Promise<GatewayResult>;
  inquire(input: InquireInput): Promise<InquiryResult>;
  testConnection(): Promise<ConnectionTestResult>;
  /**
   * Every transaction the gateway issued between `from` and `to`, with its settlement state: only
   * for gateways whose API has such a listing. Without it, settlement is learned one transaction at
   * a time through `inquire`. Never throws for a gateway's failure: `ok: false` with the reason.
   */
  settlements?(range: { from: Date; to: Date }): Promise<SettlementListing>;
  /** Verify and parse a callback the gateway sent to us. Only for gateways with `callbacks`. */
  verifyCallback?(headers: Headers, rawBody: string): CallbackVerification;
}
