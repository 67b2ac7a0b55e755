// CPU time by process group, read from /proc (Linux): where a sale's CPU goes when the machine is
// the limit — the app, the gateway sandbox, PostgreSQL, and the load generator itself.
import { readdirSync, readFileSync } from "node:fs";

const TICK_MS = 10; // USER_HZ is 100 on Linux

interface Proc {
  pid: number;
  ppid: number;
  comm: string;
  cpuMs: number;
}

function processes(): Proc[] {
  const out: Proc[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // comm may hold spaces and parentheses: split after the last ")".
      const close = stat.lastIndexOf(")");
      const fields = stat.slice(close + 2).split(" ");
      out.push({ pid: Number(name), comm: stat.slice(stat.indexOf("(") + 1, close), ppid: Number(fields[1]), cpuMs: (Number(fields[11]) + Number(fields[12])) * TICK_MS });
    } catch {
      /* exited meanwhile */
    }
  }
  return out;
}

/** The process and all its descendants. */
function tree(all: Proc[], root: number): Proc[] {
  const ids = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) {
      if (ids.has(p.pid) || !ids.has(p.ppid)) continue;
      ids.add(p.pid);
      grew = true;
    }
  }
  return all.filter((p) => ids.has(p.pid));
}

export type CpuGroups = Record<string, number>;

/**
 * CPU ms so far of each named process tree (`trees`), of single processes (`singles`: the load
 * generator, whose children are the app and the sandbox), and of every PostgreSQL process.
 */
export function cpuSnapshot(trees: Record<string, number | undefined>, singles: Record<string, number> = {}): CpuGroups {
  const all = processes();
  const out: CpuGroups = {};
  for (const [label, pid] of Object.entries(trees)) if (pid) out[label] = tree(all, pid).reduce((sum, p) => sum + p.cpuMs, 0);
  for (const [label, pid] of Object.entries(singles)) out[label] = all.find((p) => p.pid === pid)?.cpuMs ?? 0;
  out.PostgreSQL = all.filter((p) => p.comm === "postgres").reduce((sum, p) => sum + p.cpuMs, 0);
  return out;
}

/** "app 5.1 · sandbox 1.2 · …" ms of CPU per unit between two snapshots. */
export function cpuPerUnit(before: CpuGroups, after: CpuGroups, units: number): string {
  return Object.keys(after)
    .map((k) => `${k} ${((after[k]! - (before[k] ?? 0)) / Math.max(1, units)).toFixed(1)}`)
    .join(" · ");
}
