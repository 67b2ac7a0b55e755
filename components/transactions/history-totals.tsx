import { formatMoney } from "@/lib/money";
import type { HistoryTotals as Totals } from "@/lib/services/transactions/list";

export function HistoryTotals({ totals, loading }: { totals: Totals[] | undefined; loading: boolean }) {
  if (loading && !totals) return <p className="text-sm text-slate-500" aria-live="polite">Counting…</p>;
  if (!totals) return null;
  if (totals.length === 0) return <p className="text-sm text-slate-600" data-testid="history-totals">0 transactions</p>;
  return (
    <dl className="flex flex-wrap gap-3" data-testid="history-totals">
      {totals.map((t) => (
        <div key={t.currency} className="flex gap-6 rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm shadow-sm">
          <div>
            <dt className="text-xs uppercase tracking-wide text-slate-500">Transactions ({t.currency})</dt>
            <dd className="text-lg font-semibold tabular-nums">{t.count.toLocaleString("en-US")}</dd>
          </div>
          <div>
            <dt className="text-xs uppercase tracking-wide text-slate-500">Approved volume</dt>
            <dd className="text-lg font-semibold tabular-nums">{formatMoney(t.approvedVolume, t.currency)}</dd>
          </div>
          <div>
            <dt className="text-xs uppercase tracking-wide text-slate-500">Refunded volume</dt>
            <dd className="text-lg font-semibold tabular-nums">{formatMoney(t.refundedVolume, t.currency)}</dd>
          </div>
        </div>
      ))}
    </dl>
  );
}
