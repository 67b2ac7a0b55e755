// `npm run soak`: 20 clerks selling for 60 s through a load balancer (lib/cli/balancer.ts: round-robin
// over the ready instances) to SOAK_NODES (default 2) app instances, separate processes on one
// PostgreSQL database, while the sandbox times out 5 % and fails 2 % of gateway calls; halfway the last
// instance is killed (SIGKILL, primary and workers at once) and started again. The instances' own
// reconcilers (every second) then close every open transaction, and the money invariants are checked
// against the sandbox ledgers: nothing approved at a gateway is missing or not approved in the app,
// nothing is charged twice, no submitted sale is lost, no request got an HTTP 500, no transaction is
// reconciled twice. Exits non-zero when an invariant fails.
import { readFileSync } from "node:fs";
import { startBalancer } from "./balancer";
import { AppClient, findAction, type ActionRef } from "./bench/client";
import { machineLine, writeSection } from "./bench/report";
import { approvingAmount, newCardSale, SALE_ACTION, savedCardSale, submitSale, type SaleResult } from "./bench/sales";
import { createClerks, distDir, requireBuild, sandboxControl, startStack, type Stack } from "./bench/stack";
import { countBy, ms, percentile } from "./bench/stats";
import type { SaleFormInput } from "../validation/payment";

const log = (s: string) => console.log(`soak: ${s}`);
const CLERKS = Number(process.env.SOAK_CLERKS ?? 20);
const NODES = Math.max(1, Number(process.env.SOAK_NODES ?? 2));
const RECONCILE_INTERVAL_MS = 1000;
const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const GATEWAYS = ["bluepay", "bepaid", "roverpay"] as const;
const GATEWAY_TIMEOUT_MS = 2000;
/** A browser-like retry: the same request (same idempotency key) until the app answers, for at most this long. */
const RETRY_FOR_MS = 60_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Submitted {
  key: string;
  gateway: string;
  source: "saved" | "new";
  attempts: number;
  /** The app's answer: ok with a transaction id, a refusal message, or none at all. */
  answer: { ok: true; transactionId: string } | { ok: false; error: string } | null;
}

interface RequestLog {
  ms: number;
  kind: string;
  status?: number;
}

async function submitWithRetry(client: AppClient, action: ActionRef, input: SaleFormInput, requests: RequestLog[]): Promise<Pick<Submitted, "attempts" | "answer">> {
  const deadline = performance.now() + RETRY_FOR_MS;
  let attempts = 0;
  for (;;) {
    attempts++;
    const out = await submitSale(client, action, input);
    if (out.kind === "result") {
      requests.push({ ms: out.ms, kind: "answered", status: out.status });
      const v: SaleResult = out.value;
      return { attempts, answer: v.ok ? { ok: true, transactionId: v.data.transactionId } : { ok: false, error: v.error } };
    }
    requests.push(out.kind === "http_error" ? { ms: out.ms, kind: `HTTP ${out.status}`, status: out.status } : { ms: out.ms, kind: `network ${out.error}` });
    if (performance.now() > deadline) return { attempts, answer: null };
    await sleep(250 + Math.random() * 250);
  }
}

/** One saved card per gateway (before any fault is switched on), keyed through the terminal action. */
async function saveCards(stack: Stack, client: AppClient, action: ActionRef) {
  const cards: Record<string, { accountId: string; customerId: string; paymentMethodId: string }> = {};
  for (const [i, gateway] of GATEWAYS.entries()) {
    const accountId = `seed-${gateway}`;
    const customerId = `seed-customer-${i + 1}`;
    const out = await submitSale(client, action, newCardSale({ accountId, gateway, amount: "1.00", customerId, save: true }));
    if (out.kind !== "result" || !out.value.ok) throw new Error(`saving a ${gateway} card failed: ${JSON.stringify(out).slice(0, 300)}`);
    const tx = await stack.db.transaction.findUniqueOrThrow({ where: { id: out.value.data.transactionId } });
    if (tx.status !== "approved" || !tx.paymentMethodId) throw new Error(`saving a ${gateway} card: ${tx.status} ${tx.message ?? ""}`);
    cards[gateway] = { accountId, customerId, paymentMethodId: tx.paymentMethodId };
  }
  return cards;
}

