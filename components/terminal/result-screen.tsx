"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { checkTransactionNow, fetchTransaction, transactionQueryKey } from "@/components/payments/transaction-query";
import { TransactionSummary } from "@/components/payments/transaction-summary";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { TransactionView } from "@/lib/services/transactions/detail";

const POLL_MS = 1_000;

const linkClass = "inline-flex items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50";
const primaryLinkClass = "inline-flex items-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700";

/** The result of one payment. Pending results poll until the gateway confirms; unknown ones offer "Check now". */
export function ResultScreen({ initial, timeZone }: { initial: TransactionView; timeZone: string }) {
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

  // "PayCore (Corefy)" → "PayCore": the name the clerk knows.
  const gateway = view.account.gatewayLabel.replace(/\s*\(.*\)$/, "");
  const open = view.status === "pending" || view.status === "unknown";
  const stillOpenAfterCheck = check.data?.outcome === "still_open" && open;
  const hasNotes = open || check.isError || view.status === "declined" || view.status === "error";

  return (
    <div className="flex flex-col gap-4">
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
            {view.status === "declined" && <p className="text-sm text-slate-700">The card was not charged.</p>}
            {view.status === "error" && <p className="text-sm text-slate-700">The payment did not go through; nothing was charged.</p>}
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
        {!open && (
          <Link href={`/receipt/${view.id}`} target="_blank" className={linkClass}>
            Print receipt
          </Link>
        )}
        <Link href={`/transactions/${view.id}`} className={linkClass}>
          Open in history
        </Link>
      </nav>
    </div>
  );
}
