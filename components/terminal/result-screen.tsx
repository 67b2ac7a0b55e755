"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { faultHeadline } from "@/components/payments/fault";
import { checkTransactionNow, fetchTransaction, transactionQueryKey } from "@/components/payments/transaction-query";
import { RiskBanner } from "@/components/payments/risk-banner";
import { TransactionSummary } from "@/components/payments/transaction-summary";
import { offersFor } from "@/components/transactions/offers";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmailReceipt } from "@/components/payments/email-receipt";
import { gatewayName } from "@/lib/account-label";
import { toMajorString } from "@/lib/money";
import type { ActionResult } from "@/lib/action-result";
import { hasReceipt, type EmailReceiptResult } from "@/lib/receipt-rules";
import type { TransactionView } from "@/lib/services/transactions/detail";

const POLL_MS = 1_000;

const linkClass = "inline-flex items-center rounded-md border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-4 py-2 text-sm font-medium text-slate-800 dark:text-slate-200 hover:bg-slate-50 dark:hover:bg-slate-800";
const primaryLinkClass = "inline-flex items-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700";

/**
 * The result of one payment. Pending results poll until the gateway confirms; unknown ones offer
 * "Check now". A payment that could still be voided says how: a manager voids it from history, a
 * clerk (who may not void) is told whom to ask, before the batch settles.
 */
export function ResultScreen({
  initial,
  timeZone,
  canVoid,
  emailReceipt,
}: {
  initial: TransactionView;
  timeZone: string;
  canVoid: boolean;
  emailReceipt: (input: unknown) => Promise<ActionResult<EmailReceiptResult>>;
}) {
  const queryClient = useQueryClient();
  const { data: view } = useQuery({
    queryKey: transactionQueryKey(initial.id),
    queryFn: () => fetchTransaction(initial.id),
    initialData: initial,
    staleTime: 0,
    refetchInterval: (query) => (query.state.data?.status === "pending" ? POLL_MS : false),
  });
  const check = useMutation({
    mutationFn: () => checkTransactionNow(initial.id),
    onSuccess: (res) => queryClient.setQueryData(transactionQueryKey(initial.id), res.view),
  });

  const gateway = gatewayName(view.account.gatewayLabel);
  const headline = faultHeadline(view);
  const open = view.status === "pending" || view.status === "unknown";
  const stillOpenAfterCheck = check.data?.outcome === "still_open" && open;
  const voidable = offersFor(view).void;
  const hasNotes = open || check.isError || view.status === "declined" || view.status === "error" || (voidable && !canVoid);

  return (
    <div className="flex flex-col gap-4">
      {view.risk && <RiskBanner transactionId={view.id} risk={view.risk} />}
      <TransactionSummary view={view} timeZone={timeZone}>
        {hasNotes && (
          <>
            {view.status === "pending" && (
              <div className="flex flex-wrap items-center gap-3" role="status" data-testid="pending-note">
                <span aria-hidden className="size-4 animate-spin rounded-full border-2 border-sky-600 border-t-transparent" />
                <span className="text-sm">Waiting for {gateway} to confirm the payment… This page updates by itself.</span>
                <Button variant="secondary" busy={check.isPending} onClick={() => check.mutate()}>
                  Check now
                </Button>
              </div>
            )}
            {view.status === "unknown" && (
              <div className="flex flex-col gap-3" data-testid="unknown-note">
                <Alert tone="warning" title="We don't know yet whether the card was charged.">
                  The connection to {gateway} failed before it answered. Do not run this payment again: ask the gateway first. Checking never charges the card.
                </Alert>
                <div>
                  <Button busy={check.isPending} onClick={() => check.mutate()}>
                    Check now
                  </Button>
                </div>
              </div>
            )}
            {check.isError && <Alert tone="error">{check.error.message}</Alert>}
            {stillOpenAfterCheck && (
              <Alert tone="info">
                {gateway} has no final answer yet. Try again in a moment.{" "}
                {view.status === "unknown" && (
                  <Link href={`/terminal?retry=${view.id}`} className="underline" data-testid="rerun-link">
                    Run it again anyway…
                  </Link>
                )}
              </Alert>
            )}
            {headline && (
              <p className="text-sm font-semibold text-slate-900 dark:text-slate-100" data-testid="failure-headline">
                {headline}
              </p>
            )}
            {view.status === "declined" && <p className="text-sm text-slate-700 dark:text-slate-300">The card was not charged.</p>}
            {view.status === "error" && <p className="text-sm text-slate-700 dark:text-slate-300">The payment did not go through; nothing was charged.</p>}
            {voidable && !canVoid && (
              <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="void-hint">
                Charged by mistake? Ask a manager to void it in History before today&apos;s batch settles; after that it can only be refunded.
              </p>
            )}
          </>
        )}
      </TransactionSummary>

      <nav aria-label="Next steps" className="no-print flex flex-wrap gap-3">
        {(view.status === "declined" || view.status === "error") && (view.kind === "sale" || view.kind === "auth") && (
          <Link href={`/terminal?retry=${view.id}`} className={primaryLinkClass}>
            Edit and retry
          </Link>
        )}
        {view.customer ? (
          // The clerk's next keystroke after a sale is usually Enter: start the next one.
          <Link autoFocus href={`/terminal?customer=${encodeURIComponent(view.customer.id)}`} className={primaryLinkClass}>
            New sale for {view.customer.name}
          </Link>
        ) : null}
        <Link href="/terminal" className={view.customer ? linkClass : primaryLinkClass}>
          New sale
        </Link>
        {view.status === "approved" && view.kind === "sale" && view.customer && view.paymentMethodId && (
          <Link
            href={`/schedules/new?${new URLSearchParams({ customer: view.customer.id, card: view.paymentMethodId, amount: toMajorString(view.amount, view.currency) })}`}
            className={linkClass}
          >
            Set up recurring
          </Link>
        )}
        {!open && (
          <Link href={`/receipt/${view.id}`} target="_blank" className={linkClass}>
            Print receipt
          </Link>
        )}
        {hasReceipt(view) && <EmailReceipt transactionId={view.id} defaultTo={view.billing?.email || view.customer?.email || ""} action={emailReceipt} className={linkClass} />}
        {voidable && canVoid ? (
          <Link href={`/transactions/${view.id}`} className={linkClass}>
            Void or open in history
          </Link>
        ) : (
          <Link href={`/transactions/${view.id}`} className={linkClass}>
            Open in history
          </Link>
        )}
      </nav>
    </div>
  );
}
