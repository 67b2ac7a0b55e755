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

export interface SaleInput {
  source: PaymentSource;
  amount: Money;
  billing: BillingDetails;
  orderId: string;
  description?: string;
  reference: string;
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
  /** Redacted request and response for the transaction detail view. */
  raw: RedactedExchange;
  /** Time spent waiting on the gateway, for the app-overhead benchmark. */
  durationMs: number;
}

export interface InquiryResult extends GatewayResult {
  found: boolean;
  /** The operation inquired about; for a sale found approved this is its final state. */
  settled?: boolean;
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
  level23: boolean;
  callbacks: boolean;
  /** How a new card becomes a reusable token. */
  tokenization: "zero-auth" | "tokenization-call" | "tokenize-endpoint" | "tokenizing-payment";
}

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
  /** Verify and parse a callback the gateway sent to us. Only for gateways with `callbacks`. */
  verifyCallback?(headers: Headers, rawBody: string): CallbackVerification;
}
