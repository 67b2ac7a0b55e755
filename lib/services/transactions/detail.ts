// The view of one transaction that the result screen, the receipt and the detail page show.
import type { Db } from "../../db";
import { GATEWAYS } from "../../gateways";
import type { CodeCategory, GatewayCapabilities } from "../../gateways/types";
import type { Billing } from "../../validation/payment";

/** What a person sees: a voided or refunded sale reads as such, not just "approved". */
export type DisplayStatus = "approved" | "declined" | "error" | "pending" | "unknown" | "voided" | "refunded" | "partially_refunded";

export interface CodeView {
  code: string;
  meaning: string;
  category: CodeCategory | null;
}

export interface TransactionView {
  id: string;
  kind: "sale" | "auth" | "capture" | "void" | "refund";
  status: "pending" | "approved" | "declined" | "error" | "unknown";
  displayStatus: DisplayStatus;
  errorKind: string | null;
  message: string | null;
  amount: number;
  currency: string;
  refundedAmount: number;
  capturedAmount: number;
  /** What can still be refunded (sale/capture) or captured (auth), in minor units. */
  remaining: number;
  gatewayTransactionId: string | null;
  authCode: string | null;
  avs: CodeView | null;
  cvv: CodeView | null;
  card: { brand: string | null; last4: string | null; masked: string | null };
  orderId: string | null;
  description: string | null;
  reason: string | null;
  billing: Billing | null;
  customer: { id: string; name: string; email: string | null } | null;
  paymentMethodId: string | null;
  /** gatewayLabel and capabilities come from the server so browser code never imports the gateway clients. */
  account: { id: string; label: string; kind: keyof typeof GATEWAYS; gatewayLabel: string; mode: "test" | "live"; capabilities: GatewayCapabilities };
  user: { name: string; email: string };
  createdAt: string;
  updatedAt: string;
  settledAt: string | null;
  voidedAt: string | null;
  parentId: string | null;
  raw: { request: unknown; response: unknown };
  children: TransactionSummary[];
}

export interface TransactionSummary {
  id: string;
  kind: TransactionView["kind"];
  status: TransactionView["status"];
  amount: number;
  currency: string;
  message: string | null;
  reason: string | null;
  createdAt: string;
  user: string;
}

export function displayStatus(t: { kind: string; status: TransactionView["status"]; voidedAt: Date | null; refundedAmount: number; amount: number }): DisplayStatus {
  if (t.status !== "approved") return t.status;
  if (t.voidedAt) return "voided";
  if ((t.kind === "sale" || t.kind === "capture") && t.refundedAmount > 0) return t.refundedAmount >= t.amount ? "refunded" : "partially_refunded";
  return "approved";
}

const code = (c: string | null, meaning: string | null, category: string | null): CodeView | null =>
  c ? { code: c, meaning: meaning ?? "", category: (category as CodeCategory | null) ?? null } : null;

export async function getTransactionView(db: Db, id: string): Promise<TransactionView | null> {
  const t = await db.transaction.findUnique({
    where: { id },
    include: {
      gatewayAccount: { select: { id: true, label: true, kind: true, mode: true } },
      customer: { select: { id: true, firstName: true, lastName: true, email: true } },
      user: { select: { name: true, email: true } },
      children: { orderBy: { createdAt: "asc" }, include: { user: { select: { name: true } } } },
    },
  });
  if (!t) return null;
  const remaining = t.kind === "auth" ? t.amount - t.capturedAmount : t.kind === "sale" || t.kind === "capture" ? t.amount - t.refundedAmount : 0;
  return {
    id: t.id,
    kind: t.kind,
    status: t.status,
    displayStatus: displayStatus(t),
    errorKind: t.errorKind,
    message: t.message,
    amount: t.amount,
    currency: t.currency,
    refundedAmount: t.refundedAmount,
    capturedAmount: t.capturedAmount,
    remaining: t.voidedAt ? 0 : remaining,
    gatewayTransactionId: t.gatewayTransactionId,
    authCode: t.authCode,
    avs: code(t.avsCode, t.avsMeaning, t.avsCategory),
    cvv: code(t.cvvCode, t.cvvMeaning, t.cvvCategory),
    card: { brand: t.cardBrand, last4: t.cardLast4, masked: t.cardMasked },
    orderId: t.orderId,
    description: t.description,
    reason: t.reason,
    billing: (t.billing as Billing | null) ?? null,
    customer: t.customer ? { id: t.customer.id, name: `${t.customer.firstName} ${t.customer.lastName}`, email: t.customer.email } : null,
    paymentMethodId: t.paymentMethodId,
    account: { ...t.gatewayAccount, gatewayLabel: GATEWAYS[t.gatewayAccount.kind].label, capabilities: GATEWAYS[t.gatewayAccount.kind].capabilities },
    user: t.user,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    settledAt: t.settledAt?.toISOString() ?? null,
    voidedAt: t.voidedAt?.toISOString() ?? null,
    parentId: t.parentId,
    raw: { request: t.rawRequest, response: t.rawResponse },
    children: t.children.map((c) => ({
      id: c.id,
      kind: c.kind,
      status: c.status,
      amount: c.amount,
      currency: c.currency,
      message: c.message,
      reason: c.reason,
      createdAt: c.createdAt.toISOString(),
      user: c.user.name,
    })),
  };
}
