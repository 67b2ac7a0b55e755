import type { CodeView } from "@/lib/services/transactions/detail";

const CATEGORY_CLASS: Record<string, string> = {
  match: "bg-green-100 text-green-800",
  partial: "bg-amber-100 text-amber-900",
  no_match: "bg-red-100 text-red-800",
  not_checked: "bg-slate-100 text-slate-700",
  unavailable: "bg-slate-100 text-slate-700",
};

/** An AVS or CVV result: the gateway's code and what it means in plain words ("M — Address and postal code match"). */
export function CodeResult({ label, result, testId }: { label: string; result: CodeView | null; testId?: string }) {
  return (
    <div data-testid={testId}>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-sm">
        {result ? (
          <>
            <span className={`rounded px-1.5 py-0.5 font-mono font-semibold ${CATEGORY_CLASS[result.category ?? "not_checked"]}`}>{result.code}</span>
            {` — ${result.meaning || "No description from the gateway"}`}
          </>
        ) : (
          <span className="text-slate-500">Not returned</span>
        )}
      </dd>
    </div>
  );
}
