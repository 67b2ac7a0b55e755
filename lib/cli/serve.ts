// `next start` in WEB_CONCURRENCY processes sharing one port (node:cluster), so the app uses every
// core: one Node.js process runs JavaScript on one core, and a sale's own work is CPU (BENCHMARKS.md).
// Workers are the ordinary Next.js CLI; a worker that dies is replaced. Usage: tsx lib/cli/serve.ts -p PORT [-H HOST]
import cluster from "node:cluster";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";

const log = (line: string) => console.log(`[serve] ${line}`);

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
      return shutdown(1);
    }
    log(`worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    fork();
  });

  function shutdown(code = 0) {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {});
    for (const w of workers) w?.process.kill("SIGTERM");
    const force = setTimeout(() => process.exit(code), 10_000);
    force.unref();
    cluster.on("exit", () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(code);
    });
    if (workers.length === 0) process.exit(code);
  }
  process.on("SIGTERM", () => shutdown());
  process.on("SIGINT", () => shutdown());

  log(`${count} worker${count === 1 ? "" : "s"} (WEB_CONCURRENCY)`);
  for (let i = 0; i < count; i++) fork();
}

main();
