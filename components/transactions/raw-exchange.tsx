/** The redacted gateway request and response, folded away until asked for. */
export function RawExchange({ request, response }: { request: unknown; response: unknown }) {
  return (
    <details className="rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-5 shadow-sm" data-testid="raw-exchange">
      <summary className="cursor-pointer text-lg font-semibold">Gateway request and response (redacted)</summary>
      <div className="mt-3 grid gap-4 lg:grid-cols-2">
        {(
          [
            ["Request", request],
            ["Response", response],
          ] as const
        ).map(([label, value]) => (
          <div key={label} className="min-w-0">
            <h3 className="mb-1 text-sm font-medium text-slate-600 dark:text-slate-400">{label}</h3>
            <pre role="region" aria-label={`Gateway ${label.toLowerCase()}`} tabIndex={0} className="max-h-96 overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-100 dark:bg-slate-950">{value == null ? "—" : typeof value === "string" ? value : JSON.stringify(value, null, 2)}</pre>
          </div>
        ))}
      </div>
    </details>
  );
}
