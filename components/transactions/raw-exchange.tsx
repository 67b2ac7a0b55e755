/** The redacted gateway request and response, folded away until asked for. */
export function RawExchange({ request, response }: { request: unknown; response: unknown }) {
  return (
    <details className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid="raw-exchange">
      <summary className="cursor-pointer text-lg font-semibold">Gateway request and response (redacted)</summary>
      <div className="mt-3 grid gap-4 lg:grid-cols-2">
        {(
          [
            ["Request", request],
            ["Response", response],
          ] as const
        ).map(([label, value]) => (
          <div key={label}>
            <h3 className="mb-1 text-sm font-medium text-slate-600">{label}</h3>
            <pre className="max-h-96 overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-100">{value == null ? "—" : typeof value === "string" ? value : JSON.stringify(value, null, 2)}</pre>
          </div>
        ))}
      </div>
    </details>
  );
}
