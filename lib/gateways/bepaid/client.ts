// The bePaid (beGateway API v2) client. Every call goes through `call()` (send + parse + redact);
// every reply goes through `interpret()`, the single place that decides approved / declined /
// rejected / unknown outcome.
import { detectBrand, last4, maskPan } from "../../card";
import { basicAuth, send, TransportError, type HttpResponse } from "../http";
import { redact, scrubText } from "../redact";
import { fromTransportError, notFoundInquiry, rejected, unknownOutcome } from "../results";
import type {
  BillingDetails,
  CallbackVerification,
  CardBrand,
  CardInput,
  ConnectionTestResult,
  Fault,
  FollowUpInput,
  GatewayAccountConfig,
  GatewayCapabilities,
  GatewayClient,
  GatewayResult,
  InquireInput,
  InquiryResult,
  MaskedCard,
  Money,
  RedactedExchange,
  SaleInput,
  TokenizeInput,
  TransactionKind,
} from "../types";
import { fromBepaidAmount, toBepaidAmount } from "./amount";
import { avsResult, cvcResult, normalizeStatus } from "./codes";
import type { BepaidCredentials } from "./credentials";
import {
  ACCOUNT_REFUSAL_MESSAGE,
  BAD_CREDENTIALS_HTTP_STATUS,
  BAD_CREDENTIALS_MESSAGE,
  DUPLICATE_REJECTION_PATTERN,
  PAYMENT_VOID_ALLOWED,
  SEND_TRACKING_ID_ON_CHILDREN,
  TRACKING_QUERY_EMPTY_MAY_BE_404,
  TRACKING_QUERY_NEWEST_FIRST,
  VOID_FULL_AMOUNT_ONLY,
} from "./spec-guesses";
import { verifyNotification, webhooksEnabled } from "./webhook";
import { flattenErrors, parseReply, subResult, type Reply, type WireBody, type WireCard, type WirePaymentRequest, type WireTransaction } from "./wire";

export const BEPAID_CAPABILITIES: GatewayCapabilities = {
  authorize: true,
  capture: true,
  void: "native",
  voidNote: "bePaid voids authorizations. A sale is voided by a full refund, only before settlement.",
  partialRefund: true,
  asynchronous: false,
  level23: false,
  // On for an account whose webhook public key is set (spec §9; webhook.ts).
  callbacks: "per-account",
  tokenization: "tokenization-call",
  securityCode: true,
  // A tokenization call (spec §3.1) moves no money.
  saveCardOnly: true,
  settlement: "inquiry",
};

/** Tokenization moves no money but bePaid still requires an amount (spec §3.1; 100 = the vendor's example). */
const TOKENIZATION_AMOUNT = 100;
/** Spec §10: always send a refund reason. */
const DEFAULT_REFUND_REASON = "Refund requested by merchant";
const VOID_BY_REFUND_REASON = "Void requested by merchant";
const CONNECTION_CHECK_TRACKING_ID = "keyed-connection-check";
/** `credit_card.number` is not caught by the shared key list, so name it explicitly. */
const REDACT_KEYS = ["number"];

type BepaidType = "payment" | "authorization" | "tokenization" | "capture" | "void" | "refund";

interface Exchange {
  res: HttpResponse;
  reply: Reply;
  raw: RedactedExchange;
}

type CallOutcome = { ok: true; ex: Exchange } | { ok: false; result: GatewayResult };

const redactPayload = (payload: unknown) => redact(payload, REDACT_KEYS);

function noCall(message: string, fault: Fault): GatewayResult {
  return rejected(message, { request: null, response: null }, 0, fault);
}

/**
 * Whose problem a 4xx refusal is (spec §6.2): errors on the card (number, security code, expiry,
 * holder, an unknown token) or on the customer's details keyed with it are the card's; the shop's
 * permissions and state are the merchant's.
 */
function refusalFault(reply: Extract<Reply, { kind: "error" }>): Fault {
  if (ACCOUNT_REFUSAL_MESSAGE.test(reply.message)) return "merchant";
  if (reply.errors && ["credit_card", "billing_address", "customer"].some((key) => key in reply.errors!)) return "card";
  return "request";
}

const BRANDS: Record<string, CardBrand> = {
  visa: "visa",
  master: "mastercard",
  mastercard: "mastercard",
  maestro: "maestro",
  jcb: "jcb",
  discover: "discover",
  dinersclub: "diners",
  diners: "diners",
  amex: "amex",
  unionpay: "unionpay",
};

