import Link from "next/link";
import { formatMoney } from "@/lib/money";
import type { ScheduleListRow } from "@/lib/services/recurring";
import { formatDateTime } from "@/lib/time";

/** Recurring payments due in the next 7 days (the dashboard's list; the Schedules page has the rest). */
export function UpcomingPayments({ rows, timeZone }: { rows: ScheduleListRow[]; timeZone: string }) {
  return (
    <section aria-labelledby="upcoming-heading" className="rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-5">
      <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="upcoming-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
          Recurring payments in the next 7 days
        </h2>
        <Link href="/schedules?due=7" className="text-sm text-brand-700 hover:underline dark:text-brand-300">
          All schedules due
        </Link>
      </div>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">No recurring payment is due in the next 7 days.</p>
      ) : (
        <ul className="flex flex-col gap-1 text-sm" data-testid="upcoming-recurring">
          {rows.map((r) => (
            <li key={r.id} className="flex flex-wrap gap-x-3">
              <span className="tabular-nums">{r.nextDueAt ? formatDateTime(r.nextDueAt, { timeZone }) : "—"}</span>
              <Link href={`/schedules/${r.id}`} className="text-brand-700 hover:underline dark:text-brand-300">
                {r.customer.name}
              </Link>
              <span className="tabular-nums">{formatMoney(r.amount, r.currency)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
