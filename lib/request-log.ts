// One log line and one duration observation per HTTP request the app serves. The request is
// measured by lib/cli/serve-worker.cjs, where Node hands it to Next.js, which calls the hook
// installed here (from instrumentation.ts) when the response has ended.
import { log } from "./log";
import type { LogContext } from "./log-context";
import { metrics } from "./metrics";
import { loadRoutes, routePattern } from "./route-pattern";

export interface ServedRequest {
  method?: string;
  url?: string;
  /** A server action posted by the app's own router. */
  action: boolean;
  /** The router fetching a linked page ahead of a click: it renders no user-specific part, so names no user. */
  prefetch: boolean;
  status: number;
  /** False when the client went away before the response was complete: logged as 499, as nginx does. */
  completed: boolean;
  durationMs: number;
  context: LogContext;
}

/** Probes and static files would drown the other lines: logged at debug (LOG_LEVEL=debug shows them). */
const QUIET_ROUTES = new Set(["/api/health", "/api/ready", "/api/metrics", "/_next/static", "/favicon.ico", "/icon.svg"]);

const REQUEST_SERVED = Symbol.for("keyed.requestServed");

export function installRequestLog(): void {
  const routes = loadRoutes();
  (globalThis as Record<symbol, unknown>)[REQUEST_SERVED] = (served: ServedRequest) => {
    const method = served.method ?? "GET";
    const path = (served.url ?? "/").split("?")[0]!;
    const route = routePattern(routes, path);
    const status = served.completed ? served.status : 499;
    metrics.httpDuration.observe({ method, route, status: String(status) }, served.durationMs / 1000);
    const line = {
      ...served.context,
      event: "request",
      method,
      route,
      path,
      ...(served.action ? { action: true } : {}),
      ...(served.prefetch ? { prefetch: true } : {}),
      status,
      durationMs: Math.round(served.durationMs * 10) / 10,
    };
    const message = `${method} ${path} ${status}`;
    if (status >= 500) log.error(line, message);
    else if (QUIET_ROUTES.has(route)) log.debug(line, message);
    else log.info(line, message);
  };
}