/** Waits for the instances' reconcilers to close every open transaction. */
async function waitForReconcilers(stack: Stack): Promise<{ seconds: number; stillOpen: number }> {
  const started = Date.now();
  for (;;) {
    const open = await stack.db.transaction.count({ where: { status: { in: ["pending", "unknown"] } } });
    if (open === 0 || Date.now() - started > 120_000) return { seconds: (Date.now() - started) / 1000, stillOpen: open };
    await sleep(1000);
  }
}

interface CallLine {
  transactionId: string;
  job?: string;
  operation?: string;
}

/** Each start of an instance (its log has a `--- start N ---` line before each) and the gateway calls it logged for a transaction. */
function gatewayCallsByStart(logFile: string): CallLine[][] {
  const starts: CallLine[][] = [];
  for (const line of readFileSync(logFile, "utf8").split("\n")) {
    if (line.startsWith("--- start ")) starts.push([]);
    if (!line.startsWith("{") || !line.includes('"event":"gateway_call"')) continue;
    const entry = JSON.parse(line) as Partial<CallLine>;
    if (entry.transactionId) starts.at(-1)?.push(entry as CallLine);
  }
  return starts;
}

async function main() {
  requireBuild();
  const action = findAction(distDir, SALE_ACTION, "terminal");
  if (!action) throw new Error(`the build in ${distDir}/ has no ${SALE_ACTION} (the terminal's sale action): rebuild it`);
  // The balancer on SOAK_PORT, the instances on the ports after it.
  const port = Number(process.env.SOAK_PORT ?? 3310);
  const balancerUrl = `http://127.0.0.1:${port}`;
  const stack = await startStack({
    name: "keyed_soak",
    appPort: port + 1,
    nodes: NODES,
    sandboxPort: Number(process.env.SOAK_SANDBOX_PORT ?? 4310),
    portVariables: "SOAK",
    log,
    // Every instance has the one public URL (the balancer's); one process each, as separate machines would.
    extraEnv: { APP_URL: balancerUrl, RECONCILE_INTERVAL_MS: String(RECONCILE_INTERVAL_MS), WEB_CONCURRENCY: process.env.WEB_CONCURRENCY ?? "1" },
  });
  const balancer = await startBalancer({ upstreams: stack.appUrls, port, mode: "round-robin" }).catch(async (err: Error) => {
    await stack.stop();
    throw new Error(`the load balancer could not listen on ${balancerUrl} (SOAK_PORT): ${err.message}`);
  });
  const failures: string[] = [];
  const lines: string[] = [];
  const say = (s: string) => {
    lines.push(s);
    console.log(s);
  };
  try {
    const sandbox = sandboxControl(stack.sandboxUrl);
    await stack.db.gatewayAccount.updateMany({ where: { kind: { in: [...GATEWAYS] } }, data: { timeoutMs: GATEWAY_TIMEOUT_MS } });
    const accounts = await createClerks(stack.db, CLERKS, "soak");
    const clients: AppClient[] = [];
    for (const a of accounts) {
      const c = new AppClient(balancer.url, 30_000);
      await c.signIn(a.email, a.password);
      clients.push(c);
    }
    const cards = await saveCards(stack, clients[0]!, action);
    log(`${CLERKS} clerks signed in; saved cards at ${GATEWAYS.join(", ")}`);

    await sandbox.fault({ mode: "timeout", rate: 0.05 });
    await sandbox.fault({ mode: "5xx", rate: 0.02 });
    log(`faults on: 5 % timeout (processed, never answered), 2 % 5xx; gateway timeout ${GATEWAY_TIMEOUT_MS} ms; running ${SECONDS} s`);

    const submitted: Submitted[] = [];
    const requests: RequestLog[] = [];
    const started = Date.now();
    const end = started + SECONDS * 1000;
    let restarted: Promise<void> | null = null;
    let restartMs = 0;
    const killed = NODES - 1;
    /** Sales waiting for the gateway when the instance was killed (on any instance). */
    let inFlightAtKill: string[] = [];
    const restartTimer = setTimeout(() => {
      log(`killing app instance ${killed + 1} (SIGKILL) and starting it again`);
      const t0 = Date.now();
      // Read now (a Prisma query runs only once it is awaited or then'd), before the reconcilers close them.
      const snapshot = stack.db.transaction.findMany({ where: { status: "pending", gatewayDurationMs: null }, select: { id: true } }).then((rows) => rows.map((r) => r.id));
      restarted = stack.restartApp(killed).then(async () => {
        inFlightAtKill = await snapshot;
        restartMs = Date.now() - t0;
        log(`instance ${killed + 1} answering again after ${(restartMs / 1000).toFixed(1)} s`);
      });
    }, (SECONDS * 1000) / 2);

    let n = 0;
    await Promise.all(
      clients.map(async (client, c) => {
        while (Date.now() < end) {
          const i = n++;
          const gateway = GATEWAYS[(c + i) % GATEWAYS.length]!;
          const source = i % 2 === 0 ? "saved" : "new";
          const amount = approvingAmount(i);
          const input =
            source === "saved"
              ? savedCardSale({ ...cards[gateway]!, amount })
              : newCardSale({ accountId: `seed-${gateway}`, gateway, amount, save: i % 4 === 1 });
          const result = await submitWithRetry(client, action, input, requests);
          submitted.push({ key: input.idempotencyKey, gateway, source, ...result });
        }
      }),
    );
    clearTimeout(restartTimer);
    if (restarted) await restarted;
    else failures.push("the app was not restarted during the run");
    await sandbox.clearFaults();
    log(`load done: ${submitted.length} sales, ${requests.length} requests; waiting for the instances' reconcilers`);

    const rec = await waitForReconcilers(stack);
    const reconciledEvents = await stack.db.auditEvent.groupBy({ by: ["targetId"], where: { action: "payment.reconciled" }, _count: true });
    const reconciledTwice = reconciledEvents.filter((e) => e._count > 1).length;
    const calls = stack.logFiles.map(gatewayCallsByStart);
    const reconciledBy = calls.map((starts) => starts.map((lines) => new Set(lines.filter((l) => l.job === "reconcile").map((l) => l.transactionId))));
    // The killed instance's sales never logged their charge call (it died before the answer); sales on the others did, even a timeout.
    const charged = new Set(calls.flat(2).filter((l) => !l.job && (l.operation === "sale" || l.operation === "authorize")).map((l) => l.transactionId));
    const orphans = inFlightAtKill.filter((id) => !charged.has(id));
    const survivors = reconciledBy.filter((_, i) => i !== killed).flat();
    const orphansBySurvivors = orphans.filter((id) => survivors.some((set) => set.has(id))).length;
    const orphansByRestarted = orphans.filter((id) => reconciledBy[killed]?.slice(1).some((set) => set.has(id))).length;

    // --- invariants ---
    const keys = submitted.map((s) => s.key);
    const rows = await stack.db.transaction.findMany({
      where: { idempotencyKey: { in: keys } },
      select: { id: true, idempotencyKey: true, reference: true, status: true, errorKind: true, message: true, gatewayAccount: { select: { kind: true } } },
    });
    const byKey = new Map<string, typeof rows>();
    for (const r of rows) byKey.set(r.idempotencyKey, [...(byKey.get(r.idempotencyKey) ?? []), r]);
    const lost = submitted.filter((s) => {
      const found = byKey.get(s.key);
      return !found || found.length === 0 || !["approved", "declined", "error"].includes(found[0]!.status);
    });
    const duplicateKeys = [...byKey.values()].filter((r) => r.length > 1).length;
    const mismatchedAnswers = submitted.filter((s) => s.answer?.ok && byKey.get(s.key)?.[0]?.id !== s.answer.transactionId).length;

    const appByRef = new Map((await stack.db.transaction.findMany({ select: { reference: true, status: true, kind: true } })).map((t) => [t.reference, t]));
    let ledgerApproved = 0;
    let missing = 0;
    let notApproved = 0;
    let doubleCharged = 0;
    const approvedRefs = new Set<string>();
    for (const gateway of GATEWAYS) {
      const entries = (await sandbox.ledger(gateway)).filter((e) => e.kind === "sale" && e.status === "approved");
      const perRef = countBy(entries, (e) => e.reference ?? "(none)");
      for (const [ref, count] of Object.entries(perRef)) if (count > 1 || ref === "(none)") doubleCharged += ref === "(none)" ? count : count - 1;
      for (const e of entries) {
        ledgerApproved++;
        const app = e.reference ? appByRef.get(e.reference) : undefined;
        if (!app) missing++;
        else if (app.status !== "approved") notApproved++;
        if (e.reference) approvedRefs.add(e.reference);
      }
    }
    const appApprovedSales = [...appByRef.entries()].filter(([, t]) => t.kind === "sale" && t.status === "approved");
    const phantom = appApprovedSales.filter(([ref]) => !approvedRefs.has(ref)).length;
    const http500 = requests.filter((r) => r.status === 500).length;
    const unanswered = submitted.filter((s) => s.answer === null).length;
    const refused = submitted.filter((s) => s.answer && !s.answer.ok);

    const answered = requests.filter((r) => r.kind === "answered").map((r) => r.ms);
    const finalStatus = countBy(rows, (r) => (r.errorKind ? `${r.status} (${r.errorKind})` : r.status));
    const transport = countBy(
      requests.filter((r) => r.kind !== "answered"),
      (r) => r.kind,
    );

    say(
      `Soak on ${machineLine()}: ${CLERKS} clerks, ${SECONDS} s, BluePay + bePaid + Rover Pay, saved token and new card; sandbox 5 % timeout + 2 % 5xx, gateway timeout ${GATEWAY_TIMEOUT_MS} ms; ` +
        `${NODES} app instance${NODES === 1 ? "" : "s"} (separate processes, one process each, one PostgreSQL database) behind a round-robin balancer that polls /api/ready; ` +
        `instance ${killed + 1} killed (SIGKILL) and restarted at ${SECONDS / 2} s (${(restartMs / 1000).toFixed(1)} s to answer again); the reconcile job every ${RECONCILE_INTERVAL_MS / 1000} s, run by whichever instance takes it.`,
    );
    say("");
    say(`- sales submitted: ${submitted.length} (${Object.entries(countBy(submitted, (s) => `${s.gateway}/${s.source}`)).map(([k, v]) => `${k} ${v}`).join(", ")})`);
    say(`- requests: ${requests.length} (retries ${requests.length - submitted.length}); answered latency p50 ${ms(percentile(answered, 50))}, p95 ${ms(percentile(answered, 95))}`);
    say(`- request errors by kind: ${Object.keys(transport).length ? Object.entries(transport).map(([k, v]) => `${k} ${v}`).join(", ") : "none"}`);
    say(`- final transaction status: ${Object.entries(finalStatus).map(([k, v]) => `${k} ${v}`).join(", ")}`);
    const errorMessages = Object.entries(countBy(rows.filter((r) => r.status !== "approved"), (r) => `${r.gatewayAccount.kind}: ${(r.message ?? "").slice(0, 90)}`)).sort((a, b) => b[1] - a[1]);
    say(`- not approved, by message: ${errorMessages.length ? errorMessages.slice(0, 8).map(([k, v]) => `${k} ×${v}`).join("; ") : "none"}`);
    say(`- refused by the app: ${refused.length}${refused.length ? ` (${Object.entries(countBy(refused, (s) => (s.answer as { error: string }).error)).map(([k, v]) => `${k} ×${v}`).join("; ")})` : ""}; never answered: ${unanswered}`);
    say(`- requests by instance: ${stack.appUrls.map((u, i) => `${i + 1}: ${balancer.routed[u] ?? 0}`).join(", ")}; broken off (502 from the balancer: the kill cut them, the clerk retried): ${balancer.failed}`);
    say(
      `- reconciled by the instances: ${reconciledEvents.length} transactions (asked the gateway about: ${reconciledBy.map((starts, i) => `instance ${i + 1} ${starts.map((set) => set.size).join(" + ")}`).join(", ")}, counted per start); the last closed ${rec.seconds.toFixed(0)} s after the load; still open: ${rec.stillOpen}; reconciled twice: ${reconciledTwice}`,
    );
    say(`- sales left pending by the killed instance: ${orphans.length} (of ${inFlightAtKill.length} waiting for a gateway at the kill); reconciled by the surviving instance${NODES > 2 ? "s" : ""}: ${orphansBySurvivors}, by the restarted one: ${orphansByRestarted}`);
    const jobs = await stack.db.$queryRawUnsafe<{ state: string; runs: number; retried: number }[]>(
      `SELECT state, count(*)::int AS runs, count(*) FILTER (WHERE retry_count > 0)::int AS retried
       FROM (SELECT state, retry_count FROM pgboss.job WHERE name = 'reconcile' UNION ALL SELECT state, retry_count FROM pgboss.archive WHERE name = 'reconcile') AS j
       GROUP BY state ORDER BY state`,
    );
    say(
      `- jobs: reconcile runs by state ${jobs.map((j) => `${j.state} ${j.runs}${j.retried ? ` (${j.retried} retried)` : ""}`).join(", ")} — one queue for all instances, each run taken by one (SKIP LOCKED); 'reconciled twice' above is the exactly-once check on what they did`,
    );
    say(`- sandbox-approved sales: ${ledgerApproved}; missing in the app: ${missing}; in the app but not approved: ${notApproved}; approved in the app without a sandbox sale: ${phantom}`);
    say(`- lost = ${lost.length}, double = ${doubleCharged + duplicateKeys}, HTTP 500 = ${http500}, answers naming another transaction = ${mismatchedAnswers}`);

    if (lost.length) failures.push(`${lost.length} submitted sales have no final transaction`);
    if (doubleCharged) failures.push(`${doubleCharged} extra approved sandbox sales for one reference (double charge)`);
    if (duplicateKeys) failures.push(`${duplicateKeys} idempotency keys with more than one row`);
    if (missing || notApproved) failures.push(`${missing + notApproved} sandbox-approved sales are not approved in the app`);
    if (phantom) failures.push(`${phantom} sales approved in the app have no approved sandbox sale`);
    if (http500) failures.push(`${http500} requests answered HTTP 500`);
    if (unanswered) failures.push(`${unanswered} sales never got an answer`);
    if (refused.length) failures.push(`${refused.length} sales were refused by the app`);
    if (mismatchedAnswers) failures.push(`${mismatchedAnswers} answers named a transaction other than the key's`);
    if (rec.stillOpen) failures.push(`${rec.stillOpen} transactions still open after reconciliation`);
    if (reconciledTwice) failures.push(`${reconciledTwice} transactions reconciled more than once`);
  } finally {
    await balancer.close();
    await stack.stop();
  }
  say("");
  say(failures.length ? `FAILED: ${failures.join("; ")}` : "All invariants hold.");
  writeSection("Soak", lines.join("\n"));
  log("results written to BENCHMARKS.md (section Soak)");
  if (failures.length) process.exitCode = 1;
}

main().catch((err: Error) => {
  console.error(`soak: ${err.stack ?? err.message}`);
  process.exit(1);
});
