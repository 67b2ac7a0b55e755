/** Opens and folds the history's filter drawer below the lg breakpoint; says how many filters are on. */
export function FilterDrawerToggle({ open, onToggle, controls, active }: { open: boolean; onToggle: () => void; controls: string; active: number }) {
  return (
    <button
      type="button"
      aria-expanded={open}
      aria-controls={controls}
      onClick={onToggle}
      className="inline-flex items-center gap-2 self-start rounded-md border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-4 py-2 text-sm font-medium text-slate-800 dark:text-slate-200 hover:bg-slate-50 dark:hover:bg-slate-800 lg:hidden"
    >
      <svg aria-hidden viewBox="0 0 20 20" className="size-4" fill="none" stroke="currentColor" strokeWidth="2">
        <path d="M3 5h14M6 10h8M9 15h2" />
      </svg>
      {active > 0 ? `Filters (${active} on)` : "Filters"}
    </button>
  );
}
