import { formatMoney } from "@/lib/money";
import type { HistoryTotals as Totals } from "@/lib/services/transactions/list";

export function HistoryTotals({ totals, loading }: { totals: Totals[] | undefined; loading: boolean }) {
  if (loading && !totals) return <p className="text-sm text-slate-500 dark:text-slate-400" aria-live="polite">Counting…</p>;
  if (!totals) return null;
  if (totals.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="history-totals">0 transactions</p>;
  return (
    <div className="flex flex-wrap gap-3" data-testid="history-totals">
      {totals.map((t) => (
        <dl key={t.currency} className="flex flex-wrap gap-x-6 gap-y-2 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 px-4 py-3 text-sm shadow-sm">
          <div>
            <dt className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">Transactions ({t.currency})</dt>
            <dd className="text-lg font-semibold tabular-nums">{t.count.toLocaleString("en-US")}</dd>
          </div>
          <div>
            <dt className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">Approved volume</dt>
            <dd className="text-lg font-semibold tabular-nums">{formatMoney(t.approvedVolume, t.currency)}</dd>
          </div>
          <div>
            <dt className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">Refunded volume</dt>
            <dd className="text-lg font-semibold tabular-nums">{formatMoney(t.refundedVolume, t.currency)}</dd>
          </div>
        </dl>
      ))}
    </div>
  );
}
