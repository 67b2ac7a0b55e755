"use client";

// Sales and refunds per day (per hour for one day) as a uPlot bar chart (canvas, ~21 kB gzipped
// with its CSS: BENCHMARKS.md, Dashboard). The library is imported when the chart mounts, so it
// is in no other page's bundle and the figures above it never wait for it. The canvas is hidden
// from assistive technology: the summary sentence is its text alternative and the table toggle
// shows the same numbers as a table.
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import type uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { formatMoney } from "@/lib/money";
import type { SeriesPoint } from "@/lib/services/dashboard";

const COLORS = { light: { sales: "#1d4ed8", refunds: "#b91c1c", axis: "#334155", grid: "#e2e8f0" }, dark: { sales: "#60a5fa", refunds: "#f87171", axis: "#cbd5e1", grid: "#334155" } };

const DARK = "(prefers-color-scheme: dark)";

function subscribeDark(onChange: () => void): () => void {
  const mq = window.matchMedia(DARK);
  mq.addEventListener("change", onChange);
  return () => mq.removeEventListener("change", onChange);
}

/** The canvas is drawn in colours, not classes: it follows the same system setting as the `dark:` variant. */
function useDark(): boolean {
  return useSyncExternalStore(subscribeDark, () => window.matchMedia(DARK).matches, () => false);
}

export function summarize(points: SeriesPoint[], currency: string, unit: "hour" | "day"): string {
  const sales = points.reduce((s, p) => s + p.sales, 0);
  const refunds = points.reduce((s, p) => s + p.refunds, 0);
  const best = points.reduce<SeriesPoint | null>((b, p) => (p.sales > (b?.sales ?? 0) ? p : b), null);
  const busiest = best ? ` The busiest ${unit} was ${best.label} with ${formatMoney(best.sales, currency)}.` : " There were no sales.";
  return `Bar chart of sales and refunds in ${currency} per ${unit} over ${points.length} ${unit}s: ${formatMoney(sales, currency)} in sales and ${formatMoney(refunds, currency)} in refunds.${busiest}`;
}

export function VolumeChart({ currency, points, unit }: { currency: string; points: SeriesPoint[]; unit: "hour" | "day" }) {
  const box = useRef<HTMLDivElement>(null);
  const [table, setTable] = useState(false);
  const dark = useDark();
  const summary = summarize(points, currency, unit);

  useEffect(() => {
    const el = box.current;
    if (table || !el) return;
    let chart: uPlot | undefined;
    let cancelled = false;
    const c = dark ? COLORS.dark : COLORS.light;
    void import("uplot").then(({ default: UPlot }) => {
      if (cancelled) return;
      // Refunds are drawn narrower, inside the day's sales bar, so both stay visible.
      const bars = UPlot.paths.bars!({ size: [0.7, 48], align: 0 });
      const narrow = UPlot.paths.bars!({ size: [0.35, 24], align: 0 });
      const axis = { stroke: c.axis, grid: { stroke: c.grid }, ticks: { stroke: c.grid } };
      const major = (v: number) => formatMoney(Math.round(v), currency);
      chart = new UPlot(
        {
          width: Math.max(280, el.clientWidth),
          height: 240,
          legend: { show: false },
          cursor: { drag: { x: false, y: false } },
          scales: { x: { time: false, range: () => [-0.5, points.length - 0.5] }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
          axes: [
            { ...axis, values: (_u, ticks) => ticks.map((i) => points[Math.round(i)]?.label.slice(unit === "hour" ? 11 : 5) ?? "") },
            { ...axis, size: 80, values: (_u, ticks) => ticks.map(major) },
          ],
          series: [
            { label: unit === "hour" ? "Hour" : "Day", value: (_u, i) => (i == null ? "" : (points[Math.round(i)]?.label ?? "")) },
            { label: "Sales", stroke: c.sales, fill: `${c.sales}cc`, paths: bars, points: { show: false }, value: (_u, v) => (v == null ? "" : major(v)) },
            { label: "Refunds", stroke: c.refunds, fill: `${c.refunds}cc`, paths: narrow, points: { show: false }, value: (_u, v) => (v == null ? "" : major(v)) },
          ],
        },
        [points.map((_, i) => i), points.map((p) => p.sales), points.map((p) => p.refunds)],
        el,
      );
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [currency, points, unit, table, dark]);

  return (
    <figure className="space-y-2" data-testid={`volume-chart-${currency}`}>
      <figcaption className="flex flex-wrap items-center justify-between gap-2">
        <span className="flex flex-wrap items-center gap-3">
          <span className="font-medium">Volume per {unit} ({currency})</span>
          <span className="flex items-center gap-1 text-sm">
            <span className="inline-block size-3 rounded-sm bg-blue-700 dark:bg-blue-400" aria-hidden="true" /> Sales
          </span>
          <span className="flex items-center gap-1 text-sm">
            <span className="inline-block size-3 rounded-sm bg-red-700 dark:bg-red-400" aria-hidden="true" /> Refunds
          </span>
        </span>
        <button
          type="button"
          aria-pressed={table}
          onClick={() => setTable((t) => !t)}
          className="rounded-md border border-slate-300 dark:border-slate-600 px-2 py-1 text-sm text-slate-700 dark:text-slate-200 hover:bg-slate-100 dark:hover:bg-slate-800"
        >
          {table ? "Show chart" : "Show as table"}
        </button>
      </figcaption>
      <p className="text-sm text-slate-600 dark:text-slate-400">{summary}</p>
      {table ? (
        <div className="max-h-80 overflow-auto rounded-md border border-slate-200 dark:border-slate-700">
          <table className="w-full text-sm">
            <caption className="sr-only">Sales and refunds in {currency} per {unit}</caption>
            <thead className="bg-slate-50 dark:bg-slate-800 text-left">
              <tr>
                <th scope="col" className="px-3 py-1.5">{unit === "hour" ? "Hour" : "Day"}</th>
                <th scope="col" className="px-3 py-1.5 text-right">Sales</th>
                <th scope="col" className="px-3 py-1.5 text-right">Refunds</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.label} className="border-t border-slate-100 dark:border-slate-800">
                  <th scope="row" className="px-3 py-1 text-left font-normal">{p.label}</th>
                  <td className="px-3 py-1 text-right tabular-nums">{formatMoney(p.sales, currency)}</td>
                  <td className="px-3 py-1 text-right tabular-nums">{formatMoney(p.refunds, currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <div ref={box} aria-hidden="true" className="min-h-[270px] w-full overflow-hidden text-slate-700 dark:text-slate-300" />
      )}
    </figure>
  );
}
