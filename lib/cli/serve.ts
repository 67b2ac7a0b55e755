// `next start` in WEB_CONCURRENCY processes sharing one port (node:cluster), so the app uses every
// core: one Node.js process runs JavaScript on one core, and a sale's own work is CPU (BENCHMARKS.md).
// Workers are the ordinary Next.js CLI; a worker that dies is replaced. Usage: tsx lib/cli/serve.ts -p PORT [-H HOST]
// SIGTERM or SIGINT stops it gracefully (lib/shutdown.ts): the workers drain for SHUTDOWN_DRAIN_MS, then
// stop taking connections and finish what is in flight, for at most SHUTDOWN_TIMEOUT_MS; a second
// signal skips the drain.
import cluster from "node:cluster";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { log as logger } from "../log";
import { serveWorkerScrapes } from "../metrics/cluster";
import { shutdownTimings } from "../shutdown";

const log = (line: string) => logger.info({ component: "serve" }, line);

function workerCount(env: NodeJS.ProcessEnv = process.env): number {
  const asked = Number(env.WEB_CONCURRENCY);
  return Number.isInteger(asked) && asked > 0 ? asked : availableParallelism();
}

function main() {
  const count = workerCount();
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const preload = fileURLToPath(new URL("./serve-worker.cjs", import.meta.url));
  cluster.setupPrimary({ exec: nextBin, args: ["start", ...process.argv.slice(2)], execArgv: ["--require", preload] });

  let stopping = false;
  const started = new Map<number, number>();
  const fork = () => started.set(cluster.fork().id, Date.now());
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    // A worker that dies within seconds of starting (bad build, port taken) would die again: stop.
    if (Date.now() - (started.get(worker.id) ?? 0) < 10_000) {
      log(`worker ${worker.process.pid} exited at start (${signal ?? code}); stopping`);
      return shutdown(1, false);
    }
    log(`worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    fork();
  });

  const workers = () => Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
  let terminated = false;
  function terminate() {
    if (terminated) return;
    terminated = true;
    for (const w of workers()) w.process.kill("SIGTERM");
  }

  function shutdown(code = 0, drain = true) {
    if (stopping) return terminate();
    stopping = true;
    const { drainMs, timeoutMs } = shutdownTimings();
    cluster.on("exit", () => {
      if (workers().length === 0) process.exit(code);
    });
    if (workers().length === 0) process.exit(code);
    if (drain) log(`stopping: ${drainMs ? `not ready but serving for ${drainMs} ms (SHUTDOWN_DRAIN_MS), then ` : ""}no new connections, requests in flight get ${timeoutMs} ms (SHUTDOWN_TIMEOUT_MS)`);
    if (drain && drainMs > 0) {
      for (const w of workers()) if (w.isConnected()) w.send("keyed:drain");
      setTimeout(terminate, drainMs);
    } else terminate();
    setTimeout(() => {
      const busy = workers();
      log(`${busy.length} worker(s) still busy ${timeoutMs} ms after the drain (SHUTDOWN_TIMEOUT_MS); killing them`);
      for (const w of busy) w.process.kill("SIGKILL");
      process.exit(1);
    }, (drain ? drainMs : 0) + timeoutMs);
  }
  process.on("SIGTERM", () => shutdown());
  process.on("SIGINT", () => shutdown());

  serveWorkerScrapes();
  log(`${count} worker${count === 1 ? "" : "s"} (WEB_CONCURRENCY)`);
  for (let i = 0; i < count; i++) fork();
}

main();
