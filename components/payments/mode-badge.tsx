/** TEST or LIVE, impossible to miss: a live account moves real money. */
export function ModeBadge({ mode }: { mode: "test" | "live" }) {
  return mode === "live" ? (
    <span data-testid="mode-badge" className="rounded bg-red-600 px-1.5 py-0.5 text-xs font-bold tracking-wide text-white">
      LIVE
    </span>
  ) : (
    <span data-testid="mode-badge" className="rounded bg-amber-300 px-1.5 py-0.5 text-xs font-bold tracking-wide text-amber-950">
      TEST
    </span>
  );
}
