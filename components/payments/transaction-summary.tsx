import type { ReactNode } from "react";
import { accountLabel } from "@/lib/account-label";
import { formatMoney } from "@/lib/money";
import type { DisplayStatus, TransactionView } from "@/lib/services/transactions/detail";
import { BillingBlock } from "./billing-block";
import { CardLabel } from "./card-label";
import { CodeResult } from "./code-result";
import { KIND_LABELS } from "./format";
import { Level23Details } from "./level23-details";
import { formatDateTime } from "@/lib/time";
import { ModeBadge } from "./mode-badge";
import { StatusBadge } from "./status-badge";

function Item({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div data-testid={testId}>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="mt-0.5 text-sm">{children}</dd>
    </div>
  );
}

const SINCE: Partial<Record<DisplayStatus, string>> = { voided: "voided", refunded: "refunded in full", partially_refunded: "partly refunded" };

/** The gateway's words answer the original request; under "Voided" they would read as if it still stood. */
function gatewayMessage(view: TransactionView): string | null {
  const since = SINCE[view.displayStatus];
  if (!since) return view.message;
  return `${KIND_LABELS[view.kind]} approved${view.message ? ` (“${view.message}”)` : ""}, then ${since}.`;
}

/**
 * Everything about one transaction a clerk or manager needs at a glance: status and gateway message,
 * amount, ids, AVS/CVV, card, customer and billing, account and mode, time and who ran it.
 * `children` is rendered under the status (actions, "check now", notes).
 */
/** `timeZone`: the merchant's (getMerchantSettings), so every page shows the same time for a payment. */
export function TransactionSummary({ view, timeZone, children }: { view: TransactionView; timeZone: string; children?: ReactNode }) {
  const message = gatewayMessage(view);
  return (
    <article className="rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 shadow-sm" data-testid="transaction-summary">
      <header className="flex flex-wrap items-center justify-between gap-4 border-b border-slate-200 dark:border-slate-700 p-5">
        <div className="flex flex-col gap-2">
          <StatusBadge status={view.displayStatus} size="large" />
          {message && (
            <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="gateway-message">
              {message}
            </p>
          )}
        </div>
        <div className="text-right">
          <div className="text-3xl font-semibold tabular-nums" data-testid="amount">
            {formatMoney(view.amount, view.currency)}
          </div>
          <div className="text-xs text-slate-500 dark:text-slate-400">
            {KIND_LABELS[view.kind]} · {view.currency}
          </div>
        </div>
      </header>
      {children && <div className="border-b border-slate-200 dark:border-slate-700 p-5">{children}</div>}
      <dl className="grid gap-4 p-5 sm:grid-cols-2 lg:grid-cols-3">
        <Item label="Gateway transaction id" testId="gateway-transaction-id">
          <span className="font-mono">{view.gatewayTransactionId ?? "—"}</span>
        </Item>
        <Item label="Auth code" testId="auth-code">
          <span className="font-mono">{view.authCode ?? "—"}</span>
        </Item>
        <Item label="Card" testId="card">
          <CardLabel brand={view.card.brand} last4={view.card.last4} />
        </Item>
        <CodeResult label="AVS (address check)" result={view.avs} testId="avs-result" />
        <CodeResult label="CVV (security code check)" result={view.cvv} testId="cvv-result" />
        <Item label="Gateway account" testId="gateway-account">
          <span className="inline-flex items-center gap-2">
            {accountLabel(view.account.label, view.account.gatewayLabel)} <ModeBadge mode={view.account.mode} />
          </span>
        </Item>
        {view.orderId && <Item label="Order / invoice">{view.orderId}</Item>}
        {view.description && <Item label="Description">{view.description}</Item>}
        <Item label="Time">{formatDateTime(view.createdAt, { timeZone, seconds: true })}</Item>
        <Item label="Run by">
          {view.user.name} <span className="text-slate-500 dark:text-slate-400">({view.user.email})</span>
        </Item>
        <div className="sm:col-span-2 lg:col-span-3">
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">Customer and billing</dt>
          <dd className="mt-1">
            <BillingBlock billing={view.billing} />
          </dd>
        </div>
      </dl>
      <Level23Details data={view.level23} warnings={view.level23Warnings} currency={view.currency} gatewayLabel={view.account.gatewayLabel} />
    </article>
  );
}
