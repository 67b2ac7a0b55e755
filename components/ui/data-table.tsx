import type { ReactNode } from "react";
import { ScrollBox } from "./scroll-box";

/** A bordered table that scrolls sideways on a narrow screen; `label` names the table (and its scroll region). */
export function DataTable({ label, head, children, footer }: { label: string; head: ReactNode; children: ReactNode; footer?: ReactNode }) {
  return (
    // relative: sr-only cells are absolutely positioned; the box must contain them, or they widen the page.
    <ScrollBox label={`${label} table`} className="relative rounded-lg border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900">
      <table className="w-full text-left text-sm" aria-label={label}>
        <thead className="bg-slate-50 text-xs uppercase text-slate-500 dark:bg-slate-800 dark:text-slate-400">{head}</thead>
        <tbody>{children}</tbody>
      </table>
      {footer && <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-500 dark:border-slate-800 dark:text-slate-400">{footer}</p>}
    </ScrollBox>
  );
}

/** A body row of a DataTable. */
export const DATA_ROW = "border-t border-slate-100 align-top dark:border-slate-800";

/** What a list says when it has nothing to show. */
export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-600 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-400">{children}</p>;
}
