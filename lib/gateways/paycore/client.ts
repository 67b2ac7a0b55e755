// PayCore (Corefy) client: payment invoices on the private API, card entry through Card Gate.
// Results are usually "pending": the final status arrives by callback or inquire().
import { detectBrand, last4, maskPan } from "../../card";
import { toMajorString } from "../../money";
import { basicAuth } from "../http";
import { scrubText } from "../redact";
import { rejected, unknownOutcome, unsupported } from "../results";
import type {
  BillingDetails,
  CallbackVerification,
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
} from "../types";
import { paycoreCredentialsSchema, type PaycoreCredentials } from "./credentials";
import { exchange, redactWire, type Exchange } from "./exchange";
import { invoiceStatus, refusalFault } from "./codes";
import { resultFromInvoice, resultFromRefund, toMinor, type PaycoreOperation } from "./invoice-result";
import { signatureValid } from "./signature";
import * as guess from "./spec-guesses";
import { customerRefFor, splitToken } from "./tokens";
import {
  cardgateDocSchema,
  errorMessage,
  invoiceDocSchema,
  invoiceListSchema,
  parseReply,
  refundDocSchema,
  refundListSchema,
  type CardgateSaleRequest,
  type InvoiceAttributes,
  type InvoiceRequest,
  type InvoiceResource,
  type RefundRequest,
  type WireCustomer,
} from "./wire";
import type { z } from "zod";

export const PAYCORE_VOID_NOTE =
  "PayCore cannot cancel a payment. An unpaid invoice simply expires; a paid one must be refunded instead.";

export const PAYCORE_CAPABILITIES: GatewayCapabilities = {
  authorize: false,
  capture: false,
  void: "none",
  voidNote: PAYCORE_VOID_NOTE,
  partialRefund: true,
  asynchronous: true,
  level23: false,
  callbacks: true,
  tokenization: "tokenizing-payment",
  securityCode: true,
  // The token only ever comes from a payment.
  saveCardOnly: false,
  settlement: "inquiry",
};

type Step<T> = { ok: true; value: T; ex: Exchange } | { ok: false; result: GatewayResult };

const raw = (...exs: Exchange[]): RedactedExchange =>
  exs.length === 1 ? { request: exs[0]!.request, response: exs[0]!.response } : { request: exs.map((e) => e.request), response: exs.map((e) => e.response) };
const took = (...exs: Exchange[]): number => exs.reduce((sum, e) => sum + e.durationMs, 0);

/** Decides what one exchange means: a usable reply, a refusal, or an unknown outcome. `surface`: which API answered. */
function interpret<T>(ex: Exchange, schema: z.ZodType<T>, okStatuses: readonly number[], before: Exchange[] = [], surface: "api" | "cardgate" = "api"): Step<T> {
  const all = [...before, ex];
  if (ex.transport || ex.status === undefined) {
    return { ok: false, result: unknownOutcome(ex.transport?.message ?? "No reply from PayCore", raw(...all), took(...all)) };
  }
  if (okStatuses.includes(ex.status)) {
    const parsed = parseReply(schema, ex.text);
    if (parsed.ok) return { ok: true, value: parsed.value, ex };
    return { ok: false, result: unknownOutcome("PayCore sent a reply that could not be read", raw(...all), took(...all)) };
  }
  if (ex.status >= 400 && ex.status < 500) {
    const err = errorMessage(ex.text);
    const message = scrubText(err.message ?? `PayCore refused the request (HTTP ${ex.status})`);
    return { ok: false, result: rejected(message, raw(...all), took(...all), refusalFault(ex.status, err.pointer, surface), err.code ?? String(ex.status)) };
  }
  return { ok: false, result: unknownOutcome(`PayCore answered HTTP ${ex.status}`, raw(...all), took(...all)) };
}

function maskedCard(card: CardInput): MaskedCard {
  return { brand: detectBrand(card.number), last4: last4(card.number), masked: maskPan(card.number), expMonth: card.expMonth, expYear: card.expYear };
}

function customerFrom(billing: BillingDetails, customerRef: string): WireCustomer {
  const street = [billing.address1, billing.address2].filter(Boolean).join(", ");
  return {
    reference_id: customerRef,
    name: `${billing.firstName} ${billing.lastName}`.trim(),
    email: billing.email,
    phone: billing.phone,
    address: {
      full_address: [street, billing.city, billing.state, billing.postalCode, billing.country].filter(Boolean).join(", "),
      country: billing.country,
      region: billing.state,
      city: billing.city,
      street,
      post_code: billing.postalCode,
    },
  };
}

