// The app's Prometheus metrics (prom-client) in the process's default registry. Each app process
// counts its own; when /api/metrics is scraped under lib/cli/serve.ts, the primary adds up all its
// workers' (./cluster.ts), and what is the database's rather than a process's — open transactions
// and their age — is read from the database at scrape time (./database.ts).
import { collectDefaultMetrics, Counter, Histogram, register, type Metric } from "prom-client";

// Next.js may load this module once per bundle layer: every copy shares the first one's metrics.
function once<T extends Metric>(name: string, make: (name: string) => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? make(name);
}

if (!register.getSingleMetric("process_cpu_seconds_total")) collectDefaultMetrics();

export const metrics = {
  httpDuration: once(
    "keyed_http_request_duration_seconds",
    (name) =>
      new Histogram({
        name,
        help: "HTTP requests the app served, by method, route (the app's route pattern) and status",
        labelNames: ["method", "route", "status"] as const,
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      }),
  ),
  gatewayDuration: once(
    "keyed_gateway_request_duration_seconds",
    (name) =>
      new Histogram({
        name,
        help: "HTTP calls to payment gateways, by gateway, operation and outcome (2xx…5xx, timeout, network)",
        labelNames: ["gateway", "operation", "outcome"] as const,
        buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30],
      }),
  ),
  payments: once(
    "keyed_payments_total",
    (name) =>
      new Counter({
        name,
        help: "Sales and follow-ups sent to gateways, by operation, gateway, account id and outcome (approved, declined, pending, error, unknown)",
        labelNames: ["operation", "gateway", "account", "outcome"] as const,
      }),
  ),
  webhookCallbacks: once(
    "keyed_webhook_callbacks_total",
    (name) =>
      new Counter({
        name,
        help: "Gateway callbacks received, by gateway and outcome (accepted; rejected: bad signature or credentials, unknown gateway, too large; blocked: source cut off)",
        labelNames: ["gateway", "outcome"] as const,
      }),
  ),
  reconcilerPasses: once("keyed_reconciler_passes_total", (name) => new Counter({ name, help: "Reconciler passes, by outcome (ok, failed)", labelNames: ["outcome"] as const })),
  reconcilerResolved: once("keyed_reconciler_resolved_total", (name) => new Counter({ name, help: "Open transactions the reconciler resolved" })),
  jobs: once("keyed_jobs_total", (name) => new Counter({ name, help: "Background jobs this process ran, by queue and outcome (completed, failed)", labelNames: ["queue", "outcome"] as const })),
};
