import Link from "next/link";
import { KIND_LABELS } from "@/components/payments/format";
import { StatusBadge } from "@/components/payments/status-badge";
import { formatMoney } from "@/lib/money";
import type { TransactionView } from "@/lib/services/transactions/detail";
import { formatDateTime } from "@/lib/time";

/** The original and each follow-up (capture, void, refunds): what, how much, who, when, result. */
export function Timeline({ view, timeZone }: { view: TransactionView; timeZone: string }) {
  const entries = [
    { id: view.id, kind: view.kind, status: view.status, amount: view.amount, currency: view.currency, message: view.message, reason: view.reason, createdAt: view.createdAt, user: view.user.name, self: true },
    ...view.children.map((c) => ({ ...c, self: false })),
  ];
  return (
    <section aria-labelledby="timeline-title" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="timeline-title" className="mb-3 text-lg font-semibold">
        Timeline
      </h2>
      <ol className="flex flex-col gap-3" data-testid="timeline">
        {entries.map((e) => (
          <li key={e.id} className="flex flex-wrap items-start gap-3 border-l-2 border-slate-200 pl-3" data-testid="timeline-entry" data-kind={e.kind} data-status={e.status}>
            <div className="min-w-40 text-sm text-slate-500">{formatDateTime(e.createdAt, { timeZone: timeZone, seconds: true })}</div>
            <div className="flex flex-1 flex-col gap-1 text-sm">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-medium">{KIND_LABELS[e.kind]}</span>
                <StatusBadge status={e.status} />
                <span className="tabular-nums">{formatMoney(e.amount, e.currency)}</span>
                <span className="text-slate-500">by {e.user}</span>
                {!e.self && (
                  <Link href={`/transactions/${e.id}`} className="text-brand-700 underline">
                    details
                  </Link>
                )}
              </div>
              {e.message && <p className="text-slate-700">{e.message}</p>}
              {e.reason && <p className="text-slate-500">Reason: {e.reason}</p>}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
