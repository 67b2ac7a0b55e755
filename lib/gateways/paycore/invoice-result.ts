// Turns PayCore documents (invoice, refund) into Keyed's normalized results.
import { minorExponent } from "../../money";
import type { CardBrand, GatewayResult, MaskedCard, RedactedExchange } from "../types";
import { AVS_UNAVAILABLE, cvvResult, describeInvoice, invoiceStatus, refundStatus, resolutionFault } from "./codes";
import { METADATA_KEYS } from "./spec-guesses";
import { composeToken } from "./tokens";
import type { InvoiceResource, RefundResource } from "./wire";

export type PaycoreOperation = "tokenize" | "card_sale" | "token_sale";

export function toMinor(major: number, currency: string): number {
  return Math.round(major * 10 ** minorExponent(currency));
}

const BRANDS: readonly CardBrand[] = ["visa", "mastercard", "amex", "discover", "diners", "jcb", "unionpay", "maestro"];

function cardFromPayload(inv: InvoiceResource): MaskedCard | undefined {
  const pc = inv.attributes.payload?.payment_card;
  if (!pc) return undefined;
  const last = (pc.last ?? pc.mask ?? "").replace(/\D/g, "").slice(-4);
  if (!last) return undefined;
  const brandText = (pc.brand ?? "").toLowerCase();
  const brand = BRANDS.find((b) => brandText.includes(b)) ?? (brandText === "master" ? "mastercard" : "unknown");
  const month = Number(pc.expiry_month);
  const year = Number(pc.expiry_year);
  return {
    brand,
    last4: last,
    masked: pc.mask ?? `${pc.first ?? ""}******${last}`,
    expMonth: Number.isInteger(month) && month > 0 ? month : undefined,
    expYear: Number.isInteger(year) && year > 0 ? (year < 100 ? 2000 + year : year) : undefined,
  };
}

function metadataString(inv: InvoiceResource, key: string): string | undefined {
  const v = inv.attributes.metadata?.[key];
  return typeof v === "string" ? v : undefined;
}

export function operationOf(inv: InvoiceResource): PaycoreOperation | undefined {
  const op = metadataString(inv, METADATA_KEYS.operation);
  return op === "tokenize" || op === "card_sale" || op === "token_sale" ? op : undefined;
}

/** The normalized result an invoice document describes. `fallbackCard` is what we sent, if anything. */
export function resultFromInvoice(inv: InvoiceResource, raw: RedactedExchange, durationMs: number, fallbackCard?: MaskedCard): GatewayResult {
  const a = inv.attributes;
  const status = invoiceStatus(a.status);
  const operation = operationOf(inv);
  const customerRef = metadataString(inv, METADATA_KEYS.customer);
  const paycoreToken = a.payload?.token ?? undefined;
  const extra: Record<string, string> = { invoiceId: inv.id };
  if (customerRef) extra.customerRef = customerRef;
  const sid = a.flow_data?.metadata?.sid;
  if (sid) extra.cardgateSessionId = sid;
  return {
    status,
    errorKind: status === "declined" ? "declined" : undefined,
    fault: status === "declined" ? resolutionFault(a.resolution) : undefined,
    message: describeInvoice(a.status, a.resolution, a.resolution_message),
    gatewayCode: a.resolution ? `${a.status}/${a.resolution}` : a.status,
    gatewayTransactionId: inv.id,
    authCode: a.approval_code ?? undefined,
    avs: AVS_UNAVAILABLE,
    cvv: cvvResult(a.status, a.resolution, operation !== "token_sale"),
    card: cardFromPayload(inv) ?? fallbackCard,
    token: paycoreToken && customerRef && status === "approved" ? composeToken(customerRef, paycoreToken) : undefined,
    amount: { amount: toMinor(a.amount, a.currency), currency: a.currency },
    extra,
    raw,
    durationMs,
  };
}

export function resultFromRefund(ref: RefundResource, invoiceId: string, currency: string, raw: RedactedExchange, durationMs: number): GatewayResult {
  const a = ref.attributes;
  const status = refundStatus(a.status);
  const cur = a.currency ?? currency;
  const why = a.resolution && a.resolution !== "ok" ? ` (${a.resolution})` : "";
  return {
    status,
    errorKind: status === "declined" ? "declined" : undefined,
    message: `Refund ${a.status.replace(/_/g, " ")}${why}`,
    gatewayCode: a.resolution ? `${a.status}/${a.resolution}` : a.status,
    gatewayTransactionId: ref.id,
    amount: { amount: toMinor(a.amount, cur), currency: cur },
    extra: { invoiceId, refundId: ref.id },
    raw,
    durationMs,
  };
}
