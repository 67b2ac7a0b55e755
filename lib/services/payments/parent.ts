import type { Prisma } from "../../db";
import type { ParentRef } from "../../gateways/types";
import { openToken } from "../vault-tokens";

type ParentRow = Prisma.TransactionGetPayload<{ include: { paymentMethod: { select: { token: true } } } }>;

/** What a gateway client needs to act on an earlier transaction. */
export function parentRef(row: ParentRow): ParentRef {
  const extra = (row.extra as { gateway?: Record<string, string> } | null)?.gateway;
  return {
    gatewayTransactionId: row.gatewayTransactionId ?? "",
    kind: row.kind,
    amount: { amount: row.amount, currency: row.currency },
    token: row.paymentMethod ? openToken(row.paymentMethod.token) : undefined,
    orderId: row.orderId ?? undefined,
    reference: row.reference,
    extra,
  };
}
