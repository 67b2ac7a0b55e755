import Link from "next/link";
import { notFound } from "next/navigation";
import { ScheduleControls } from "@/components/schedules/schedule-controls";
import { ScheduleStatus } from "@/components/schedules/schedule-status";
import { hasRole } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { formatMoney, toMajorString } from "@/lib/money";
import { getSchedule } from "@/lib/services/recurring";
import { getMerchantSettings } from "@/lib/services/settings";
import { requirePageRole } from "@/lib/session";
import { formatDateTime } from "@/lib/time";

export const metadata = { title: "Schedule" };

const card = "rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-5";
const heading = "mb-2 text-sm font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400";

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageRole("clerk");
  const { id } = await params;
  const [s, merchant] = await Promise.all([getSchedule(db, id.slice(0, 64)), getMerchantSettings(db)]);
  if (!s) notFound();
  const at = (iso: string) => formatDateTime(iso, { timeZone: merchant.timeZone });

  return (
    <section className="flex flex-col gap-6">
      <div>
        <p className="text-sm">
          <Link href="/schedules" className="text-brand-700 dark:text-brand-300 hover:underline">
            ← Schedules
          </Link>
        </p>
        <h1 className="flex flex-wrap items-center gap-3 text-2xl font-semibold">
          {formatMoney(s.amount, s.currency)} · {s.rule} <ScheduleStatus status={s.status} />
        </h1>
        <p className="text-slate-700 dark:text-slate-300">
          <Link href={`/customers/${s.customer.id}`} className="text-brand-700 dark:text-brand-300 hover:underline">
            {s.customer.name}
          </Link>{" "}
          · {s.card} · {s.account.label}
        </p>
      </div>
      {s.statusReason && (s.status === "past_due" || s.status === "stopped") && (
        <div role="status" data-testid="schedule-reason" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200">
          {s.statusReason}
        </div>
      )}
      {hasRole(user.role, "manager") && <ScheduleControls scheduleId={s.id} status={s.status} amount={toMajorString(s.amount, s.currency)} currency={s.currency} />}

      <div className={card}>
        <h2 className={heading}>Plan</h2>
        <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="text-slate-500 dark:text-slate-400">Ends</dt>
          <dd>{s.end}</dd>
          <dt className="text-slate-500 dark:text-slate-400">Payments begun</dt>
          <dd>{s.paymentsMade}</dd>
          {s.description && (
            <>
              <dt className="text-slate-500 dark:text-slate-400">Description</dt>
              <dd>{s.description}</dd>
            </>
          )}
          <dt className="text-slate-500 dark:text-slate-400">Set up</dt>
          <dd>
            {at(s.createdAt)} by {s.createdBy}
          </dd>
        </dl>
      </div>

      <div className={card}>
        <h2 className={heading}>Upcoming payments</h2>
        {s.upcoming.length === 0 ? (
          <p className="text-sm text-slate-500 dark:text-slate-400">None scheduled.</p>
        ) : (
          <ul className="flex flex-col gap-1 text-sm" data-testid="upcoming-payments">
            {s.upcoming.map((u) => (
              <li key={u.dueDate}>
                {at(u.dueAt)} · {formatMoney(s.amount, s.currency)}
              </li>
            ))}
          </ul>
        )}
      </div>

      <div className={card}>
        <h2 className={heading}>Past payments</h2>
        {s.past.length === 0 ? (
          <p className="text-sm text-slate-500 dark:text-slate-400">No payment has been due yet.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">
              <tr>
                <th className="py-2 pr-3 font-medium">Due</th>
                <th className="py-2 pr-3 font-medium">Status</th>
                <th className="py-2 pr-3 font-medium">Attempts</th>
                <th className="py-2 font-medium">Details</th>
              </tr>
            </thead>
            <tbody>
              {s.past.map((c) => (
                <tr key={c.id} className="border-t border-slate-100 dark:border-slate-800" data-testid="schedule-charge">
                  <td className="py-2 pr-3">{c.dueDate}</td>
                  <td className="py-2 pr-3">
                    <ScheduleStatus status={c.status} />
                  </td>
                  <td className="py-2 pr-3">
                    {c.tries.length === 0
                      ? "—"
                      : c.tries.map((t, i) => (
                          <span key={t.attempt}>
                            {i > 0 && ", "}
                            {t.transactionId ? (
                              <Link href={`/transactions/${t.transactionId}`} className="text-brand-700 dark:text-brand-300 hover:underline">
                                #{t.attempt} {t.status}
                              </Link>
                            ) : (
                              `#${t.attempt}`
                            )}
                          </span>
                        ))}
                  </td>
                  <td className="py-2 text-slate-700 dark:text-slate-300">
                    {c.message}
                    {c.status === "retrying" && c.nextAttemptAt && <> · next try {at(c.nextAttemptAt)}</>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
