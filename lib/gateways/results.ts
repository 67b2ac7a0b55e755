import { TransportError } from "./http";
import { redact } from "./redact";
import type { GatewayResult, InquiryResult, RedactedExchange } from "./types";

/** A result for "we do not know whether money moved": the caller marks the transaction unknown. */
export function unknownOutcome(message: string, raw: RedactedExchange, durationMs: number): GatewayResult {
  return { status: "error", errorKind: "unknown_outcome", message, raw, durationMs };
}

/** The gateway refused the request itself; no money moved. */
export function rejected(message: string, raw: RedactedExchange, durationMs: number, gatewayCode?: string): GatewayResult {
  return { status: "error", errorKind: "rejected", message, gatewayCode, raw, durationMs };
}

/** Turns a thrown transport failure into an unknown outcome; rethrows anything else (a bug). */
export function fromTransportError(err: unknown, request: unknown): GatewayResult {
  if (err instanceof TransportError) {
    return unknownOutcome(err.message, { request: redact(request), response: { transport: err.failure } }, err.durationMs);
  }
  throw err;
}

export function unsupported(operation: string, gateway: string): GatewayResult {
  return rejected(`${gateway} does not support ${operation}`, { request: null, response: null }, 0);
}

export function notFoundInquiry(base: GatewayResult): InquiryResult {
  return { ...base, found: false };
}
