import Link from "next/link";
import { notFound } from "next/navigation";
import { RiskBanner } from "@/components/payments/risk-banner";
import { TransactionSummary } from "@/components/payments/transaction-summary";
import { AuditTrail } from "@/components/transactions/audit-trail";
import { FollowUpActions } from "@/components/transactions/follow-up-actions";
import { offersFor } from "@/components/transactions/offers";
import { RawExchange } from "@/components/transactions/raw-exchange";
import { formatDateTime } from "@/lib/time";
import { Timeline } from "@/components/transactions/timeline";
import { hasRole } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { formatMoney } from "@/lib/money";
import { refreshSettlement } from "@/lib/services/payments";
import { getMerchantSettings } from "@/lib/services/settings";
import { transactionAudit } from "@/lib/services/transactions/audit";
import { getTransactionView } from "@/lib/services/transactions/detail";
import { requirePageRole } from "@/lib/session";
import { EmailReceipt } from "@/components/payments/email-receipt";
import { hasReceipt } from "@/lib/receipt-rules";
import { receiptEmailsOf } from "@/lib/services/receipt-emails";
import { emailReceiptAction } from "@/app/receipt/actions";
import { captureTransactionAction, refundTransactionAction, voidTransactionAction } from "./actions";

export const metadata = { title: "Transaction" };

/** Whether an unsettled payment has settled is the gateway's knowledge: ask, but never wait long. */
async function refreshIfOpen(id: string): Promise<void> {
  const row = await db.transaction.findUnique({ where: { id }, select: { status: true, kind: true, settledAt: true, voidedAt: true } });
  if (!row || row.status !== "approved" || row.settledAt || row.voidedAt || !["sale", "auth", "capture"].includes(row.kind)) return;
  await Promise.race([refreshSettlement({ db }, id).catch(() => false), new Promise((r) => setTimeout(r, 3000))]);
}

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageRole("clerk");
  const { id } = await params;
  if (id.length > 64) notFound();
  await refreshIfOpen(id);
  const [view, settings, emails] = await Promise.all([getTransactionView(db, id), getMerchantSettings(db), receiptEmailsOf(db, id)]);
  if (!view) notFound();
  const audit = await transactionAudit(db, [view.id, ...view.children.map((c) => c.id)]);
  const tz = settings.timeZone;
  const offers = offersFor(view);
  const canAct = hasRole(user.role, "manager");
  const followable = (view.kind === "sale" || view.kind === "capture" || view.kind === "auth") && view.status === "approved" && !view.voidedAt;
  // Until it settles, a payment the gateway can void is voided, not refunded (offersFor): the amount waits.
  const refundWaits = !view.settledAt && view.account.capabilities.void !== "none";
  const remainingLabel = view.kind === "auth" ? "Left to capture" : refundWaits ? "Refund after settlement" : "Refundable";

  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Link href="/transactions" className="text-sm text-brand-700 dark:text-brand-300 underline">
          ← All transactions
        </Link>
        {view.status !== "pending" && view.status !== "unknown" && (
          <span className="no-print flex gap-4">
            <Link href={`/receipt/${view.id}`} target="_blank" className="text-sm text-brand-700 underline dark:text-brand-300">
              Print receipt
            </Link>
            {hasReceipt(view) && (
              <EmailReceipt transactionId={view.id} defaultTo={view.billing?.email || view.customer?.email || ""} action={emailReceiptAction} className="text-sm text-brand-700 underline dark:text-brand-300" />
            )}
          </span>
        )}
        {view.parentId && (
          <p className="text-sm">
            This follows{" "}
            <Link href={`/transactions/${view.parentId}`} className="text-brand-700 dark:text-brand-300 underline">
              the original payment
            </Link>
          </p>
        )}
      </div>
      <h1 className="text-2xl font-semibold">Transaction</h1>
      {view.risk && <RiskBanner transactionId={view.id} risk={view.risk} />}
      <TransactionSummary view={view} timeZone={tz}>
        <div className="flex flex-col gap-3">
          <dl className="grid gap-3 text-sm sm:grid-cols-3">
            <div>
              <dt className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">Settled</dt>
              <dd data-testid="settled">{view.settledAt ? `Yes, ${formatDateTime(view.settledAt, { timeZone: tz })}` : "Not yet"}</dd>
            </div>
            {followable && (
              <div>
                <dt className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{remainingLabel}</dt>
                <dd data-testid="remaining" className="tabular-nums">
                  {formatMoney(view.remaining, view.currency)}
                </dd>
              </div>
            )}
            {view.refundedAmount > 0 && (
              <div>
                <dt className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">Refunded so far</dt>
                <dd className="tabular-nums">{formatMoney(view.refundedAmount, view.currency)}</dd>
              </div>
            )}
          </dl>
          {canAct ? (
            <FollowUpActions
              view={view}
              offers={offers}
              actions={{ void: voidTransactionAction, refund: refundTransactionAction, capture: captureTransactionAction }}
            />
          ) : (
            offers.voidNote && <p className="text-sm text-slate-600 dark:text-slate-400">{offers.voidNote}</p>
          )}
        </div>
      </TransactionSummary>
      <Timeline view={view} emails={emails} timeZone={tz} />
      <RawExchange request={view.raw.request} response={view.raw.response} />
      <AuditTrail events={audit} timeZone={tz} />
    </div>
  );
}
