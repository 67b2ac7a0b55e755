import Link from "next/link";
import { KIND_LABELS } from "@/components/payments/format";
import { StatusBadge } from "@/components/payments/status-badge";
import { formatMoney } from "@/lib/money";
import type { ReceiptEmailEntry } from "@/lib/services/receipt-emails";
import type { TransactionView } from "@/lib/services/transactions/detail";
import { formatDateTime } from "@/lib/time";

const EMAIL_STATUS = { queued: "Sending", sent: "Sent", failed: "Not sent" } as const;
const EMAIL_TONE = {
  queued: "bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-200",
  sent: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100",
  failed: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
} as const;

/** The original and each follow-up (capture, void, refunds): what, how much, who, when, result; and each receipt emailed. */
export function Timeline({ view, emails = [], timeZone }: { view: TransactionView; emails?: ReceiptEmailEntry[]; timeZone: string }) {
  const entries = [
    { id: view.id, kind: view.kind, status: view.status, amount: view.amount, currency: view.currency, message: view.message, reason: view.reason, createdAt: view.createdAt, user: view.user.name, self: true },
    ...view.children.map((c) => ({ ...c, self: false })),
  ];
  return (
    <section aria-labelledby="timeline-title" className="rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-5 shadow-sm">
      <h2 id="timeline-title" className="mb-3 text-lg font-semibold">
        Timeline
      </h2>
      <ol className="flex flex-col gap-3" data-testid="timeline">
        {entries.map((e) => (
          <li key={e.id} className="flex flex-wrap items-start gap-3 border-l-2 border-slate-200 dark:border-slate-700 pl-3" data-testid="timeline-entry" data-kind={e.kind} data-status={e.status}>
            <div className="min-w-40 text-sm text-slate-500 dark:text-slate-400">{formatDateTime(e.createdAt, { timeZone: timeZone, seconds: true })}</div>
            <div className="flex flex-1 flex-col gap-1 text-sm">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-medium">{KIND_LABELS[e.kind]}</span>
                <StatusBadge status={e.status} />
                <span className="tabular-nums">{formatMoney(e.amount, e.currency)}</span>
                <span className="text-slate-500 dark:text-slate-400">by {e.user}</span>
                {!e.self && (
                  <Link href={`/transactions/${e.id}`} className="text-brand-700 dark:text-brand-300 underline">
                    details
                  </Link>
                )}
              </div>
              {e.message && <p className="text-slate-700 dark:text-slate-300">{e.message}</p>}
              {e.reason && <p className="text-slate-500 dark:text-slate-400">Reason: {e.reason}</p>}
            </div>
          </li>
        ))}
        {emails.map((m) => (
          <li key={m.id} className="flex flex-wrap items-start gap-3 border-l-2 border-slate-200 dark:border-slate-700 pl-3" data-testid="timeline-entry" data-kind="receipt-email" data-status={m.status}>
            <div className="min-w-40 text-sm text-slate-500 dark:text-slate-400">{formatDateTime(m.sentAt ?? m.createdAt, { timeZone: timeZone, seconds: true })}</div>
            <div className="flex flex-1 flex-col gap-1 text-sm">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-medium">Receipt emailed</span>
                <span className={`rounded px-2 py-0.5 text-xs font-semibold ${EMAIL_TONE[m.status]}`}>{EMAIL_STATUS[m.status]}</span>
                <span className="text-slate-700 dark:text-slate-300">to {m.to}</span>
              </div>
              {m.error && (
                <p className="text-slate-700 dark:text-slate-300">
                  {m.error}
                  {m.attempts > 1 ? ` (${m.attempts} attempts)` : ""}
                </p>
              )}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
