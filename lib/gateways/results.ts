import { TransportError } from "./http";
import { redact } from "./redact";
import type { Fault, GatewayResult, InquiryResult, RedactedExchange } from "./types";

/** A result for "we do not know whether money moved": the caller marks the transaction unknown. */
export function unknownOutcome(message: string, raw: RedactedExchange, durationMs: number): GatewayResult {
  return { status: "error", errorKind: "unknown_outcome", fault: "gateway", message, raw, durationMs };
}

/** The gateway (or the client, before sending) refused the request itself; no money moved. `fault` says whose problem it is. */
export function rejected(message: string, raw: RedactedExchange, durationMs: number, fault: Fault, gatewayCode?: string): GatewayResult {
  return { status: "error", errorKind: "rejected", fault, message, gatewayCode, raw, durationMs };
}

/**
 * Whose problem a result is; null for an approval or a pending result. A decline is the card's
 * unless the client said otherwise; a result built without a fault (a refusal assembled outside a
 * client) is the request's.
 */
export function faultOf(result: Pick<GatewayResult, "status" | "errorKind" | "fault">): Fault | null {
  if (result.status === "approved" || result.status === "pending") return null;
  if (result.fault) return result.fault;
  if (result.errorKind === "unknown_outcome") return "gateway";
  return result.status === "declined" ? "card" : "request";
}

/** Turns a thrown transport failure into an unknown outcome; rethrows anything else (a bug). */
export function fromTransportError(err: unknown, request: unknown): GatewayResult {
  if (err instanceof TransportError) {
    return unknownOutcome(err.message, { request: redact(request), response: { transport: err.failure } }, err.durationMs);
  }
  throw err;
}

export function unsupported(operation: string, gateway: string): GatewayResult {
  return rejected(`${gateway} does not support ${operation}`, { request: null, response: null }, 0, "request");
}

export function notFoundInquiry(base: GatewayResult): InquiryResult {
  return { ...base, found: false };
}
