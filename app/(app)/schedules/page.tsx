import Link from "next/link";
import { SCHEDULE_STATUS_LABELS, ScheduleStatus } from "@/components/schedules/schedule-status";
import { db } from "@/lib/db";
import { formatMoney } from "@/lib/money";
import { listSchedules } from "@/lib/services/recurring";
import { getMerchantSettings } from "@/lib/services/settings";
import { requirePageRole } from "@/lib/session";
import { formatDateTime } from "@/lib/time";
import { SCHEDULE_STATUSES, scheduleFiltersSchema } from "@/lib/validation/recurring";
import { DATA_ROW, DataTable, EmptyState } from "@/components/ui/data-table";

export const metadata = { title: "Schedules" };

const first = (v: string | string[] | undefined) => (typeof v === "string" && v !== "" ? v : undefined);
const selectClass = "rounded-md border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-3 py-2 text-sm";

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageRole("clerk");
  const sp = await searchParams;
  const parsed = scheduleFiltersSchema.safeParse({ status: first(sp.status), due: first(sp.due), customer: first(sp.customer) });
  const filters = parsed.success ? parsed.data : {};
  const [rows, merchant] = await Promise.all([listSchedules(db, filters), getMerchantSettings(db)]);
  const filtered = Boolean(filters.status || filters.due || filters.customer);

  return (
    <section className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Recurring schedules</h1>
        <Link href="/customers" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          Set up for a customer
        </Link>
      </div>
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filter schedules">
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-700 dark:text-slate-300">
          Status
          <select name="status" defaultValue={filters.status ?? ""} className={selectClass}>
            <option value="">Any</option>
            {SCHEDULE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {SCHEDULE_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-700 dark:text-slate-300">
          Next payment
          <select name="due" defaultValue={filters.due ?? ""} className={selectClass}>
            <option value="">Any time</option>
            <option value="7">Within 7 days</option>
            <option value="30">Within 30 days</option>
          </select>
        </label>
        {filters.customer && <input type="hidden" name="customer" value={filters.customer} />}
        <button type="submit" className="rounded-md border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-4 py-2 text-sm font-medium hover:bg-slate-50 dark:hover:bg-slate-800">
          Filter
        </button>
        {filtered && (
          <Link href="/schedules" className="px-2 py-2 text-sm text-brand-700 underline dark:text-brand-300">
            Clear filters
          </Link>
        )}
      </form>
      {rows.length === 0 ? (
        <EmptyState>
          {filtered ? "No schedule matches these filters." : "No recurring schedules yet. Set one up from a customer's page or after an approved sale on a saved card."}
        </EmptyState>
      ) : (
        <DataTable
          label="Schedules"
          head={
            <tr>
              <th className="px-3 py-2 font-medium">Customer</th>
              <th className="px-3 py-2 font-medium">Status</th>
              <th className="px-3 py-2 text-right font-medium">Amount</th>
              <th className="px-3 py-2 font-medium">Plan</th>
              <th className="px-3 py-2 font-medium">Next payment</th>
              <th className="px-3 py-2 font-medium">Card</th>
            </tr>
          }
        >
          {rows.map((r) => (
            <tr key={r.id} className={DATA_ROW} data-testid="schedule-row">
              <td className="px-3 py-2">
                <Link href={`/schedules/${r.id}`} className="text-brand-700 dark:text-brand-300 hover:underline">
                  {r.customer.name}
                </Link>
                {r.description && <span className="block text-xs text-slate-500 dark:text-slate-400">{r.description}</span>}
              </td>
              <td className="px-3 py-2">
                <ScheduleStatus status={r.status} />
              </td>
              <td className="px-3 py-2 text-right tabular-nums">{formatMoney(r.amount, r.currency)}</td>
              <td className="px-3 py-2">{r.rule}</td>
              <td className="px-3 py-2">{r.nextDueAt ? formatDateTime(r.nextDueAt, { timeZone: merchant.timeZone }) : "—"}</td>
              <td className="px-3 py-2">{r.card}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
