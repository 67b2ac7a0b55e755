// Rover Pay client (spec /work/shared/gateways/roverpay.md). Token endpoints for stored cards,
// BLSALE / BLAUTH with keyed entry for new cards, BLTOKENREFUND for refunds and (before batch
// close) voids, BLINQUIRE to find a transaction again by resultId or invoice.
import { createHash } from "node:crypto";
import { detectBrand, last4, maskPan } from "../../card";
import { minorExponent } from "../../money";
import { send, type HttpResponse } from "../http";
import { redact, scrubText } from "../redact";
import { fromTransportError, notFoundInquiry, rejected, unknownOutcome } from "../results";
import type {
  BillingDetails,
  CardInput,
  ConnectionTestResult,
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
import { describeCcvRec, type CcvRecord } from "./ccvrec";
import { avsResult, brandFromCardType, classifyFailure, cvvResult, refusalFault, unreadableRefusalFault } from "./codes";
import type { RoverpayCredentials } from "./credentials";
import { level23Warnings, level23Wire } from "./level23";
import {
  AMOUNT_EXPONENT,
  endpointPath,
  INQUIRY_NOT_FOUND_CODE,
  INQUIRY_SETTLED_FIELD,
  MANUAL_ENTRY,
  REFUND_AMOUNT_NEGATIVE,
  SEND_AVS_ON_DEVICE_SALE,
  SEND_TOKEN_ON_REFUND,
  SIM_CARD_HEADER,
  TOKEN_EXPIRY_SEPARATOR,
  TRAN_LENGTH,
  VOID_SOURCE_CODE,
  VOID_TEXT,
  type RoverEndpoint,
} from "./spec-guesses";
import { errorMessageOf, parseReply, type AvsData, type CommonRequest, type ParsedReply, type RoverReply, type RoverRequest } from "./wire";

export const ROVERPAY_CAPABILITIES: GatewayCapabilities = {
  authorize: true,
  capture: true,
  void: "refund-before-settlement",
  voidNote: "Rover Pay has no void call: a full refund before the batch closes is processed as a void.",
  partialRefund: true,
  asynchronous: false,
  level23: true,
  callbacks: false,
  tokenization: "tokenize-endpoint",
  // No CVV request field in the JSON API: the code is entered on the device (spec §8).
  securityCode: false,
  saveCardOnly: true,
  settlement: "inquiry",
};

const GATEWAY = "Rover Pay";

type Reached = { reached: true; parsed: ParsedReply; raw: RedactedExchange; durationMs: number; httpStatus: number };
type Failed = { reached: false; result: GatewayResult };

/** What we already know about the card before the reply, to fill gaps in it. */
interface CardContext {
  card?: CardInput;
  expiry?: string;
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

export class RoverpayClient implements GatewayClient {
  readonly kind = "roverpay" as const;
  readonly capabilities = ROVERPAY_CAPABILITIES;

  constructor(
    private readonly config: GatewayAccountConfig,
    private readonly creds: RoverpayCredentials,
  ) {}

  async tokenize(input: TokenizeInput): Promise<GatewayResult> {
    const body = { ...this.common(input.reference), manual: MANUAL_ENTRY, avs: avsOf(input.billing) };
    const ex = await this.call("BLTOKENIZE", body, input.card);
    return this.paymentResult("tokenize", ex, { card: input.card });
  }

  sale(input: SaleInput): Promise<GatewayResult> {
    return this.pay(input, "sale");
  }

  authorize(input: SaleInput): Promise<GatewayResult> {
    return this.pay(input, "auth");
  }

  async capture(input: FollowUpInput): Promise<GatewayResult> {
    const amount = wireAmount(input.amount, 1);
    if (amount === null) return badCurrency(input.amount);
    const stored = storedCard(input.parent.token, input.parent.extra);
    const body = {
      ...this.common(input.reference),
      reqid: input.parent.gatewayTransactionId,
      amount,
      ...(stored ? { ctoken: stored.ctoken, expiry: stored.expiry } : {}),
    };
    const ex = await this.call("BLTOKENFINAL", body);
    return this.paymentResult("capture", ex, { expiry: stored?.expiry }, input.amount);
  }

  /** There is no void endpoint: a full BLTOKENREFUND in the open batch is the void (spec §5.3). */
  void(input: FollowUpInput): Promise<GatewayResult> {
    return this.reverse({ ...input, amount: input.parent.amount }, "void");
  }

  refund(input: FollowUpInput): Promise<GatewayResult> {
    return this.reverse(input, "refund");
  }

  async inquire(input: InquireInput): Promise<InquiryResult> {
    const byId = input.gatewayTransactionId ?? "";
    const body = {
      ...this.common(byId ? "" : input.reference),
      tran: "",
      reference: "",
      reqid: byId,
    };
    const ex = await this.call("BLINQUIRE", body);
    if (!ex.reached) return notFoundInquiry(ex.result);
    const { parsed, raw, durationMs } = ex;
    if (!parsed.ok) return notFoundInquiry(unreadable(parsed, ex));
    const { reply, rec } = parsed;
    if (reply.verified !== "1") {
      const code = reply.errorCode ?? "";
      const message = errorMessageOf(reply) || (code === INQUIRY_NOT_FOUND_CODE ? "Transaction not found" : "Inquiry refused");
      return notFoundInquiry(rejected(message, raw, durationMs, refusalFault(code), code || undefined));
    }
    const status = inquiryStatus(reply, rec);
    const refunded = reply.simRefunded !== undefined && /^\d+$/.test(reply.simRefunded) ? Number(reply.simRefunded) : undefined;
    const amount = reply.amount && /^-?\d+$/.test(reply.amount) ? Math.abs(Number(reply.amount)) : undefined;
    const currency = input.amount?.currency ?? this.config.currency;
    return {
      status,
      ...(status === "declined" ? { errorKind: "declined" as const } : {}),
      message: status === "declined" ? "Found: the transaction was declined" : "Found: the transaction was approved",
      gatewayCode: reply.simStatus,
      gatewayTransactionId: reply.resultId || undefined,
      authCode: reply.auth || rec?.get("authCode") || undefined,
      avs: avsResult(reply.avsCode || rec?.get("avsResult") || ""),
      cvv: cvvResult(reply.cvvCode || rec?.get("cvvResult") || ""),
      card: maskedCard(reply, rec, {}),
      amount: amount !== undefined ? { amount, currency } : undefined,
      extra: this.extraOf(reply, rec, input.reference),
      raw,
      durationMs,
      found: true,
      settled: reply.simStatus !== undefined ? reply[INQUIRY_SETTLED_FIELD] === "1" : undefined,
      voided: reply.simStatus !== undefined ? reply.simStatus === "voided" : undefined,
      refundedAmount: refunded,
    };
  }

  async testConnection(): Promise<ConnectionTestResult> {
    // A harmless read: look up a resultId that cannot exist. "Not found" proves the credentials work.
    const body = {
      ...this.common(""),
      tran: "",
      reference: "",
      reqid: `${this.creds.store}*0*${this.creds.reg}*connectiontest*0`,
    };
    const ex = await this.call("BLINQUIRE", body);
    if (!ex.reached) return { outcome: "unreachable", message: ex.result.message };
    const { parsed } = ex;
    if (!parsed.ok) return { outcome: unreadable(parsed, ex).fault === "merchant" ? "bad_credentials" : "error", message: parsed.reason };
    const code = parsed.reply.errorCode ?? "";
    if (parsed.reply.verified === "1" || code === INQUIRY_NOT_FOUND_CODE) return { outcome: "connected", message: "Connected to Rover Pay" };
    const message = errorMessageOf(parsed.reply) || "Rover Pay refused the request";
    if (refusalFault(code) === "merchant") return { outcome: "bad_credentials", message };
    return { outcome: "error", message };
  }

  // ── operations ────────────────────────────────────────────────────────────────────────────

  private async pay(input: SaleInput, op: "sale" | "auth"): Promise<GatewayResult> {
    const amount = wireAmount(input.amount, 1);
    if (amount === null) return badCurrency(input.amount);
    const common = this.common(input.reference);
    // §7: level23 goes on BLTOKENSALE, BLSALE and BLAUTH, not on BLTOKENAUTH; never dropped silently.
    if (input.level23 && op === "auth" && input.source.type === "token") {
      return rejected("Rover Pay takes Level 2/3 data with a sale, not with a saved card's authorization", { request: null, response: null }, 0, "request");
    }
    const level23 = input.level23 ? { level23: level23Wire(input.level23) } : {};
    if (input.source.type === "token") {
      const stored = storedCard(input.source.token);
      if (!stored) return rejected("The saved card token is not a Rover Pay token", { request: null, response: null }, 0, "card");
      const body = { ...common, ctoken: stored.ctoken, expiry: stored.expiry, amount, ...level23 };
      const ex = await this.call(op === "sale" ? "BLTOKENSALE" : "BLTOKENAUTH", body);
      return this.paymentResult(op, ex, { expiry: stored.expiry }, input.amount, input.source.token);
    }
    const card = input.source.card;
    const body = {
      ...common,
      amount,
      manual: MANUAL_ENTRY,
      ...(SEND_AVS_ON_DEVICE_SALE ? { avs: avsOf(input.billing) } : {}),
      ...level23,
    };
    const ex = await this.call(op === "sale" ? "BLSALE" : "BLAUTH", body, card);
    return this.paymentResult(op, ex, { card }, input.amount);
  }

  private async reverse(input: FollowUpInput, op: "void" | "refund"): Promise<GatewayResult> {
    const amount = wireAmount(input.amount, REFUND_AMOUNT_NEGATIVE ? -1 : 1);
    if (amount === null) return badCurrency(input.amount);
    const stored = SEND_TOKEN_ON_REFUND ? storedCard(input.parent.token, input.parent.extra) : null;
    const body = {
      ...this.common(input.reference),
      reqid: input.parent.gatewayTransactionId,
      amount,
      ...(stored ? { ctoken: stored.ctoken, expiry: stored.expiry } : {}),
    };
    const ex = await this.call("BLTOKENREFUND", body);
    const result = this.paymentResult(op, ex, { expiry: stored?.expiry }, input.amount);
    if (result.status !== "approved" || !ex.reached || !ex.parsed.ok) return result;
    // The gateway, not us, decides void vs refund (spec §5.3); say which one happened.
    const rec = ex.parsed.rec;
    const wasVoid = rec?.get("source") === VOID_SOURCE_CODE || VOID_TEXT.test(rec?.get("message") ?? "");
    const processedAs = wasVoid ? "void" : "refund";
    const note =
      op === "void" && !wasVoid
        ? " (the batch had already closed, so Rover Pay processed this as a full refund)"
        : op === "refund" && wasVoid
          ? " (full amount in the open batch, so Rover Pay processed this as a void)"
          : "";
    return { ...result, message: `${result.message}${note}`, extra: { ...result.extra, processedAs } };
  }

  // ── plumbing ──────────────────────────────────────────────────────────────────────────────

  private common(invoice: string): CommonRequest {
    return {
      atoken: this.creds.atoken,
      entity: this.creds.entity,
      store: this.creds.store,
      reg: this.creds.reg,
      date: "",
      tran: invoice ? tranFor(invoice) : "",
      invoice,
      debug: "0",
    };
  }

  private async call(endpoint: RoverEndpoint, body: RoverRequest, card?: CardInput): Promise<Reached | Failed> {
    const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
    if (card && this.mayUseSimulatedDevice()) headers[SIM_CARD_HEADER] = `${card.number};${mmyy(card.expMonth, card.expYear)}`;
    let res: HttpResponse;
    try {
      res = await send({
        url: `${this.config.baseUrl.replace(/\/+$/, "")}${endpointPath(endpoint)}`,
        method: "POST",
        headers,
        body: JSON.stringify(body),
        timeoutMs: this.config.timeoutMs,
      });
    } catch (err) {
      return { reached: false, result: fromTransportError(err, body) };
    }
    const parsed = parseReply(res);
    const response = parsed.ok ? { ...parsed.reply, ccvRec: parsed.rec ? describeCcvRec(parsed.rec) : undefined } : parsed.body;
    return { reached: true, parsed, raw: { request: redact(body), response: redact(response) }, durationMs: res.durationMs, httpStatus: res.status };
  }

  /** The keyed card goes to the sandbox's simulated Bolt device only; never in live mode or to Zumasys. */
  /**
   * The simulated card reader's header carries the card number in clear: only to the local sandbox
   * (a loopback address) in test mode, never to a URL an admin typed.
   */
  private mayUseSimulatedDevice(): boolean {
    if (this.config.mode !== "test") return false;
    try {
      return LOOPBACK_HOSTS.has(new URL(this.config.baseUrl).hostname);
    } catch {
      return false;
    }
  }

  private paymentResult(
    op: TransactionKind,
    ex: Reached | Failed,
    ctx: CardContext,
    money?: Money,
    sentToken?: string,
  ): GatewayResult {
    if (!ex.reached) return ex.result;
    const { parsed, raw, durationMs } = ex;
    if (!parsed.ok) return unreadable(parsed, ex);
    const { reply, rec } = parsed;
    const resultText = rec?.get("message") ?? "";
    const avs = avsResult(reply.avsCode || rec?.get("avsResult") || "");
    const cvv = cvvResult(reply.cvvCode || rec?.get("cvvResult") || "");
    const card = maskedCard(reply, rec, ctx);
    const warnings = level23Warnings(reply.level23Errors);
    const level23 = warnings.length ? { level23Warnings: warnings.map(scrubText) } : {};
    if (reply.verified !== "1") {
      const code = reply.errorCode || undefined;
      const message = scrubText(errorMessageOf(reply) || resultText || "Rover Pay refused the request");
      if (classifyFailure(reply.errorCode ?? "", resultText) === "declined") {
        return { status: "declined", errorKind: "declined", message, gatewayCode: code, avs, cvv, card, amount: money, raw, durationMs, ...level23 };
      }
      return { ...rejected(message, raw, durationMs, refusalFault(reply.errorCode ?? ""), code), avs, cvv, card };
    }
    const resultId = reply.resultId || rec?.get("reqId") || "";
    if (!resultId) {
      // An "approval" we could never refer to again (the vendor's own refund example does this).
      return unknownOutcome("Rover Pay reported success without a transaction id; inquire to confirm", raw, durationMs);
    }
    let token = sentToken;
    const vaultToken = reply.token || rec?.get("token") || "";
    const expiry = reply.expiry || rec?.get("expiry") || ctx.expiry || "";
    if (op === "tokenize" || (!token && (op === "sale" || op === "auth"))) {
      token = vaultToken && expiry ? `${vaultToken}${TOKEN_EXPIRY_SEPARATOR}${expiry}` : undefined;
    }
    if (op === "tokenize" && !token) {
      return unknownOutcome("Rover Pay reported success without a card token", raw, durationMs);
    }
    return {
      status: "approved",
      message: scrubText(resultText) || "Approved",
      gatewayCode: /^\[(D\d+)\]/.exec(resultText)?.[1],
      gatewayTransactionId: resultId,
      authCode: reply.auth || rec?.get("authCode") || undefined,
      avs,
      cvv,
      card,
      token,
      amount: money,
      extra: this.extraOf(reply, rec, undefined, expiry),
      ...level23,
      raw,
      durationMs,
    };
  }

  private extraOf(reply: RoverReply, rec: CcvRecord | null, invoice?: string, expiry?: string): Record<string, string> {
    const extra: Record<string, string> = {};
    const inv = rec?.get("invoice") || invoice;
    const exp = expiry || reply.expiry || rec?.get("expiry");
    const ref = reply.reference || rec?.get("reference");
    const batch = rec?.get("batch");
    if (inv) extra.invoice = inv;
    if (exp) extra.expiry = exp;
    if (ref) extra.processorReference = ref;
    if (batch) extra.batch = batch;
    return extra;
  }
}

// ── helpers ─────────────────────────────────────────────────────────────────────────────────

/** §1.1: integer cents string, sign by direction. null when the currency has no 2-decimal minor unit. */
function wireAmount(money: Money, sign: 1 | -1): string | null {
  if (minorExponent(money.currency) !== AMOUNT_EXPONENT) return null;
  if (!Number.isSafeInteger(money.amount) || money.amount <= 0) return null;
  return String(sign * money.amount);
}

/** The account's currency is one Rover Pay cannot carry: its configuration. */
function badCurrency(money: Money): GatewayResult {
  return rejected(`${GATEWAY} takes positive amounts in cents; ${money.amount} ${money.currency} cannot be sent`, { request: null, response: null }, 0, "merchant");
}

/** A reply that is not a usable Rover Pay reply: an unknown outcome, or a refusal by something in front of the gateway. */
function unreadable(parsed: Extract<ParsedReply, { ok: false }>, ex: Reached): GatewayResult {
  const { raw, durationMs } = ex;
  return parsed.outcome === "unknown" ? unknownOutcome(parsed.reason, raw, durationMs) : rejected(parsed.reason, raw, durationMs, unreadableRefusalFault(ex.httpStatus));
}

function mmyy(month: number, year: number): string {
  return `${String(month).padStart(2, "0")}${String(year % 100).padStart(2, "0")}`;
}

/** Short, stable, alphanumeric `tran` per attempt (see TRAN_LENGTH in spec-guesses). */
function tranFor(reference: string): string {
  return createHash("sha256").update(reference).digest("hex").slice(0, TRAN_LENGTH);
}

/** Our token is `<ctoken>:<MMYY>`; a bare ctoken can use an expiry stored in `extra`. */
function storedCard(token: string | undefined, extra?: Record<string, string>): { ctoken: string; expiry: string } | null {
  if (!token) return null;
  const [ctoken = "", expiry = extra?.expiry ?? ""] = token.split(TOKEN_EXPIRY_SEPARATOR);
  if (!/^\d{12,19}$/.test(ctoken) || !/^\d{4}$/.test(expiry)) return null;
  return { ctoken, expiry };
}

function avsOf(b: BillingDetails): AvsData {
  return {
    name: `${b.firstName} ${b.lastName}`.trim(),
    addr: b.address1,
    addr2: b.address2 ?? "",
    city: b.city,
    state: b.state ?? "",
    zip: b.postalCode,
  };
}

function maskedCard(reply: RoverReply, rec: CcvRecord | null, ctx: CardContext): MaskedCard | undefined {
  // The gateway's record wins: the card keyed on the device is the one that was charged.
  const recMask = rec?.get("account") ?? "";
  const recLast4 = /\d{4}$/.exec(recMask)?.[0];
  const typed = ctx.card?.number;
  const pan = typed && (!recLast4 || last4(typed) === recLast4) ? typed : undefined;
  const lastFour = recLast4 ?? (pan ? last4(pan) : "");
  if (!/^\d{4}$/.test(lastFour)) return undefined;
  const brand = brandFromCardType(reply.cardType || rec?.get("cardType") || "") ?? (pan ? detectBrand(pan) : "unknown");
  const expiry = reply.expiry || rec?.get("expiry") || ctx.expiry || "";
  const exp = /^(\d{2})(\d{2})$/.exec(expiry);
  const expMonth = exp ? Number(exp[1]) : pan ? ctx.card?.expMonth : undefined;
  const expYear = exp ? 2000 + Number(exp[2]) : pan ? ctx.card?.expYear : undefined;
  return {
    brand,
    last4: lastFour,
    // scrubText: a record that echoes the full number must not carry it into the stored card.
    masked: pan ? maskPan(pan) : scrubText(recMask.replace(/[^\d*]/g, "")),
    ...(expMonth !== undefined ? { expMonth } : {}),
    ...(expYear !== undefined ? { expYear } : {}),
  };
}

/** §5.6: the real reply carries no status; the simulator's `simStatus` does (PROPOSED). */
/** The vendor's BLINQUIRE example carries the auth code only inside ccvRec (fixtures/vendor-examples.json). */
function inquiryStatus(reply: RoverReply, rec: CcvRecord | null): "approved" | "declined" {
  if (reply.simStatus !== undefined) return reply.simStatus === "declined" ? "declined" : "approved";
  return reply.auth || rec?.get("authCode") ? "approved" : "declined";
}
