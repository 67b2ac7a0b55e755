// Results as a table (terminal and Markdown), and BENCHMARKS.md kept section by section: each
// writer replaces only its own "## <title>" section, so the History section (written by the history
// benchmark) stays as it is.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { ROOT } from "../stack";

export interface Row {
  measure: string;
  value: string;
  target: string;
  /** null: not measured. */
  pass: boolean | null;
}

export const verdict = (r: Row) => (r.pass === null ? "—" : r.pass ? "pass" : "MISS");

export function textTable(rows: Row[]): string {
  const cells = [["measure", "value", "target", "result"], ...rows.map((r) => [r.measure, r.value, r.target, verdict(r)])];
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => x.padEnd(widths[i]!)).join("  ");
  return [line(cells[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

export function markdownTable(rows: Row[]): string {
  const esc = (s: string) => s.replace(/\|/g, "\\|");
  return ["| measure | value | target | result |", "| --- | --- | --- | --- |", ...rows.map((r) => `| ${esc(r.measure)} | ${esc(r.value)} | ${esc(r.target)} | ${verdict(r)} |`)].join("\n");
}

export function machineLine(): string {
  const cpu = cpus();
  return `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, ${cpu.length} cores (${cpu[0]?.model.trim() ?? "unknown CPU"}), Node ${process.version}`;
}

const FILE = join(ROOT, "BENCHMARKS.md");
const HEADER = "# Benchmarks\n\nWritten by `npm run bench` (Performance, History) and `npm run soak` (Soak). Each command replaces only its own section.\n";

/** Replaces (or appends) the section "## title" of BENCHMARKS.md, leaving every other section intact. */
export function writeSection(title: string, body: string): void {
  const text = existsSync(FILE) ? readFileSync(FILE, "utf8") : HEADER;
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l.trim() === `## ${title}`);
  const section = [`## ${title}`, "", body.trim(), ""];
  if (start < 0) {
    const out = text.replace(/\n*$/, "\n\n") + section.join("\n");
    writeFileSync(FILE, out);
    return;
  }
  let end = lines.findIndex((l, i) => i > start && /^## /.test(l));
  if (end < 0) end = lines.length;
  writeFileSync(FILE, [...lines.slice(0, start), ...section, ...lines.slice(end)].join("\n").replace(/\n*$/, "\n"));
}
