import Link from "next/link";
import { CardLabel } from "@/components/payments/card-label";
import { failureFault, faultHeadline } from "@/components/payments/fault";
import { gatewayName } from "@/lib/account-label";
import { StatusBadge } from "@/components/payments/status-badge";
import { Button } from "@/components/ui/button";
import { formatMoney } from "@/lib/money";
import type { TransactionView } from "@/lib/services/transactions/detail";

interface Props {
  view: TransactionView;
  cardKept?: boolean;
  /** Offered when only saving the card failed and the card is still in the form. */
  onChargeWithoutSaving?: () => void;
  /** What the form's button would do now ("Charge $3.00"): the amount may have been edited since. */
  chargeLabel?: string;
}

/**
 * A declined or failed payment, shown over the form so the clerk can correct and resubmit at once.
 * It names who has to act: an account an admin must fix or a gateway that failed is not the card's
 * problem, and then the form keeps the card (`cardKept`) instead of asking for it again. When only
 * saving the card failed, the sale can still go through without saving it.
 */
export function InlineResult({ view, cardKept = false, onChargeWithoutSaving, chargeLabel = "Charge" }: Props) {
  const gateway = gatewayName(view.account.gatewayLabel);
  const fault = failureFault(view);
  // A failed save stopped the sale before it was attempted: that, not who failed, is what the clerk needs first.
  const headline = view.saveFailed && fault !== "merchant" ? "Saving the card failed, so the sale was not attempted." : faultHeadline(view);
  const message = view.message ?? "The gateway gave no reason.";
  const kept = cardKept ? "Everything you typed is kept, the card included" : "The details below are kept (except the card number and security code)";
  const next = onChargeWithoutSaving
    ? "charge the card without saving it, or correct the details and try again."
    : fault === "merchant"
      ? "choose another account, or submit again once an admin has fixed this one."
      : fault === "gateway"
        ? "submit again in a moment, or choose another account."
        : "correct them and submit again.";
  return (
    <section aria-live="polite" data-testid="inline-result" data-fault={fault ?? undefined} className="rounded-lg border border-red-200 dark:border-red-900 bg-white dark:bg-slate-900 p-4 shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <StatusBadge status={view.displayStatus} size="large" />
        <div className="text-right text-sm">
          <div className="text-lg font-semibold tabular-nums">{formatMoney(view.amount, view.currency)}</div>
          {view.card.last4 && <CardLabel brand={view.card.brand} last4={view.card.last4} />}
        </div>
      </div>
      {headline && (
        <p className="mt-2 text-base font-semibold text-slate-900 dark:text-slate-100" data-testid="failure-headline">
          {headline}
        </p>
      )}
      {fault === "merchant" ? (
        <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
          For the admin, {gateway} said: <span data-testid="gateway-message">{message}</span>
        </p>
      ) : (
        <p className="mt-2 text-sm font-medium text-slate-800 dark:text-slate-200" data-testid="gateway-message">
          {message}
        </p>
      )}
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        Nothing was charged. {kept}: {next}{" "}
        <Link href={`/terminal/result/${view.id}`} className="text-brand-700 dark:text-brand-300 underline">
          Open this result
        </Link>
      </p>
      {onChargeWithoutSaving && (
        <div className="mt-3 flex flex-wrap items-center gap-3">
          <Button type="button" onClick={onChargeWithoutSaving} data-testid="charge-without-saving">
            {chargeLabel} without saving the card
          </Button>
          <span className="text-xs text-slate-600 dark:text-slate-400">The card stays only in this form; it is not stored.</span>
        </div>
      )}
    </section>
  );
}
