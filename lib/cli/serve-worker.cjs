// Preloaded into every `lib/cli/serve.ts` worker: a worker whose primary is gone (crashed, killed)
// has no listening socket left, so it exits instead of lingering with open database connections.
process.on("disconnect", () => process.exit(0));

/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload (node --require) has no import */
const http = require("node:http");
const { AsyncLocalStorage } = require("node:async_hooks");
const { randomUUID } = require("node:crypto");
/* eslint-enable @typescript-eslint/no-require-imports */

// Each request is measured here, where Node hands it to Next.js, rather than in proxy.ts: the proxy
// runs before the route and never sees the status or how long the response took, and its matcher
// skips server actions and static files. Here every request is seen from arrival to its last byte.
// The line itself is written by the app (lib/request-log.ts, installed by instrumentation.ts), with
// the app's one logger and its redaction; this file is not bundled and cannot import it.
const LOG_CONTEXT = Symbol.for("keyed.logContext");
const REQUEST_SERVED = Symbol.for("keyed.requestServed");
const context = (globalThis[LOG_CONTEXT] ??= new AsyncLocalStorage());

// Graceful shutdown (lib/shutdown.ts). Draining starts with the primary's message (before it sends
// SIGTERM) or with a SIGTERM/SIGINT sent here directly; from then on /api/ready answers 503 and every
// response closes its connection, so keep-alive clients reconnect to another instance. Next.js's own
// SIGTERM handler closes the listener and waits for the requests in flight, but Node keeps a busy
// keep-alive connection open after its response and serves the next request on it: once closing,
// each connection is closed as soon as its response ends.
const shutdown = (globalThis[Symbol.for("keyed.shutdown")] ??= { drainingSince: null, onDrain: [] });
let closing = false;
const servers = new Set();
const inFlight = new Set();
const drain = () => {
  if (shutdown.drainingSince !== null) return;
  shutdown.drainingSince = Date.now();
  // The app's own (lib/shutdown.ts onDrain): the job queue stops taking jobs.
  for (const listener of shutdown.onDrain ?? []) listener();
};
process.on("message", (message) => message === "keyed:drain" && drain());
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    // Before Next.js has started listening it has no handler of its own yet: nothing to wait for.
    if (process.listenerCount(signal) === 1) process.exit(signal === "SIGTERM" ? 143 : 130);
    drain();
    closing = true;
    for (const res of inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
    for (const server of servers) server.closeIdleConnections();
    // A socket Node does not count as idle but that carries no request (seen: a browser's spare
    // connection) would hold Next.js's server.close() until the primary's SHUTDOWN_TIMEOUT_MS kill:
    // once no response is in flight, every connection left is closed.
    setInterval(() => {
      if (inFlight.size === 0) for (const server of servers) server.closeAllConnections();
    }, 250).unref();
  });
}

// An id a proxy or load balancer sent is kept, so one id follows the request through both logs; one
// that is not a plain token (too long, odd characters, a header injection) is replaced.
const WELL_FORMED_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,99}$/;

const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, req, res, ...rest) {
  if (event !== "request" || !req || !req.headers || !res) return emit.call(this, event, req, res, ...rest);
  // The connection's address, for lib/client-ip.ts, in a header no client can set: Next.js hands route
  // handlers and server actions the request's headers, not its socket. Any value the client sent is
  // overwritten.
  req.headers["x-keyed-peer"] = (req.socket && req.socket.remoteAddress) || "";
  const sent = req.headers["x-request-id"];
  const requestId = typeof sent === "string" && WELL_FORMED_ID.test(sent) ? sent : randomUUID();
  req.headers["x-request-id"] = requestId;
  res.setHeader("X-Request-Id", requestId);
  const started = process.hrtime.bigint();
  const store = { requestId };
  servers.add(this);
  inFlight.add(res);
  if (shutdown.drainingSince !== null) res.shouldKeepAlive = false;
  res.once("finish", () => closing && setImmediate(() => this.closeIdleConnections()));
  res.once("close", () => {
    inFlight.delete(res);
    const served = globalThis[REQUEST_SERVED];
    if (typeof served !== "function") return;
    served({
      method: req.method,
      url: req.url,
      action: Boolean(req.headers["next-action"]),
      prefetch: Boolean(req.headers["next-router-prefetch"]),
      status: res.statusCode,
      completed: res.writableFinished,
      durationMs: Number(process.hrtime.bigint() - started) / 1e6,
      context: store,
    });
  });
  return context.run(store, () => emit.call(this, event, req, res, ...rest));
};