function toInt(v: number | string | null | undefined): number | undefined {
  if (v === null || v === undefined || v === "") return undefined;
  const n = Number(v);
  return Number.isInteger(n) ? n : undefined;
}

function maskedCard(tx: WireTransaction, sent?: CardInput): MaskedCard | undefined {
  if (sent) {
    return { brand: detectBrand(sent.number), last4: last4(sent.number), masked: maskPan(sent.number), expMonth: sent.expMonth, expYear: sent.expYear };
  }
  const cc = tx.credit_card;
  if (!cc?.last_4) return undefined;
  const bin = cc.bin ?? cc.first_1 ?? "";
  return {
    brand: BRANDS[(cc.brand ?? "").toLowerCase()] ?? "unknown",
    last4: cc.last_4,
    // bePaid does not return the PAN length; assume 16 for display.
    masked: `${bin}${"*".repeat(Math.max(0, 16 - bin.length - cc.last_4.length))}${cc.last_4}`,
    expMonth: toInt(cc.exp_month),
    expYear: toInt(cc.exp_year),
  };
}

function wireBilling(b: BillingDetails): WirePaymentRequest["billing_address"] {
  const country = b.country.toUpperCase();
  return {
    first_name: b.firstName.slice(0, 30),
    last_name: b.lastName.slice(0, 30),
    country,
    city: b.city.slice(0, 60),
    ...(b.state && (country === "US" || country === "CA") ? { state: b.state.slice(0, 2).toUpperCase() } : {}),
    zip: b.postalCode,
    address: [b.address1, b.address2].filter(Boolean).join(", ").slice(0, 255),
    ...(b.phone ? { phone: b.phone.slice(0, 100) } : {}),
  };
}

function wireCard(card: CardInput): WireCard {
  return {
    number: card.number,
    verification_value: card.cvv,
    holder: card.holderName.slice(0, 32),
    exp_month: String(card.expMonth).padStart(2, "0"),
    exp_year: String(card.expYear),
  };
}

/** Transaction types an inquiry for one of our operations may find. */
function typesFor(operation: TransactionKind, parentKind?: TransactionKind): BepaidType[] {
  switch (operation) {
    case "sale":
      return ["payment"];
    case "auth":
      return ["authorization"];
    case "capture":
      return ["capture"];
    case "refund":
      return ["refund"];
    case "tokenize":
      return ["tokenization"];
    case "void":
      return parentKind === "auth" || PAYMENT_VOID_ALLOWED ? ["void"] : ["void", "refund"];
  }
}

export class BepaidClient implements GatewayClient {
  readonly kind = "bepaid" as const;
  readonly capabilities = BEPAID_CAPABILITIES;
  private readonly baseUrl: string;

  constructor(
    private readonly config: GatewayAccountConfig,
    private readonly creds: BepaidCredentials,
  ) {
    this.baseUrl = config.baseUrl.replace(/\/+$/, "");
  }

  // ---- operations ---------------------------------------------------------------------------

  async tokenize(input: TokenizeInput): Promise<GatewayResult> {
    const request: WirePaymentRequest = {
      ...this.common(input.billing, input.reference),
      amount: TOKENIZATION_AMOUNT,
      currency: input.currency.toUpperCase(),
      description: `Card check for order ${input.orderId}`.slice(0, 255),
      // No money moves, and re-checking the same card within 30 s is normal use (spec §7.4).
      duplicate_check: false,
      credit_card: wireCard(input.card),
    };
    return this.moneyCall("/transactions/tokenizations", { request }, "tokenization", input.card);
  }

  sale(input: SaleInput): Promise<GatewayResult> {
    return this.charge(input, "/transactions/payments", "payment");
  }

  authorize(input: SaleInput): Promise<GatewayResult> {
    return this.charge(input, "/transactions/authorizations", "authorization");
  }

  async capture(input: FollowUpInput): Promise<GatewayResult> {
    if (input.parent.kind !== "auth") return noCall("Only an authorization can be captured", "request");
    return this.child("/transactions/captures", "capture", input.parent.gatewayTransactionId, input.amount, input.reference);
  }