export class PaycoreClient implements GatewayClient {
  readonly kind = "paycore" as const;
  readonly capabilities = PAYCORE_CAPABILITIES;
  private readonly creds: PaycoreCredentials | undefined;
  private readonly apiBase: string;
  private readonly cardgateBase: string;

  constructor(private readonly config: GatewayAccountConfig) {
    const parsed = paycoreCredentialsSchema.safeParse(config.credentials);
    this.creds = parsed.success ? parsed.data : undefined;
    const base = config.baseUrl.replace(/\/+$/, "");
    this.apiBase = `${base}${guess.PRIVATE_API_PATH}`;
    this.cardgateBase = (this.creds?.cardgateBaseUrl || `${base}${guess.DEFAULT_CARDGATE_PATH}`).replace(/\/+$/, "");
  }

  // ---- money-moving operations (never retried) ----

  async tokenize(input: TokenizeInput): Promise<GatewayResult> {
    const customerRef = customerRefFor(input.reference);
    return this.cardPayment(input.card, input.billing, {
      reference: input.reference,
      orderId: input.orderId,
      description: `Card verification for order ${input.orderId}`,
      amount: { amount: toMinor(guess.VERIFY_AMOUNT_MAJOR, input.currency), currency: input.currency },
      operation: "tokenize",
      customerRef,
      extra: { flow: guess.VERIFY_FLOW, gateway_options: { cardgate: { tokenize: true } } },
    });
  }

  async sale(input: SaleInput): Promise<GatewayResult> {
    if (input.source.type === "card") {
      return this.cardPayment(input.source.card, input.billing, {
        reference: input.reference,
        orderId: input.orderId,
        description: input.description,
        amount: input.amount,
        operation: "card_sale",
        customerRef: customerRefFor(input.reference),
        // PayCore issues a card token only from a successful payment with tokenisation on (spec §7.3),
        // so every keyed sale asks for one; the app decides whether to keep it.
        extra: { gateway_options: { cardgate: { tokenize: true } } },
      });
    }
    const { customerRef, token } = splitToken(input.source.token);
    const ref = customerRef ?? customerRefFor(input.reference);
    const attrs = this.invoiceAttributes(input.billing, {
      reference: input.reference,
      orderId: input.orderId,
      description: input.description,
      amount: input.amount,
      operation: "token_sale",
      customerRef: ref,
      extra: { token, flow: guess.TOKEN_CHARGE_FLOW, gateway_options: { cardgate: { instant: true } } },
    });
    const step = await this.createInvoice(attrs);
    if (!step.ok) return step.result;
    return resultFromInvoice(step.value, raw(step.ex), took(step.ex));
  }

  async authorize(): Promise<GatewayResult> {
    return unsupported("authorize-only payments", "PayCore");
  }

  async capture(): Promise<GatewayResult> {
    return unsupported("capture", "PayCore");
  }

  async void(): Promise<GatewayResult> {
    return rejected(PAYCORE_VOID_NOTE, { request: null, response: null }, 0, "request", "void_unsupported");
  }

  async refund(input: FollowUpInput): Promise<GatewayResult> {
    if (!this.creds) return this.badConfig();
    const invoiceId = input.parent.extra?.invoiceId ?? input.parent.gatewayTransactionId;
    const body: RefundRequest = {
      data: {
        type: guess.REFUND_REQUEST_TYPE,
        attributes: {
          invoiceId,
          amount: this.major(input.amount),
          reference_id: input.reference,
          description: input.reason,
        },
      },
    };
    const ex = await exchange({
      url: `${this.apiBase}/payment-invoices/${encodeURIComponent(invoiceId)}/refund`,
      method: "POST",
      headers: this.privateHeaders(),
      body,
      timeoutMs: this.config.timeoutMs,
    });
    const step = interpret(ex, refundDocSchema, [200, 201]);
    if (!step.ok) return step.result;
    return resultFromRefund(step.value.data, invoiceId, input.amount.currency, raw(ex), took(ex));
  }

  // ---- reads ----

  async inquire(input: InquireInput): Promise<InquiryResult> {
    if (!this.creds) return { ...this.badConfig(), found: false };
    return input.operation === "refund" ? this.inquireRefund(input) : this.inquireInvoice(input);
  }

