import type { CodeView } from "@/lib/services/transactions/detail";

const CATEGORY_CLASS: Record<string, string> = {
  match: "bg-green-100 dark:bg-green-900 text-green-800 dark:text-green-200",
  partial: "bg-amber-100 dark:bg-amber-900 text-amber-900 dark:text-amber-200",
  no_match: "bg-red-100 dark:bg-red-900 text-red-800 dark:text-red-200",
  not_checked: "bg-slate-100 dark:bg-slate-800 text-slate-700 dark:text-slate-300",
  unavailable: "bg-slate-100 dark:bg-slate-800 text-slate-700 dark:text-slate-300",
};

/** An AVS or CVV result: the gateway's code and what it means in plain words ("M — Address and postal code match"). */
export function CodeResult({ label, result, testId }: { label: string; result: CodeView | null; testId?: string }) {
  return (
    <div data-testid={testId}>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="mt-0.5 text-sm">
        {result ? (
          <>
            <span className={`rounded px-1.5 py-0.5 font-mono font-semibold ${CATEGORY_CLASS[result.category ?? "not_checked"]}`}>{result.code}</span>
            {` — ${result.meaning || "No description from the gateway"}`}
          </>
        ) : (
          <span className="text-slate-500 dark:text-slate-400">Not returned</span>
        )}
      </dd>
    </div>
  );
}