  async void(input: FollowUpInput): Promise<GatewayResult> {
    const { parent } = input;
    const voidAmount = VOID_FULL_AMOUNT_ONLY ? parent.amount : input.amount;
    if (parent.kind === "auth" || (parent.kind === "sale" && PAYMENT_VOID_ALLOWED)) {
      return this.child("/transactions/voids", "void", parent.gatewayTransactionId, voidAmount, input.reference);
    }
    if (parent.kind === "sale" || parent.kind === "capture") return this.voidByRefund(input);
    return noCall(`A ${parent.kind} cannot be voided`, "request");
  }

  async refund(input: FollowUpInput): Promise<GatewayResult> {
    if (input.parent.kind !== "sale" && input.parent.kind !== "capture") {
      return noCall("Only a sale or a capture can be refunded", "request");
    }
    return this.child("/transactions/refunds", "refund", input.parent.gatewayTransactionId, input.amount, input.reference, input.reason || DEFAULT_REFUND_REASON);
  }

  async inquire(input: InquireInput): Promise<InquiryResult> {
    const types = typesFor(input.operation, input.parent?.kind);
    const byUid = input.gatewayTransactionId !== undefined && input.gatewayTransactionId !== "";
    const path = byUid
      ? `/transactions/${encodeURIComponent(input.gatewayTransactionId!)}`
      : `/v2/transactions/tracking_id/${encodeURIComponent(input.reference)}`;
    const out = await this.call("GET", path);
    if (!out.ok) return notFoundInquiry(out.result);
    const { res, reply, raw } = out.ex;
    const d = res.durationMs;
    const notFound = (what: string) => notFoundInquiry({ status: "error", message: `bePaid has no ${what}`, raw, durationMs: d });

    if (res.status === 404 && (byUid || TRACKING_QUERY_EMPTY_MAY_BE_404) && reply.kind !== "malformed") {
      return notFound(byUid ? `transaction ${input.gatewayTransactionId}` : `transaction with tracking id ${input.reference}`);
    }
    let tx: WireTransaction | undefined;
    if (res.status === 200 && reply.kind === "transaction") {
      tx = reply.tx;
    } else if (res.status === 200 && reply.kind === "list") {
      tx = this.pickNewest(reply.txs, types, input.parent?.gatewayTransactionId);
      if (!tx) return notFound(`${types.join(" or ")} with tracking id ${input.reference}`);
    } else {
      return notFoundInquiry(this.interpret(out.ex));
    }
    const base = this.fromTransaction(tx, raw, d);
    return {
      ...base,
      found: true,
      settled: Boolean(tx.settled_at),
      settledAt: tx.settled_at && !Number.isNaN(Date.parse(tx.settled_at)) ? new Date(tx.settled_at).toISOString() : undefined,
      voided: input.operation === "void" ? base.status === "approved" : undefined,
      refundedAmount: input.operation === "refund" && base.status === "approved" ? base.amount?.amount : undefined,
    };
  }

  async testConnection(): Promise<ConnectionTestResult> {
    try {
      const res = await send({
        url: `${this.baseUrl}/v2/transactions/tracking_id/${CONNECTION_CHECK_TRACKING_ID}`,
        method: "GET",
        headers: this.headers(false),
        timeoutMs: this.config.timeoutMs,
      });
      const reply = parseReply(res);
      if (this.isBadCredentials(res, reply)) return { outcome: "bad_credentials", message: "bePaid refused the Shop ID / Secret key (Access denied)" };
      if (reply.kind === "error" && res.status >= 400 && refusalFault(reply) === "merchant") return { outcome: "bad_credentials", message: `bePaid refused this shop: ${reply.message}` };
      if (res.status === 200 && reply.kind === "list") return { outcome: "connected", message: "Connected to bePaid" };
      if (res.status === 404 && reply.kind === "error") return { outcome: "connected", message: "Connected to bePaid" };
      return { outcome: "error", message: `bePaid answered HTTP ${res.status} unexpectedly` };
    } catch (err) {
      if (err instanceof TransportError) return { outcome: "unreachable", message: err.message };
      throw err;
    }
  }

  /** Spec §9: only for an account whose webhook public key is set; then Basic and Content-Signature must both verify. */
  verifyCallback(headers: Headers, rawBody: string): CallbackVerification {
    return verifyNotification(this.creds, headers, rawBody, (tx, raw) => this.fromTransaction(tx, raw, 0));
  }

  // ---- building blocks ----------------------------------------------------------------------

