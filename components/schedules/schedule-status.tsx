const STYLES: Record<string, string> = {
  active: "border-green-300 dark:border-green-800 bg-green-50 dark:bg-green-950 text-green-800 dark:text-green-200",
  paused: "border-slate-300 dark:border-slate-600 bg-slate-100 dark:bg-slate-800 text-slate-700 dark:text-slate-300",
  past_due: "border-red-300 dark:border-red-800 bg-red-50 dark:bg-red-950 text-red-800 dark:text-red-200",
  stopped: "border-amber-300 dark:border-amber-800 bg-amber-50 dark:bg-amber-950 text-amber-900 dark:text-amber-200",
  cancelled: "border-slate-300 dark:border-slate-600 bg-slate-100 dark:bg-slate-800 text-slate-700 dark:text-slate-300",
  completed: "border-sky-300 dark:border-sky-800 bg-sky-50 dark:bg-sky-950 text-sky-800 dark:text-sky-200",
  paid: "border-green-300 dark:border-green-800 bg-green-50 dark:bg-green-950 text-green-800 dark:text-green-200",
  running: "border-sky-300 dark:border-sky-800 bg-sky-50 dark:bg-sky-950 text-sky-800 dark:text-sky-200",
  unknown: "border-amber-300 dark:border-amber-800 bg-amber-50 dark:bg-amber-950 text-amber-900 dark:text-amber-200",
  retrying: "border-amber-300 dark:border-amber-800 bg-amber-50 dark:bg-amber-950 text-amber-900 dark:text-amber-200",
  failed: "border-red-300 dark:border-red-800 bg-red-50 dark:bg-red-950 text-red-800 dark:text-red-200",
  skipped: "border-slate-300 dark:border-slate-600 bg-slate-100 dark:bg-slate-800 text-slate-700 dark:text-slate-300",
};

export const SCHEDULE_STATUS_LABELS: Record<string, string> = {
  active: "Active",
  paused: "Paused",
  past_due: "Past due",
  stopped: "Stopped",
  cancelled: "Cancelled",
  completed: "Completed",
  paid: "Paid",
  running: "Charging",
  unknown: "Outcome unknown",
  retrying: "Retrying",
  failed: "Failed",
  skipped: "Not charged",
};

export function ScheduleStatus({ status }: { status: string }) {
  return <span data-testid="schedule-status" data-status={status} className={`inline-flex rounded-full border px-2 py-0.5 text-xs font-medium ${STYLES[status] ?? STYLES.paused}`}>{SCHEDULE_STATUS_LABELS[status] ?? status}</span>;
}
