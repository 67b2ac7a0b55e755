// `npm run bench`: measures the built app (no build here — it uses NEXT_DIST_DIR or .next) against a
// fresh keyed_bench database and the gateway sandbox, prints one table and writes it to BENCHMARKS.md.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { codeAt, timeStep } from "../../auth/totp";
import { DEMO_TOTP_SECRET, DEMO_USERS } from "../../../prisma/demo-users";
import { ROOT } from "../stack";
import { AppClient, findAction } from "./client";
import { cpuSnapshot } from "./cpu";
import { measureOverhead, measureThroughput, type SavedCard } from "./load";
import { measurePages } from "./page";
import { machineLine, markdownTable, textTable, writeSection, type Row } from "./report";
import { newCardSale, SALE_ACTION, submitSale } from "./sales";
import { databaseServer, distDir, requireBuild, sandboxControl, startStack, type Stack } from "./stack";

const log = (s: string) => console.log(`bench: ${s}`);
const SALES = Number(process.env.BENCH_SALES ?? 1000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const HISTORY_BENCH = join(ROOT, "lib", "cli", "bench-history.ts");
/** BENCH_ONLY=overhead,throughput (etc.) runs a subset while working on one measure; the default runs all. */
const ONLY = new Set((process.env.BENCH_ONLY ?? "overhead,throughput,history,pages").split(",").map((s) => s.trim()));

/** A sale with a new card saved to the customer: the saved token the other measures charge. */
async function saveCard(stack: Stack, client: AppClient, action: ReturnType<typeof findAction> & object, customerId: string, gateway: string): Promise<SavedCard> {
  const accountId = `seed-${gateway}`;
  const out = await submitSale(client, action, newCardSale({ accountId, gateway, amount: "1.00", customerId, save: true }));
  if (out.kind !== "result" || !out.value.ok) throw new Error(`could not save a card through the terminal action: ${JSON.stringify(out).slice(0, 400)}`);
  const tx = await stack.db.transaction.findUniqueOrThrow({ where: { id: out.value.data.transactionId } });
  if (tx.status !== "approved" || !tx.paymentMethodId) throw new Error(`saving a card did not approve: ${tx.status} ${tx.message ?? ""}`);
  return { accountId, customerId, paymentMethodId: tx.paymentMethodId };
}

/**
 * The history engineer's benchmark, as its own process; it writes its own "History" section. It
 * needs a database filled by `npm run seed:volume` (1M rows): HISTORY_DATABASE_URL, else DATABASE_URL.
 */
function runHistoryBench(): Promise<Row> {
  const measure = "History (first page p95, export memory)";
  if (!existsSync(HISTORY_BENCH)) return Promise.resolve({ measure, value: "not measured (lib/cli/bench-history.ts not present)", target: "", pass: null });
  const url = process.env.HISTORY_DATABASE_URL || process.env.DATABASE_URL;
  if (!url) return Promise.resolve({ measure, value: "not measured: set HISTORY_DATABASE_URL to a database filled by `npm run seed:volume`", target: "", pass: null });
  log("running lib/cli/bench-history.ts (it writes the History section)");
  return new Promise((resolve) => {
    const child = spawn(join(ROOT, "node_modules", ".bin", "tsx"), [HISTORY_BENCH], { stdio: "inherit", env: { ...process.env, DATABASE_URL: url } });
    child.on("exit", (code) => resolve({ measure, value: code === 0 ? "see the History section" : `bench-history exited with ${code}`, target: "see History", pass: code === 0 ? null : false }));
  });
}

async function main() {
  requireBuild();
  const action = findAction(distDir, SALE_ACTION, "terminal");
  if (!action) throw new Error(`the build in ${distDir}/ has no ${SALE_ACTION} (the terminal's sale action): rebuild it`);
  const stack = await startStack({ name: process.env.BENCH_DATABASE ?? "keyed_bench", appPort: Number(process.env.BENCH_PORT ?? 3300), sandboxPort: Number(process.env.BENCH_SANDBOX_PORT ?? 4300), portVariables: "BENCH", log });
  const rows: Row[] = [];
  const notes: string[] = [];
  try {
    const sandbox = sandboxControl(stack.sandboxUrl);
    const clerkUser = DEMO_USERS.find((u) => u.role === "clerk")!;
    const clerk = new AppClient(stack.appUrl);
    await clerk.signIn(clerkUser.email, clerkUser.password, codeAt(DEMO_TOTP_SECRET, timeStep()));
    log(`signed in as ${clerkUser.email}; sale action ${action.id.slice(0, 10)}… on ${action.pagePath}`);
    const card = await saveCard(stack, clerk, action, "seed-customer-1", "bluepay");

    await sandbox.latency(0);
    if (ONLY.has("overhead")) {
      log(`overhead: ${SALES} sequential sales by saved token`);
      const overhead = await measureOverhead(stack.db, clerk, action, card, SALES, log);
      rows.push(...overhead.rows);
    }

    if (ONLY.has("throughput")) {
      await sandbox.latency(300);
      log(`throughput: ${CLIENTS} clients for ${SECONDS} s with the gateway adding 300 ms`);
      const clients = Array.from({ length: CLIENTS }, () => clerk.clone());
      const cpu = () => cpuSnapshot({ app: stack.pids().app, sandbox: stack.pids().sandbox }, { "load generator": process.pid });
      const throughput = await measureThroughput(stack.db, clients, action, [card], SECONDS, log, cpu);
      rows.push(...throughput.rows);
      if (Object.keys(throughput.errors).length) notes.push(`Throughput errors: ${JSON.stringify(throughput.errors)}`);
      await sandbox.latency(0);
    }

    if (ONLY.has("history")) rows.push(await runHistoryBench());

    if (ONLY.has("pages")) {
      log("pages: Playwright in /usr/bin/chromium");
      try {
        const pages = await measurePages(clerk, "Jane", log);
        rows.push(...pages.rows);
        notes.push(...pages.notes);
      } catch (err) {
        rows.push({ measure: "Page weight, speed and keystrokes", value: `not measured: ${(err as Error).message.split("\n")[0]}`, target: "", pass: false });
      }
    }
  } finally {
    await stack.stop();
  }

  console.log(`\n${machineLine()}\n${textTable(rows)}\n`);
  for (const n of notes) console.log(n);
  if (process.env.BENCH_ONLY) log("BENCH_ONLY is set: BENCHMARKS.md is left as it is (only a full run writes it)");
  else writeSection(
    "Performance",
    [
      `\`npm run bench\` on ${machineLine()}; build \`${distDir}\`, ${databaseServer} (database ${process.env.BENCH_DATABASE ?? "keyed_bench"}), sandbox, RECONCILE_INTERVAL_MS=0.`,
      "",
      markdownTable(rows),
      "",
      "Overhead = the client's round trip of the sale action minus Transaction.gatewayDurationMs (the gateway call as the service timed it).",
      "Interactive = the amount field takes an input event and the hydrated form re-renders the submit button with that amount.",
      "Clerk actions count one per key pressed (each typed character) and one per click.",
      ...notes.map((n) => `- ${n}`),
    ].join("\n"),
  );
  if (!process.env.BENCH_ONLY) log("results written to BENCHMARKS.md (section Performance)");
  if (rows.some((r) => r.pass === false)) process.exitCode = 1;
}

main().catch((err: Error) => {
  console.error(`bench: ${err.message}`);
  process.exit(1);
});