  private async charge(input: SaleInput, path: string, type: "payment" | "authorization"): Promise<GatewayResult> {
    const amount = toBepaidAmount(input.amount);
    if (amount === undefined || amount <= 0) return noCall("The amount cannot be sent to bePaid in this currency", "merchant");
    const card = input.source.type === "card" ? input.source.card : undefined;
    const request: WirePaymentRequest = {
      ...this.common(input.billing, input.reference),
      amount,
      currency: input.amount.currency.toUpperCase(),
      description: (input.description?.trim() || `Order ${input.orderId}`).slice(0, 255),
      credit_card: input.source.type === "card" ? wireCard(input.source.card) : { token: input.source.token },
    };
    return this.moneyCall(path, { request }, type, card);
  }

  private common(billing: BillingDetails, reference: string) {
    return {
      tracking_id: reference,
      test: this.config.mode === "test",
      language: "en" as const,
      billing_address: wireBilling(billing),
      ...(billing.email ? { customer: { email: billing.email } } : {}),
      ...(this.config.callbackUrl && webhooksEnabled(this.creds) ? { notification_url: this.config.callbackUrl } : {}),
    };
  }

  private async child(path: string, type: BepaidType, parentUid: string, money: Money, reference: string, reason?: string): Promise<GatewayResult> {
    const amount = toBepaidAmount(money);
    if (amount === undefined || amount <= 0) return noCall("The amount cannot be sent to bePaid in this currency", "merchant");
    const request = {
      parent_uid: parentUid,
      amount,
      ...(reason ? { reason: reason.slice(0, 255) } : {}),
      ...(SEND_TRACKING_ID_ON_CHILDREN ? { tracking_id: reference } : {}),
    };
    return this.moneyCall(path, { request }, type);
  }

  /** Spec §8 / PAYMENT_VOID_ALLOWED: void a sale by a full refund, but only while it is unsettled. */
  private async voidByRefund(input: FollowUpInput): Promise<GatewayResult> {
    const { parent } = input;
    const check = await this.call("GET", `/transactions/${encodeURIComponent(parent.gatewayTransactionId)}`);
    if (!check.ok) return { ...check.result, errorKind: "rejected", message: `Could not check the sale before voiding it (${check.result.message}); nothing was sent` };
    const { res, reply, raw } = check.ex;
    if (res.status !== 200 || reply.kind !== "transaction") {
      const r = this.interpret(check.ex);
      return { ...r, status: "error", errorKind: "rejected", message: `Could not check the sale before voiding it: ${r.message}` };
    }
    if (reply.tx.status !== "successful") return rejected("Only an approved sale can be voided", raw, res.durationMs, "request");
    if (reply.tx.settled_at) return rejected("The sale has already been settled; refund it instead", raw, res.durationMs, "request");
    const result = await this.child("/transactions/refunds", "refund", parent.gatewayTransactionId, parent.amount, input.reference, VOID_BY_REFUND_REASON);
    return { ...result, durationMs: result.durationMs + res.durationMs, extra: { ...result.extra, voidMethod: "refund" } };
  }

  private async moneyCall(path: string, body: WireBody, expected: BepaidType, card?: CardInput): Promise<GatewayResult> {
    const out = await this.call("POST", path, body);
    if (!out.ok) return out.result;
    return this.interpret(out.ex, expected, card);
  }

  private async call(method: "GET" | "POST", path: string, body?: WireBody): Promise<CallOutcome> {
    const request = redactPayload(body ? { method, path, body } : { method, path });
    try {
      const res = await send({
        url: `${this.baseUrl}${path}`,
        method,
        headers: this.headers(body !== undefined),
        body: body ? JSON.stringify(body) : undefined,
        timeoutMs: this.config.timeoutMs,
      });
      const reply = parseReply(res);
      const responseBody = reply.json !== undefined ? redactPayload(reply.json) : scrubText(res.text.slice(0, 2000));
      return { ok: true, ex: { res, reply, raw: { request, response: { status: res.status, body: responseBody } } } };
    } catch (err) {
      return { ok: false, result: fromTransportError(err, request) };
    }
  }

  private headers(withBody: boolean): Record<string, string> {
    return {
      Authorization: basicAuth(this.creds.shopId, this.creds.secretKey),
      Accept: "application/json",
      ...(withBody ? { "Content-Type": "application/json" } : {}),
    };
  }

  private isBadCredentials(res: HttpResponse, reply: Reply): boolean {
    return res.status === BAD_CREDENTIALS_HTTP_STATUS || (reply.kind === "error" && res.status >= 400 && BAD_CREDENTIALS_MESSAGE.test(reply.message));
  }

