// Run by cluster.test.ts with tsx: a primary with two workers, each counting differently; the
// second scrapes the instance as /api/metrics would and the primary prints what it got.
import cluster from "node:cluster";
import { Counter } from "prom-client";
import { answerMetricsRequests, instanceMetrics, serveWorkerScrapes } from "./cluster";

if (cluster.isPrimary) {
  serveWorkerScrapes();
  const workers = [cluster.fork({ COUNT: "1" }), cluster.fork({ COUNT: "2" })];
  let ready = 0;
  cluster.on("message", (_worker, msg: { ready?: boolean; scrape?: string; error?: string }) => {
    if (msg.ready && ++ready === workers.length) workers[1]!.send({ scrapeNow: true });
    if (msg.scrape !== undefined || msg.error !== undefined) {
      process.stdout.write(msg.scrape ?? `error: ${msg.error}`);
      for (const w of workers) w.kill();
      process.exit(0);
    }
  });
} else {
  new Counter({ name: "fixture_sales_total", help: "sales" }).inc(Number(process.env.COUNT));
  answerMetricsRequests();
  process.on("message", (msg: { scrapeNow?: boolean }) => {
    if (msg.scrapeNow) instanceMetrics().then((scrape) => process.send!({ scrape }), (err: Error) => process.send!({ error: err.message }));
  });
  process.send!({ ready: true });
}