  async testConnection(): Promise<ConnectionTestResult> {
    if (!this.creds) return { outcome: "bad_credentials", message: "The PayCore credentials are incomplete" };
    const ex = await this.get(`/payment-invoices?${new URLSearchParams({ [guess.INVOICE_REFERENCE_FILTER]: "keyed-connection-check" })}`);
    if (ex.transport || ex.status === undefined) return { outcome: "unreachable", message: ex.transport?.message ?? "PayCore could not be reached" };
    if (refusalFault(ex.status, undefined, "api") === "merchant") {
      return { outcome: "bad_credentials", message: errorMessage(ex.text).message ?? "PayCore refused the commerce account id or API key" };
    }
    if (ex.status === 200 && parseReply(invoiceListSchema, ex.text).ok) return { outcome: "connected", message: "Connected to PayCore" };
    return { outcome: "error", message: `PayCore answered HTTP ${ex.status} to a harmless invoice search` };
  }

  verifyCallback(headers: Headers, rawBody: string): CallbackVerification {
    if (!this.creds) return { valid: false, reason: "The PayCore credentials are incomplete" };
    if (!signatureValid(this.creds.callbackSecret, rawBody, headers.get(guess.SIGNATURE_HEADER))) {
      return { valid: false, reason: "Missing or invalid X-Signature" };
    }
    const parsed = parseReply(invoiceDocSchema, rawBody);
    if (!parsed.ok) return { valid: false, reason: "Callback body is not a payment-invoice document" };
    const inv = parsed.value.data;
    const result = resultFromInvoice(inv, { request: null, response: redactWire(parsed.json) }, 0);
    return {
      valid: true,
      event: { gatewayTransactionId: inv.id, reference: inv.attributes.reference_id ?? undefined, status: result.status, result },
    };
  }

  // ---- internals ----

  private async cardPayment(
    card: CardInput,
    billing: BillingDetails,
    opts: InvoiceOptions,
  ): Promise<GatewayResult> {
    const created = await this.createInvoice(this.invoiceAttributes(billing, opts));
    if (!created.ok) return created.result;
    const invoice = created.value;
    const bearer = invoice.attributes.flow_data?.metadata?.token;
    const sent = maskedCard(card);
    if (!bearer) {
      // The invoice exists but we cannot pay it: no card was sent, so no money moved.
      return {
        ...rejected("PayCore returned no Card Gate session for the invoice", raw(created.ex), took(created.ex), "gateway", "no_cardgate_session"),
        gatewayTransactionId: invoice.id,
        extra: { invoiceId: invoice.id },
      };
    }
    const body: CardgateSaleRequest = {
      data: {
        type: guess.CARDGATE_SALE_TYPE,
        attributes: {
          card_number: card.number,
          card_holder: card.holderName,
          cvv: card.cvv,
          exp_month: String(card.expMonth).padStart(2, "0"),
          exp_year: String(card.expYear % 100).padStart(2, "0"),
        },
      },
    };
    const ex = await exchange({
      url: `${this.cardgateBase}/payment/sale`,
      method: "POST",
      headers: { Authorization: `Bearer ${bearer}`, "Content-Type": "application/json", Accept: "application/json" },
      body,
      timeoutMs: this.config.timeoutMs,
    });
    const step = interpret(ex, cardgateDocSchema, [200, 201], [created.ex], "cardgate");
    const ids = { gatewayTransactionId: invoice.id, card: sent, extra: { invoiceId: invoice.id } };
    if (!step.ok) return { ...step.result, ...ids };
    const cg = step.value;
    const base = resultFromInvoice(invoice, raw(created.ex, ex), took(created.ex, ex), sent);
    const status = invoiceStatus(cg.data.attributes.status);
    const extra = { ...base.extra, cardgateSessionId: cg.data.id };
    if (cg.auth_payload) {
      return {
        ...base,
        status: "pending",
        message: "3-D Secure authentication required: the cardholder must complete it before the payment proceeds",
        extra: { ...extra, threeDsAction: cg.auth_payload.action },
      };
    }
    if (status === "pending") return { ...base, status, message: "Card accepted for processing; the result follows by callback", extra };
    // Card Gate answered with a final state already: confirm it on the invoice rather than trust the session.
    return { ...base, status: "pending", message: `Card Gate reports ${cg.data.attributes.status}; confirm with an inquiry`, extra };
  }

  private invoiceAttributes(billing: BillingDetails, o: InvoiceOptions): InvoiceAttributes {
    return {
      reference_id: o.reference,
      currency: o.amount.currency,
      amount: this.major(o.amount),
      service: this.creds?.service || guess.defaultCardService(o.amount.currency),
      test_mode: this.config.mode === "test",
      description: o.description ?? `Order ${o.orderId}`,
      customer: customerFrom(billing, o.customerRef),
      callback_url: this.config.callbackUrl,
      metadata: {
        [guess.METADATA_KEYS.operation]: o.operation,
        [guess.METADATA_KEYS.customer]: o.customerRef,
        [guess.METADATA_KEYS.orderId]: o.orderId,
      },
      ...o.extra,
    };
  }