  /** The one place a reply becomes a result (spec §6.2 "Client rule", §10). */
  private interpret(ex: Exchange, expected?: BepaidType, card?: CardInput): GatewayResult {
    const { res, reply, raw } = ex;
    const d = res.durationMs;
    if (res.status >= 500) return unknownOutcome(`bePaid answered HTTP ${res.status}; the outcome is unknown`, raw, d);
    if (this.isBadCredentials(res, reply)) {
      return rejected(`bePaid refused the credentials: ${reply.kind === "error" ? reply.message : "Access denied"}`, raw, d, "merchant", String(res.status));
    }
    if (res.status === 429) return rejected("bePaid is rate limiting requests; nothing was processed, try again shortly", raw, d, "gateway", "429");
    if (reply.kind === "malformed") return unknownOutcome("bePaid's reply could not be read; the outcome is unknown", raw, d);
    // An error body is a refusal only in a 4xx (spec §6.1); in a 2xx it is a reply we cannot read.
    if (reply.kind === "error" && res.status >= 400) {
      const base = reply.errors && "base" in reply.errors ? flattenErrors({ base: reply.errors.base ?? [] }).join(" ") : "";
      const duplicate = DUPLICATE_REJECTION_PATTERN.test(reply.message) || DUPLICATE_REJECTION_PATTERN.test(base);
      const message = duplicate ? `Possible duplicate: check the transaction history before retrying (${reply.message})` : reply.message;
      return rejected(message, raw, d, duplicate ? "request" : refusalFault(reply), String(res.status));
    }
    if (res.status !== 200 && res.status !== 201) return unknownOutcome(`bePaid answered HTTP ${res.status} unexpectedly; the outcome is unknown`, raw, d);
    if (reply.kind !== "transaction") return unknownOutcome("bePaid's reply had no transaction; the outcome is unknown", raw, d);
    if (expected && reply.tx.type !== expected) {
      return unknownOutcome(`bePaid answered with a ${reply.tx.type} transaction to a ${expected} request; the outcome is unknown`, raw, d);
    }
    return this.fromTransaction(reply.tx, raw, d, card);
  }

  private fromTransaction(tx: WireTransaction, raw: RedactedExchange, durationMs: number, card?: CardInput): GatewayResult {
    const status = normalizeStatus(tx.status);
    if (!status) return unknownOutcome(`bePaid reported status "${tx.status}"; the outcome is unknown`, raw, durationMs);
    const sub = subResult(tx);
    const top = tx.message ?? "";
    const detail = sub?.message ?? "";
    let message = top || detail || (status === "pending" ? "Waiting for 3-D Secure" : tx.status);
    if (status === "declined" && detail && detail !== top && top) message = `${top}: ${detail}`;
    const token = tx.credit_card?.token ?? undefined;
    if (tx.type === "tokenization" && status === "approved" && !token) {
      return rejected("bePaid approved the card check but returned no token", raw, durationMs, "gateway");
    }
    const currency = tx.currency ?? undefined;
    const result: GatewayResult = {
      status,
      message: scrubText(message),
      gatewayTransactionId: tx.uid,
      authCode: sub?.auth_code ?? undefined,
      avs: avsResult(tx.avs_cvc_verification?.avs_verification?.result_code?.toString()),
      cvv: cvcResult(tx.avs_cvc_verification?.cvc_verification?.result_code?.toString()),
      card: maskedCard(tx, card),
      token,
      amount: typeof tx.amount === "number" && currency && tx.type !== "tokenization" ? { amount: fromBepaidAmount(tx.amount, currency), currency } : undefined,
      extra: { bepaidType: tx.type, ...(tx.parent_uid ? { parentUid: tx.parent_uid } : {}) },
      raw,
      durationMs,
    };
    if (status === "declined") result.errorKind = "declined";
    return result;
  }

  private pickNewest(txs: WireTransaction[], types: BepaidType[], parentUid?: string): WireTransaction | undefined {
    const matching = txs.filter((t) => (types as string[]).includes(t.type) && (!parentUid || !t.parent_uid || t.parent_uid === parentUid));
    const dated = matching.every((t) => t.created_at && !Number.isNaN(Date.parse(t.created_at)));
    if (dated) return [...matching].sort((a, b) => Date.parse(b.created_at!) - Date.parse(a.created_at!))[0];
    return TRACKING_QUERY_NEWEST_FIRST ? matching[0] : matching[matching.length - 1];
  }
}
