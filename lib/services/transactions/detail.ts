// The view of one transaction that the result screen, the receipt and the detail page show.
import type { Db } from "../../db";
import { GATEWAYS } from "../../gateways";
import type { CodeCategory, Fault, GatewayCapabilities, Level23Data } from "../../gateways/types";
import { findingsOf, riskVoidKey, type RiskAction, type RiskCheck } from "../../risk-rules";
import type { Billing } from "../../validation/payment";

/** What a person sees: a voided or refunded sale reads as such, not just "approved". */
export type DisplayStatus = "approved" | "declined" | "error" | "pending" | "unknown" | "voided" | "refunded" | "partially_refunded";

export interface CodeView {
  code: string;
  meaning: string;
  category: CodeCategory | null;
}

/** What the account's AVS/CVV rules made of an approved sale with a mismatch ("allow": it went through as it was). */
export interface RiskView {
  action: RiskAction;
  findings: { check: RiskCheck; category: CodeCategory }[];
  /** For "warn": when the clerk acknowledged it. */
  acknowledgedAt: string | null;
  /** For "void": the automatic void (or full refund), once it was sent. */
  reversal: { id: string; kind: "void" | "refund"; status: TransactionView["status"] } | null;
}

export interface TransactionView {
  id: string;
  kind: "sale" | "auth" | "capture" | "void" | "refund";
  status: "pending" | "approved" | "declined" | "error" | "unknown";
  displayStatus: DisplayStatus;
  errorKind: string | null;
  /** Whose problem a failure is; null for an approval, a pending result, or a row from before this was recorded. */
  fault: Fault | null;
  message: string | null;
  amount: number;
  currency: string;
  refundedAmount: number;
  capturedAmount: number;
  /** What can still be refunded (sale/capture) or captured (auth), in minor units. */
  remaining: number;
  gatewayTransactionId: string | null;
  /** Keyed's own number for the payment, sent to the gateway as its order reference: the receipt number. */
  reference: string;
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
  /** Saving the card failed, so the sale was never attempted (lib/services/payments/sale.ts). */
  saveFailed: boolean;
  /** Tax, PO number and line items sent with the sale; null when none. */
  level23: Level23Data | null;
  /** What the gateway flagged in that data on a payment it processed anyway. */
  level23Warnings: string[];
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
  risk: RiskView | null;
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

/** Shown even when the rules allow it: "partial" is too common to flag on every sale. */
const MISMATCH: readonly string[] = ["no_match"];

function riskOf(t: {
  id: string;
  kind: string;
  status: string;
  riskAction: string | null;
  riskAcknowledgedAt: Date | null;
  extra: unknown;
  avsCategory: string | null;
  cvvCategory: string | null;
  children: { id: string; kind: string; status: TransactionView["status"]; idempotencyKey: string }[];
}): RiskView | null {
  if (t.riskAction === "warn" || t.riskAction === "void") {
    const reversal = t.children.find((c) => c.idempotencyKey === riskVoidKey(t.id));
    return {
      action: t.riskAction,
      findings: findingsOf(t.extra).map(({ check, category }) => ({ check, category })),
      acknowledgedAt: t.riskAcknowledgedAt?.toISOString() ?? null,
      reversal: reversal ? { id: reversal.id, kind: reversal.kind as "void" | "refund", status: reversal.status } : null,
    };
  }
  if (t.status !== "approved" || (t.kind !== "sale" && t.kind !== "auth")) return null;
  const findings = [
    ...(t.avsCategory && MISMATCH.includes(t.avsCategory) ? [{ check: "avs" as const, category: t.avsCategory as CodeCategory }] : []),
    ...(t.cvvCategory && MISMATCH.includes(t.cvvCategory) ? [{ check: "cvv" as const, category: t.cvvCategory as CodeCategory }] : []),
  ];
  return findings.length ? { action: "allow", findings, acknowledgedAt: null, reversal: null } : null;
}

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
    fault: (t.fault as Fault | null) ?? null,
    message: t.message,
    amount: t.amount,
    currency: t.currency,
    refundedAmount: t.refundedAmount,
    capturedAmount: t.capturedAmount,
    remaining: t.voidedAt ? 0 : remaining,
    gatewayTransactionId: t.gatewayTransactionId,
    reference: t.reference,
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
    saveFailed: (t.extra as { saveFailed?: unknown } | null)?.saveFailed === true,
    level23: (t.level23 as Level23Data | null) ?? null,
    level23Warnings: t.level23Warnings,
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
    risk: riskOf(t),
  };
}
