// JSON:API documents exactly as PayCore returns them (spec §3.1, §3.3, §3.4).
import type { SimInvoice, SimRefund } from "./state";
import { minorToMajor } from "./util";

export function invoiceResource(inv: SimInvoice, baseUrl: string) {
  const amount = minorToMajor(inv.amountMinor, inv.currency);
  const done = inv.processed !== null && (inv.status === "processed" || inv.status.includes("refund"));
  return {
    type: "payment-invoices",
    id: inv.id,
    attributes: {
      serial_number: inv.id.slice(4),
      status: inv.status,
      resolution: inv.resolution,
      moderation_required: false,
      amount,
      payment_amount: amount,
      currency: inv.currency,
      service_currency: inv.currency,
      reference_id: inv.referenceId,
      test_mode: inv.testMode,
      fee: 0,
      deposit: amount,
      processed: inv.processed,
      processed_amount: done ? amount : null,
      processed_fee: done ? 0 : null,
      processed_deposit: done ? amount : null,
      refunded_amount: inv.refundedMinor > 0 ? minorToMajor(inv.refundedMinor, inv.currency) : null,
      metadata: inv.metadata,
      flow: inv.flow === "hpp" ? "hpp" : inv.flow,
      payment_flow: inv.flow === "verify" ? "verify" : "charge",
      flow_data: {
        action: `${baseUrl}/hpp/${inv.sid}`,
        method: "GET",
        params: [],
        metadata: { sid: inv.sid, token: inv.bearer },
      },
      payload: inv.card
        ? {
            client_ip: "127.0.0.1",
            ...(inv.mintedToken ? { token: inv.mintedToken } : {}),
            payment_card: {
              first: inv.card.first6,
              last: inv.card.last4,
              mask: `${inv.card.first6}******${inv.card.last4}`,
              brand: inv.card.brand,
              holder: inv.card.holder,
              expiry_month: inv.card.expMonth,
              expiry_year: inv.card.expYear,
              issuer_name: "SANDBOX BANK",
              issuer_country: "US",
            },
          }
        : [],
      description: inv.description,
      descriptor: null,
      callback_url: inv.callbackUrl,
      return_url: null,
      original_data: null,
      rrn: inv.rrn,
      approval_code: inv.approvalCode,
      reserved_amount: null,
      reserve_expires: null,
      unreserved: null,
      source: null,
      created: inv.created,
      updated: inv.updated,
    },
    relationships: {
      "payment-service": { data: { type: "payment-services", id: inv.service } },
      "payment-method": { data: { type: "payment-methods", id: "payment_card" } },
      customer: { data: null },
    },
    links: { self: `/api/payment-invoices/${inv.id}` },
  };
}

export const invoiceDoc = (inv: SimInvoice, baseUrl: string) => ({ data: invoiceResource(inv, baseUrl) });

export function refundResource(r: SimRefund) {
  return {
    type: "refunds",
    id: r.id,
    attributes: {
      reference_id: r.referenceId,
      original_id: null,
      description: r.description,
      status: r.status,
      resolution: r.resolution,
      amount: minorToMajor(r.amountMinor, r.currency),
      fee: 0,
      currency: r.currency,
      created: r.created,
    },
    links: { self: `/refunds/${r.id}` },
  };
}

export function cardgateDoc(inv: SimInvoice, authAction: string | null) {
  return {
    data: {
      id: inv.sid,
      attributes: {
        amount: minorToMajor(inv.amountMinor, inv.currency),
        currency: inv.currency,
        description: inv.description,
        service: inv.service,
        options: {},
        customer: { reference_id: inv.customerRef },
        repeatable: true,
        flow: inv.flow === "verify" ? "verify" : "charge",
        status: "process_pending",
        resolution: "ok",
        active_request: { status: "process_pending", resolution: "ok" },
        active_payment: { status: authAction ? "authorize_required" : "process_pending", resolution: "ok" },
        auto_repay: false,
        metadata: { fee: "0.00", fee_strategy: "external" },
      },
    },
    ...(authAction
      ? { auth_payload: { action: authAction, method: "POST", params: { creq: Buffer.from('{"messageType":"CReq"}').toString("base64") } } }
      : {}),
  };
}
