import Link from "next/link";
import { InputField } from "@/components/ui/field";
import { DASHBOARD_RANGE_LABELS, DASHBOARD_RANGES, type DashboardRange } from "@/lib/validation/dashboard";

/** A plain GET form: the period lives in the URL, so a view can be bookmarked and shared. */
export function PeriodPicker({ range, from, to, errors }: { range: DashboardRange | undefined; from: string; to: string; errors: Record<string, string> }) {
  return (
    <div className="flex flex-wrap items-end gap-3">
      <nav aria-label="Period" className="flex gap-1">
        {DASHBOARD_RANGES.map((r) => (
          <Link
            key={r}
            href={`/dashboard?range=${r}`}
            aria-current={range === r ? "page" : undefined}
            className={`rounded-md border px-3 py-1.5 text-sm ${
              range === r
                ? "border-brand-600 bg-brand-600 text-white dark:border-brand-400 dark:bg-brand-400 dark:text-slate-950"
                : "border-slate-300 dark:border-slate-600 text-slate-700 dark:text-slate-200 hover:bg-slate-100 dark:hover:bg-slate-800"
            }`}
          >
            {DASHBOARD_RANGE_LABELS[r]}
          </Link>
        ))}
      </nav>
      <form method="get" action="/dashboard" className="flex flex-wrap items-start gap-2">
        <InputField label="From" name="from" type="date" defaultValue={from} error={errors.from} />
        <InputField label="To" name="to" type="date" defaultValue={to} error={errors.to ?? errors.range} />
        <button
          type="submit"
          className="mt-6 rounded-md border border-slate-300 dark:border-slate-600 px-3 py-1.5 text-sm text-slate-700 dark:text-slate-200 hover:bg-slate-100 dark:hover:bg-slate-800"
        >
          Show period
        </button>
      </form>
    </div>
  );
}
