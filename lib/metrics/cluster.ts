// One instance's metrics across its WEB_CONCURRENCY processes (lib/cli/serve.ts, node:cluster). A
// scrape reaches one worker, which only knows its own counts, so it asks the primary, which collects
// every worker's metrics over the cluster's IPC channel and adds them up with prom-client's
// aggregation (counters and histograms summed; a gauge as it declares). Outside a cluster (next dev,
// tests) the process's own registry is the answer.
import cluster, { type Worker } from "node:cluster";
import { AggregatorRegistry, Gauge, register, type Registry } from "prom-client";

const COLLECT = "keyed:metrics:collect";
const LOCAL = "keyed:metrics:local";
const SCRAPE = "keyed:metrics:scrape";
const SCRAPED = "keyed:metrics:scraped";
const WORKER_TIMEOUT_MS = 2_000;

type ProcessMetrics = Awaited<ReturnType<Registry["getMetricsAsJSON"]>>;

interface Message {
  type?: string;
  id?: number;
  metrics?: ProcessMetrics;
  text?: string;
  error?: string;
}

let nextId = 0;
const globalForCluster = globalThis as unknown as { keyedMetricsAnswering?: boolean };

/** In a worker: answers the primary's requests for this process's metrics. Once per process. */
export function answerMetricsRequests(): void {
  if (!cluster.isWorker || !process.send || globalForCluster.keyedMetricsAnswering) return;
  globalForCluster.keyedMetricsAnswering = true;
  process.on("message", (msg: Message) => {
    if (msg?.type !== COLLECT) return;
    void register.getMetricsAsJSON().then((metrics) => process.send?.({ type: LOCAL, id: msg.id, metrics }));
  });
}

/** The instance's metrics: every worker's added up when this is a worker of serve.ts, else this process's. */
export function instanceMetrics(timeoutMs = WORKER_TIMEOUT_MS * 2): Promise<string> {
  if (!cluster.isWorker || !process.send) return register.metrics();
  const id = ++nextId;
  return new Promise((resolve, reject) => {
    const onMessage = (msg: Message) => {
      if (msg?.type !== SCRAPED || msg.id !== id) return;
      done();
      if (msg.error !== undefined) reject(new Error(msg.error));
      else resolve(msg.text ?? "");
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error("the cluster's primary did not send the metrics in time"));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      process.off("message", onMessage);
    };
    process.on("message", onMessage);
    process.send!({ type: SCRAPE, id });
  });
}

/** One worker's metrics, or undefined when it does not answer in time (starting, stuck, exiting). */
function collectFrom(worker: Worker, id: number): Promise<ProcessMetrics | undefined> {
  return new Promise((resolve) => {
    const onMessage = (msg: Message) => {
      if (msg?.type !== LOCAL || msg.id !== id) return;
      done();
      resolve(msg.metrics);
    };
    const timer = setTimeout(() => {
      done();
      resolve(undefined);
    }, WORKER_TIMEOUT_MS);
    const done = () => {
      clearTimeout(timer);
      worker.off("message", onMessage);
    };
    worker.on("message", onMessage);
    worker.send({ type: COLLECT, id });
  });
}

export async function aggregateWorkers(): Promise<string> {
  const id = ++nextId;
  const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => Boolean(w?.isConnected()));
  const answers = await Promise.all(workers.map((w) => collectFrom(w, id)));
  const answered = answers.filter((a): a is ProcessMetrics => a !== undefined);
  const registry = AggregatorRegistry.aggregate(answered);
  // Sums over fewer workers than run would read as a drop: say how many took part.
  const reporting = new Gauge({ name: "keyed_metrics_processes", help: "App processes whose metrics this scrape adds up, by whether they answered", labelNames: ["answered"] as const, registers: [registry] });
  reporting.set({ answered: "yes" }, answered.length);
  reporting.set({ answered: "no" }, workers.length - answered.length);
  return registry.metrics();
}

/** In serve.ts's primary: answers the workers' scrape requests with every worker's metrics added up. */
export function serveWorkerScrapes(): void {
  cluster.on("message", (worker, msg: Message) => {
    if (msg?.type !== SCRAPE) return;
    aggregateWorkers().then(
      (text) => worker.isConnected() && worker.send({ type: SCRAPED, id: msg.id, text }),
      (err: Error) => worker.isConnected() && worker.send({ type: SCRAPED, id: msg.id, error: err.message }),
    );
  });
}
