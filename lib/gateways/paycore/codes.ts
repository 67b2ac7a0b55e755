// PayCore statuses and resolutions mapped onto Keyed's vocabulary (spec §4).
import type { CodeResult, Fault, GatewayStatus } from "../types";
import { ACCOUNT_POINTER, CARD_POINTER, GATEWAY_RESOLUTIONS, MERCHANT_HTTP_STATUSES, MERCHANT_RESOLUTIONS } from "./spec-guesses";

const APPROVED = new Set(["processed", "partially_processed", "verified", "refunding", "refund_pending", "refund_error", "partially_refunded", "refunded", "refund_failed"]);
const DECLINED = new Set(["process_failed", "verify_failed", "expired", "terminated"]);
// created, processing, process_pending, process_error ("retry may follow") and anything unknown stay pending.

/** Invoice status → normalized status. Unknown statuses are pending: never guess an approval. */
export function invoiceStatus(status: string): GatewayStatus {
  if (APPROVED.has(status)) return "approved";
  if (DECLINED.has(status)) return "declined";
  return "pending";
}

/** Refund status → normalized status of the refund itself. */
export function refundStatus(status: string): GatewayStatus {
  if (status === "processed") return "approved";
  if (status === "process_failed" || status === "refund_failed") return "declined";
  return "pending";
}

const STATUS_TEXT: Record<string, string> = {
  created: "Created, processing not started",
  processing: "Being processed, outcome not known yet",
  process_pending: "Waiting for the payer, 3-D Secure or the provider",
  process_error: "Technical error at the provider; PayCore may retry",
  processed: "Paid",
  partially_processed: "Paid in part (less than the invoice amount)",
  process_failed: "Payment failed",
  expired: "Invoice expired unpaid",
  terminated: "Invoice terminated",
  verified: "Card verified",
  verify_failed: "Card verification failed",
  refunding: "Refund in progress",
  refund_pending: "Refund outcome not known yet",
  refund_error: "Technical refund error",
  partially_refunded: "Partially refunded",
  refunded: "Fully refunded",
  refund_failed: "Refund failed",
};

/** Resolutions are an open vocabulary (§4.2): known ones get a plain meaning, others are kept as-is. */
const RESOLUTION_TEXT: Record<string, string> = {
  ok: "No error",
  declined_error: "Declined by the issuer",
  insufficient_funds: "Insufficient funds",
  invalid_details: "Invalid card details (e.g. expired card)",
  card_verification_failed: "Card verification (CVV) failed",
  antifraud_error: "Blocked by anti-fraud checks",
  limit_violation: "A limit was exceeded",
  authentication_failed: "3-D Secure authentication failed",
  processing_error: "Processing error",
  operation_expired: "Operation expired",
  invalid_amount: "Invalid amount",
  invalid_request: "Invalid request",
  invalid_credentials: "Invalid credentials",
  duplicated_id: "Duplicate reference id",
  internal_error: "Internal error at the gateway",
  general_error: "General error",
};

export function resolutionMeaning(resolution: string): string | undefined {
  return RESOLUTION_TEXT[resolution.toLowerCase()];
}

/** "Payment failed (declined_error: Declined by the issuer)". */
export function describeInvoice(status: string, resolution: string | null | undefined, resolutionMessage?: string | null): string {
  const base = STATUS_TEXT[status] ?? status;
  if (!resolution || resolution === "ok") return resolutionMessage ? `${base}: ${resolutionMessage}` : base;
  const meaning = resolutionMessage ?? resolutionMeaning(resolution);
  return `${base} (${resolution}${meaning ? `: ${meaning}` : ""})`;
}

/** PayCore has no address verification at all. */
export const AVS_UNAVAILABLE: CodeResult = {
  code: "",
  meaning: "PayCore does not report address verification",
  category: "unavailable",
};

/**
 * PayCore reports no CVV code; we derive one from the outcome (see spec-guesses CVV_MATCH_IMPLIED_BY_SUCCESS).
 * `cvvSent` is false for token charges, where no CVV travels.
 */
export function cvvResult(status: string, resolution: string | null | undefined, cvvSent: boolean): CodeResult | undefined {
  if (resolution === "card_verification_failed") {
    return { code: resolution, meaning: "CVV did not match: the payment was refused", category: "no_match" };
  }
  if (!cvvSent) return { code: "", meaning: "No CVV was sent (stored-card payment)", category: "not_checked" };
  const outcome = invoiceStatus(status);
  if (outcome === "approved") {
    return { code: "ok", meaning: "Accepted with the CVV (PayCore refuses payments whose CVV fails)", category: "match" };
  }
  if (outcome === "pending") return undefined;
  return { code: resolution ?? "", meaning: "CVV result not reported for this failure", category: "unavailable" };
}

/** Whose problem a failed invoice is, from its resolution (undefined or "ok": the card's). */
export function resolutionFault(resolution: string | null | undefined): Fault {
  const r = (resolution ?? "").toLowerCase();
  if (MERCHANT_RESOLUTIONS.has(r)) return "merchant";
  if (GATEWAY_RESOLUTIONS.has(r)) return "gateway";
  return "card";
}

/** Whose problem a 4xx refusal is; `surface` is where it came from (see spec-guesses). */
export function refusalFault(httpStatus: number, pointer: string | undefined, surface: "api" | "cardgate"): Fault {
  if (MERCHANT_HTTP_STATUSES.has(httpStatus)) return surface === "api" ? "merchant" : "gateway";
  if (httpStatus === 429) return "gateway";
  if (pointer && CARD_POINTER.test(pointer)) return "card";
  if (pointer && ACCOUNT_POINTER.test(pointer)) return "merchant";
  return "request";
}
