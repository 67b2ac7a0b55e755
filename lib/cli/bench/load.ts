// Measures 1 and 2 of `npm run bench`: the app's own time per sale (round trip minus the gateway
// call), and sustained sales per second with a slow gateway and many concurrent clerks.
import type { Db } from "../../db";
import type { ActionRef, AppClient } from "./client";
import { cpuPerUnit, type CpuGroups } from "./cpu";
import type { Row } from "./report";
import { savedCardSale, submitSale, approvingAmount } from "./sales";
import { countBy, ms, percentile } from "./stats";

export interface SavedCard {
  accountId: string;
  customerId: string;
  paymentMethodId: string;
}

export interface OverheadResult {
  rows: Row[];
  samples: { totalMs: number; gatewayMs: number; overheadMs: number }[];
  errors: Record<string, number>;
}

/** Sequential sales by saved token (one clerk, zero gateway latency): total minus Transaction.gatewayDurationMs. */
export async function measureOverhead(db: Db, client: AppClient, action: ActionRef, card: SavedCard, count: number, log: (s: string) => void): Promise<OverheadResult> {
  const warmup = Math.min(50, count);
  for (let i = 0; i < warmup; i++) await submitSale(client, action, savedCardSale({ ...card, amount: approvingAmount(i) }));
  const timings: { id: string; totalMs: number }[] = [];
  const failures: string[] = [];
  for (let i = 0; i < count; i++) {
    const out = await submitSale(client, action, savedCardSale({ ...card, amount: approvingAmount(i) }));
    if (out.kind === "result" && out.value.ok) timings.push({ id: out.value.data.transactionId, totalMs: out.ms });
    else failures.push(out.kind === "result" ? `rejected: ${out.value.ok ? "" : out.value.error}` : out.kind === "http_error" ? `HTTP ${out.status}` : out.error);
    if ((i + 1) % 250 === 0) log(`overhead: ${i + 1}/${count} sales`);
  }
  const rows = await db.transaction.findMany({ where: { id: { in: timings.map((t) => t.id) } }, select: { id: true, status: true, gatewayDurationMs: true } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const samples = timings.flatMap((t) => {
    const row = byId.get(t.id);
    if (!row || row.status !== "approved" || row.gatewayDurationMs === null) {
      failures.push(`not approved: ${row?.status ?? "missing"}`);
      return [];
    }
    return [{ totalMs: t.totalMs, gatewayMs: row.gatewayDurationMs, overheadMs: t.totalMs - row.gatewayDurationMs }];
  });
  const over = samples.map((s) => s.overheadMs);
  const p50 = percentile(over, 50);
  const p95 = percentile(over, 95);
  const errorNote = failures.length ? `, ${failures.length} failed` : "";
  return {
    samples,
    errors: countBy(failures, (f) => f),
    rows: [
      { measure: `Overhead per saved-token sale, p50 (${samples.length} sales${errorNote})`, value: ms(p50), target: "≤ 10 ms", pass: p50 <= 10 && failures.length === 0 },
      { measure: "Overhead per saved-token sale, p95", value: ms(p95), target: "≤ 25 ms", pass: p95 <= 25 && failures.length === 0 },
      {
        measure: "  (round trip p50 / gateway call p50, for reference)",
        value: `${ms(percentile(samples.map((s) => s.totalMs), 50))} / ${ms(percentile(samples.map((s) => s.gatewayMs), 50))}`,
        target: "",
        pass: null,
      },
    ],
  };
}

export interface ThroughputResult {
  rows: Row[];
  completed: number;
  seconds: number;
  errors: Record<string, number>;
}

/** `clients` clerks in closed loops for `seconds` (after a short ramp), all selling by saved token. */
export async function measureThroughput(
  db: Db,
  clients: AppClient[],
  action: ActionRef,
  cards: SavedCard[],
  seconds: number,
  log: (s: string) => void,
  cpu: () => CpuGroups,
): Promise<ThroughputResult> {
  const rampMs = 3000;
  const start = performance.now();
  const windowStart = start + rampMs;
  const windowEnd = windowStart + seconds * 1000;
  const ids: string[] = [];
  const failures: string[] = [];
  const latencies: number[] = [];
  let inWindow = 0;
  let n = 0;
  let cpuStart: CpuGroups = {};
  let cpuEnd: CpuGroups = {};
  const startTimer = setTimeout(() => (cpuStart = cpu()), rampMs);
  const endTimer = setTimeout(() => (cpuEnd = cpu()), rampMs + seconds * 1000);
  await Promise.all(
    clients.map(async (client, c) => {
      while (performance.now() < windowEnd) {
        const card = cards[(c + n) % cards.length]!;
        const out = await submitSale(client, action, savedCardSale({ ...card, amount: approvingAmount(n++) }));
        const done = performance.now();
        if (out.kind === "result" && out.value.ok) {
          ids.push(out.value.data.transactionId);
          if (done >= windowStart && done < windowEnd) {
            inWindow++;
            latencies.push(out.ms);
          }
        } else failures.push(out.kind === "result" ? `rejected: ${out.value.ok ? "" : out.value.error}` : out.kind === "http_error" ? `HTTP ${out.status}` : out.error);
      }
    }),
  );
  clearTimeout(startTimer);
  clearTimeout(endTimer);
  const statuses = await db.transaction.groupBy({ by: ["status"], where: { id: { in: ids } }, _count: true });
  for (const s of statuses) if (s.status !== "approved") for (let i = 0; i < s._count; i++) failures.push(`status ${s.status}`);
  const rate = inWindow / seconds;
  log(`throughput: ${inWindow} sales in ${seconds} s, ${failures.length} errors`);
  return {
    completed: inWindow,
    seconds,
    errors: countBy(failures, (f) => f),
    rows: [
      {
        measure: `Throughput, ${clients.length} clients, gateway +300 ms, ${seconds} s (${failures.length} errors)`,
        value: `${rate.toFixed(1)} sales/s`,
        target: "≥ 150 sales/s, 0 errors",
        pass: rate >= 150 && failures.length === 0,
      },
      { measure: "  (round trip p50 / p95 under that load)", value: `${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 95))}`, target: "", pass: null },
      { measure: "  (CPU ms per sale, by process, in that window)", value: cpuPerUnit(cpuStart, cpuEnd, inWindow), target: "", pass: null },
    ],
  };
}
