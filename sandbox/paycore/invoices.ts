// The private API: payment invoices, refunds and their reads (spec §3.1, §3.2, §3.4).
import { json, type SimContext, type SimRequest, type SimResponse } from "../types";
import type { SimAccount } from "./accounts";
import { invoiceDoc, invoiceResource, refundResource } from "./documents";
import { sendInvoiceCallback, schedule } from "./lifecycle";
import { decide, forFlow, REFUND_FAIL_FRACTION } from "./rules";
import type { PaycoreState, SimInvoice, SimRefund } from "./state";
import {
  apiError,
  b64url,
  fraction,
  invalid,
  isRecord,
  majorToMinor,
  nowSeconds,
  parseJson,
  randomAlnum,
  SUPPORTED_CURRENCIES,
} from "./util";

const A = "/data/attributes";
const jsonApi = (status: number, body: unknown) => json(status, body, { "content-type": "application/vnd.api+json" });
const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v : undefined);

export function createInvoice(req: SimRequest, state: PaycoreState, ctx: SimContext, account: SimAccount): SimResponse {
  const body = parseJson(req.rawBody);
  if (!isRecord(body) || !isRecord(body.data)) return invalid("Body must be a JSON:API document", "/data");
  if (body.data.type !== "payment-invoices") return invalid('data.type must be "payment-invoices"', "/data/type");
  const a = body.data.attributes;
  if (!isRecord(a)) return invalid("attributes are required", A);

  const referenceId = str(a.reference_id);
  if (!referenceId || referenceId.length > 255) return invalid("reference_id is required (max 255 characters)", `${A}/reference_id`);
  const currency = str(a.currency);
  if (!currency || !SUPPORTED_CURRENCIES.includes(currency)) return invalid("currency is missing or not supported", `${A}/currency`);
  const amountMinor = majorToMinor(a.amount, currency);
  if (amountMinor === undefined) return invalid("amount must be a positive number in major units with the currency's decimals", `${A}/amount`);
  const service = str(a.service);
  if (!service || service !== `payment_card_${currency.toLowerCase()}_hpp`) {
    return invalid(`service is missing or not available for ${currency}`, `${A}/service`);
  }
  if (a.test_mode !== true) return apiError(403, "forbidden", "Forbidden", "Test credentials can only create test_mode invoices");

  const customer = isRecord(a.customer) ? a.customer : undefined;
  const customerRef = customer ? str(customer.reference_id) : undefined;
  if (customer && !customerRef) return invalid("customer.reference_id is required", `${A}/customer/reference_id`);
  const options = isRecord(a.gateway_options) && isRecord(a.gateway_options.cardgate) ? a.gateway_options.cardgate : {};
  const tokenize = options.tokenize === true;
  const instant = options.instant === true;
  const tokenValue = str(a.token);
  if ((tokenize || tokenValue) && !customerRef) return invalid("customer.reference_id is required for token flows", `${A}/customer`);
  const flow = str(a.flow) ?? "hpp";
  if (!["hpp", "charge", "verify"].includes(flow)) return invalid("flow is not supported", `${A}/flow`);
  if (flow === "verify" && tokenValue) return invalid("verify flow cannot use a token", `${A}/flow`);
  const stored = tokenValue ? state.tokens[tokenValue] : undefined;
  if (tokenValue && (!stored || stored.account !== account.commerceAccountId || stored.customerRef !== customerRef)) {
    return invalid("token is unknown for this customer", `${A}/token`);
  }
  const callbackRaw = a.callback_url ?? body.data.callback_url; // §3.1: accept both placements
  const callbackUrl = str(callbackRaw);
  if (callbackUrl !== undefined && !/^https?:\/\//.test(callbackUrl)) return invalid("callback_url must be an http(s) URL", `${A}/callback_url`);
  const duplicate = Object.values(state.invoices).some((i) => i.account === account.commerceAccountId && i.referenceId === referenceId);
  if (duplicate) return apiError(409, "duplicate_reference_id", "Duplicate reference_id", `An invoice with reference_id ${referenceId} already exists`, `${A}/reference_id`);

  const now = nowSeconds(ctx.now());
  const id = `cpi_${randomAlnum(16)}`;
  const sid = `cgi_${randomAlnum(16)}`;
  const inv: SimInvoice = {
    id,
    account: account.commerceAccountId,
    referenceId,
    currency,
    amountMinor,
    service,
    testMode: true,
    description: str(a.description) ?? null,
    customerRef: customerRef ?? null,
    customerName: customer ? (str(customer.name) ?? null) : null,
    flow,
    tokenize,
    instant,
    usedToken: tokenValue ?? null,
    callbackUrl: callbackUrl ?? null,
    metadata: isRecord(a.metadata) ? a.metadata : {},
    status: "process_pending",
    resolution: "ok",
    created: now,
    updated: now,
    processed: null,
    rrn: null,
    approvalCode: null,
    refundedMinor: 0,
    card: stored ? stored.card : null,
    mintedToken: null,
    sid,
    bearer: `${b64url('{"alg":"HS256"}')}.${b64url(JSON.stringify({ sid, coma: account.commerceAccountId }))}.${randomAlnum(24)}`,
    paymentAttempted: false,
    scheduled: null,
    settled: false,
  };
  state.invoices[id] = inv;
  ctx.changed();
  if (stored && instant) {
    // S8: instant write-off charges the stored card now, merchant-initiated (no 3DS).
    const decision = decide(stored.card, null, true, ctx.now());
    const hold = fraction(amountMinor) === 13 ? "slow_provider" : undefined; // S7
    schedule(state, inv, forFlow(decision.outcome, flow), ctx, hold);
  }
  return jsonApi(201, invoiceDoc(inv, ctx.baseUrl));
}

function ownInvoice(state: PaycoreState, id: string, account: SimAccount): SimInvoice | undefined {
  const inv = state.invoices[id];
  return inv && inv.account === account.commerceAccountId ? inv : undefined;
}

export function getInvoice(id: string, state: PaycoreState, ctx: SimContext, account: SimAccount): SimResponse {
  const inv = ownInvoice(state, id, account);
  if (!inv) return apiError(404, "not_found", "Not found", "Payment invoice not found");
  return jsonApi(200, invoiceDoc(inv, ctx.baseUrl));
}

export function listInvoices(req: SimRequest, state: PaycoreState, ctx: SimContext, account: SimAccount): SimResponse {
  const ref = req.query.get("filter[reference_id]");
  const rows = Object.values(state.invoices)
    .filter((i) => i.account === account.commerceAccountId && (ref === null || i.referenceId === ref))
    .sort((x, y) => y.created - x.created)
    .slice(0, 50);
  return jsonApi(200, { data: rows.map((i) => invoiceResource(i, ctx.baseUrl)) });
}

const REFUNDABLE = new Set(["processed", "partially_refunded"]);

export function refundInvoice(id: string, req: SimRequest, state: PaycoreState, ctx: SimContext, account: SimAccount): SimResponse {
  const inv = ownInvoice(state, id, account);
  if (!inv) return apiError(404, "not_found", "Not found", "Payment invoice not found");
  const body = parseJson(req.rawBody);
  if (!isRecord(body) || !isRecord(body.data)) return invalid("Body must be a JSON:API document", "/data");
  if (body.data.type !== "refund") return invalid('data.type must be "refund"', "/data/type");
  const a = body.data.attributes;
  if (!isRecord(a)) return invalid("attributes are required", A);
  if (a.invoiceId !== id) return invalid("invoiceId must match the invoice in the path", `${A}/invoiceId`);
  const referenceId = str(a.reference_id);
  if (!referenceId) return invalid("reference_id is required", `${A}/reference_id`);
  const amountMinor = majorToMinor(a.amount, inv.currency);
  if (amountMinor === undefined) return invalid("amount must be a positive number in major units", `${A}/amount`);
  if (Object.values(state.refunds).some((r) => r.account === account.commerceAccountId && r.referenceId === referenceId)) {
    return apiError(409, "duplicate_reference_id", "Duplicate reference_id", `A refund with reference_id ${referenceId} already exists`, `${A}/reference_id`);
  }
  if (!REFUNDABLE.has(inv.status)) return invalid(`Invoice in status ${inv.status} cannot be refunded`, "/data");
  const remaining = inv.amountMinor - inv.refundedMinor;
  if (amountMinor > remaining) return invalid("Refund amount exceeds the refundable remainder", `${A}/amount`);

  const now = nowSeconds(ctx.now());
  const fails = fraction(amountMinor) === REFUND_FAIL_FRACTION; // S9
  const refund: SimRefund = {
    id: `ref_${randomAlnum(16)}`,
    account: account.commerceAccountId,
    invoiceId: id,
    referenceId,
    description: str(a.description) ?? null,
    status: fails ? "process_failed" : "processed",
    resolution: fails ? "processing_error" : "ok",
    amountMinor,
    currency: inv.currency,
    created: now,
    settled: false,
  };
  state.refunds[refund.id] = refund;
  if (fails) {
    inv.status = "refund_failed";
  } else {
    inv.refundedMinor += amountMinor;
    inv.status = inv.refundedMinor >= inv.amountMinor ? "refunded" : "partially_refunded";
  }
  inv.updated = now;
  ctx.changed();
  sendInvoiceCallback(inv, ctx);
  return jsonApi(201, { data: refundResource(refund) });
}

export function getRefund(id: string, state: PaycoreState, account: SimAccount): SimResponse {
  const r = state.refunds[id];
  if (!r || r.account !== account.commerceAccountId) return apiError(404, "not_found", "Not found", "Refund not found");
  return jsonApi(200, { data: refundResource(r) });
}

export function listRefunds(req: SimRequest, state: PaycoreState, account: SimAccount): SimResponse {
  const ref = req.query.get("filter[reference_id]");
  const rows = Object.values(state.refunds).filter((r) => r.account === account.commerceAccountId && (ref === null || r.referenceId === ref));
  return jsonApi(200, { data: rows.map(refundResource) });
}
