import Link from "next/link";
import { CardLabel } from "@/components/payments/card-label";
import { StatusBadge } from "@/components/payments/status-badge";
import { formatMoney } from "@/lib/money";
import type { TransactionView } from "@/lib/services/transactions/detail";

/** A declined or failed payment, shown over the form so the clerk can correct and resubmit at once. */
export function InlineResult({ view }: { view: TransactionView }) {
  return (
    <section aria-live="polite" data-testid="inline-result" className="rounded-lg border border-red-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <StatusBadge status={view.displayStatus} size="large" />
        <div className="text-right text-sm">
          <div className="text-lg font-semibold tabular-nums">{formatMoney(view.amount, view.currency)}</div>
          {view.card.last4 && <CardLabel brand={view.card.brand} last4={view.card.last4} />}
        </div>
      </div>
      <p className="mt-2 text-sm font-medium text-slate-800" data-testid="gateway-message">
        {view.message ?? "The gateway gave no reason."}
      </p>
      <p className="mt-1 text-sm text-slate-600">
        Nothing was charged. The details below are kept (except the card number and security code): correct them and submit again.{" "}
        <Link href={`/terminal/result/${view.id}`} className="text-brand-700 underline">
          Open this result
        </Link>
      </p>
    </section>
  );
}
