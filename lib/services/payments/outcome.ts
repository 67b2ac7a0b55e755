// How a gateway result lands on a transaction row. Outcomes only move forward:
// pending/unknown → approved | declined | error. An approved or declined row never changes status again,
// so a late callback, a replayed callback or a second reconciler cannot move money state backwards.
import { faultOf } from "../../gateways/results";
import type { GatewayResult } from "../../gateways/types";
import type { TransactionStatus } from "../../generated/prisma/enums";

export const OPEN_STATUSES: TransactionStatus[] = ["pending", "unknown"];

export function statusOf(result: GatewayResult): TransactionStatus {
  if (result.status === "approved") return "approved";
  if (result.status === "declined") return "declined";
  if (result.status === "pending") return "pending";
  return result.errorKind === "unknown_outcome" ? "unknown" : "error";
}

export const UNKNOWN_MESSAGE = "We don't know yet whether the card was charged: the gateway did not give a clear answer.";

// PostgreSQL text and jsonb cannot hold U+0000, which a garbled gateway reply may carry.
const NUL = new RegExp(String.fromCharCode(0), "g");

function storableText(s: string): string {
  return s.replace(NUL, "\uFFFD");
}

/** Deep copy with every string made storable (messages and raw payloads come from the gateway). */
function storable(value: unknown): unknown {
  if (typeof value === "string") return storableText(value);
  if (Array.isArray(value)) return value.map(storable);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [storableText(k), storable(v)]));
  return value;
}

/** Transaction columns a result sets; undefined leaves a column as it is. */
export interface OutcomeColumns {
  status: TransactionStatus;
  message: string;
  errorKind: string | null;
  fault: string | null;
  gatewayCode: string | null;
  gatewayTransactionId?: string;
  authCode?: string;
  avsCode?: string;
  avsMeaning?: string;
  avsCategory?: string;
  cvvCode?: string;
  cvvMeaning?: string;
  cvvCategory?: string;
  cardBrand?: string;
  cardLast4?: string;
  cardMasked?: string;
  rawRequest?: unknown;
  rawResponse?: unknown;
  level23Warnings?: string[];
  gatewayDurationMs: number;
}

/** The columns a result fills. Raw payloads are already redacted by the gateway client. */
export function outcomeData(result: GatewayResult): OutcomeColumns {
  const status = statusOf(result);
  return storable({
    status,
    message: status === "unknown" ? `${UNKNOWN_MESSAGE} (${result.message})` : result.message,
    errorKind: result.errorKind ?? null,
    fault: faultOf(result),
    gatewayCode: result.gatewayCode ?? null,
    gatewayTransactionId: result.gatewayTransactionId ?? undefined,
    authCode: result.authCode ?? undefined,
    avsCode: result.avs?.code ?? undefined,
    avsMeaning: result.avs?.meaning ?? undefined,
    avsCategory: result.avs?.category ?? undefined,
    cvvCode: result.cvv?.code ?? undefined,
    cvvMeaning: result.cvv?.meaning ?? undefined,
    cvvCategory: result.cvv?.category ?? undefined,
    cardBrand: result.card?.brand ?? undefined,
    cardLast4: result.card?.last4 ?? undefined,
    cardMasked: result.card?.masked ?? undefined,
    rawRequest: result.raw.request ?? undefined,
    rawResponse: result.raw.response ?? undefined,
    level23Warnings: result.level23Warnings?.length ? result.level23Warnings : undefined,
    gatewayDurationMs: Math.round(result.durationMs),
  } satisfies OutcomeColumns) as OutcomeColumns;
}