  private async createInvoice(attributes: InvoiceAttributes): Promise<Step<InvoiceResource>> {
    if (!this.creds) return { ok: false, result: this.badConfig() };
    const body: InvoiceRequest = { data: { type: "payment-invoices", attributes } };
    const ex = await exchange({
      url: `${this.apiBase}/payment-invoices`,
      method: "POST",
      headers: this.privateHeaders(),
      body,
      timeoutMs: this.config.timeoutMs,
    });
    // §3.1: 201 and nothing else means the invoice was created.
    const step = interpret(ex, invoiceDocSchema, [201]);
    return step.ok ? { ok: true, value: step.value.data, ex } : step;
  }

  private async inquireInvoice(input: InquireInput): Promise<InquiryResult> {
    const id = input.gatewayTransactionId?.startsWith("cpi_") ? input.gatewayTransactionId : undefined;
    const ex = id
      ? await this.get(`/payment-invoices/${encodeURIComponent(id)}`)
      : await this.get(`/payment-invoices?${new URLSearchParams({ [guess.INVOICE_REFERENCE_FILTER]: input.reference })}`);
    if (ex.status === 404) return this.notFound(ex);
    const step = id
      ? interpret(ex, invoiceDocSchema.transform((d) => d.data), [200])
      : interpret(ex, invoiceListSchema.transform((d) => d.data.find((i) => i.attributes.reference_id === input.reference)), [200]);
    if (!step.ok) return { ...step.result, found: false };
    const inv = step.value;
    if (!inv) return this.notFound(ex);
    const result = resultFromInvoice(inv, raw(ex), took(ex));
    const refunded = inv.attributes.refunded_amount;
    return {
      ...result,
      found: true,
      settled: guess.PROCESSED_IS_SETTLED && result.status === "approved",
      voided: false,
      refundedAmount: refunded ? toMinor(refunded, inv.attributes.currency) : 0,
    };
  }

  private async inquireRefund(input: InquireInput): Promise<InquiryResult> {
    const id = input.gatewayTransactionId?.startsWith("ref_") ? input.gatewayTransactionId : undefined;
    const ex = id
      ? await this.get(`${guess.REFUNDS_PATH}/${encodeURIComponent(id)}`)
      : await this.get(`${guess.REFUNDS_PATH}?${new URLSearchParams({ [guess.REFUND_REFERENCE_FILTER]: input.reference })}`);
    if (ex.status === 404) return this.notFound(ex);
    const step = id
      ? interpret(ex, refundDocSchema.transform((d) => d.data), [200])
      : interpret(ex, refundListSchema.transform((d) => d.data.find((r) => r.attributes.reference_id === input.reference)), [200]);
    if (!step.ok) return { ...step.result, found: false };
    const ref = step.value;
    if (!ref) return this.notFound(ex);
    const invoiceId = input.parent?.extra?.invoiceId ?? input.parent?.gatewayTransactionId ?? "";
    const currency = input.amount?.currency ?? this.config.currency;
    const result = resultFromRefund(ref, invoiceId, currency, raw(ex), took(ex));
    return { ...result, found: true, settled: guess.PROCESSED_IS_SETTLED && result.status === "approved", voided: false, refundedAmount: result.amount?.amount };
  }

  private notFound(ex: Exchange): InquiryResult {
    return { status: "error", errorKind: "rejected", message: "PayCore has no such transaction", raw: raw(ex), durationMs: took(ex), found: false };
  }

  private get(path: string): Promise<Exchange> {
    return exchange({ url: `${this.apiBase}${path}`, method: "GET", headers: this.privateHeaders(), timeoutMs: this.config.timeoutMs });
  }

  private privateHeaders(): Record<string, string> {
    const c = this.creds;
    return {
      Authorization: c ? basicAuth(c.commerceAccountId, c.apiKey) : "",
      "Content-Type": "application/vnd.api+json",
      Accept: "application/vnd.api+json",
    };
  }

  private major(m: Money): number {
    return Number(toMajorString(m.amount, m.currency));
  }

  private badConfig(): GatewayResult {
    return rejected("The PayCore credentials are incomplete or malformed", { request: null, response: null }, 0, "merchant", "bad_config");
  }
}

interface InvoiceOptions {
  reference: string;
  orderId: string;
  description?: string;
  amount: Money;
  operation: PaycoreOperation;
  customerRef: string;
  /** Operation-specific attributes (flow, token, gateway_options). */
  extra: Partial<InvoiceAttributes>;
}
