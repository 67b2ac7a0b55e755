// The one way clients talk HTTP: one request with a hard per-call timeout and no retries.
// A failure here is reported as a transport failure; the client turns it into an unknown outcome.
// Each call writes one log line and one latency observation (never a body: bodies carry card data).
import http from "node:http";
import https from "node:https";
import { log } from "../log";
import { logContext } from "../log-context";
import { metrics } from "../metrics";

export interface HttpRequest {
  url: string;
  method: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** bp10emu answers with a 302 whose Location carries the result: do not follow it. */
  redirect?: "follow" | "manual";
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
  durationMs: number;
}

export type TransportFailure = "timeout" | "network";

export class TransportError extends Error {
  constructor(
    readonly failure: TransportFailure,
    message: string,
    readonly durationMs: number,
  ) {
    super(message);
    this.name = "TransportError";
  }
}

export async function send(req: HttpRequest): Promise<HttpResponse> {
  const started = performance.now();
  const deadline = started + req.timeoutMs;
  try {
    let current = { url: new URL(req.url), method: req.method, body: req.body };
    for (let hop = 0; ; hop++) {
      const res = await exchange(current, req.headers, deadline);
      const location = res.headers.get("location");
      if ((req.redirect ?? "follow") === "manual" || !location || res.status < 300 || res.status >= 400 || hop === MAX_REDIRECTS) {
        const durationMs = performance.now() - started;
        observe(req, `${Math.floor(res.status / 100)}xx`, durationMs, res.status);
        return { ...res, durationMs };
      }
      // As fetch does: 307/308 repeat the request, other redirects become a GET without a body.
      const keep = res.status === 307 || res.status === 308;
      current = { url: new URL(location, current.url), method: keep ? current.method : "GET", body: keep ? current.body : undefined };
    }
  } catch (err) {
    const durationMs = performance.now() - started;
    observe(req, err instanceof TimeoutError ? "timeout" : "network", durationMs);
    if (err instanceof TimeoutError) throw new TransportError("timeout", `The gateway did not answer within ${Math.round(req.timeoutMs / 1000)} s`, durationMs);
    throw new TransportError("network", "The gateway could not be reached", durationMs);
  }
}

const MAX_REDIRECTS = 5;

/** The gateway, account, operation and transaction come from the call's log context (lib/gateways/observed.ts). */
function observe(req: HttpRequest, outcome: string, durationMs: number, status?: number): void {
  const { gateway = "unknown", operation = "unknown" } = logContext() ?? {};
  metrics.gatewayDuration.observe({ gateway, operation, outcome }, durationMs / 1000);
  let target: URL | undefined;
  try {
    target = new URL(req.url);
  } catch {
    /* a malformed URL fails as a network error; there is no host to name */
  }
  const line = { event: "gateway_call", method: req.method, host: target?.host, path: target?.pathname, status, outcome, durationMs: Math.round(durationMs) };
  if (outcome === "timeout" || outcome === "network" || outcome === "5xx") log.warn(line, "gateway call failed");
  else log.info(line, "gateway call");
}

/**
 * Kept-alive connections per gateway host, as fetch's pool would: no TCP (and TLS) handshake per
 * payment. An idle connection is dropped before the gateway drops it: a request written onto a
 * connection the gateway is closing is reset, and for a payment that reset is an unknown outcome.
 * Node's agent honours a `Keep-Alive: timeout=N` hint (closing a second early) only when it has an
 * idle timeout of its own; 4 s is fetch's (undici's) default for gateways that give no hint.
 */
const IDLE_MS = 4_000;
const agents = {
  "http:": new http.Agent({ keepAlive: true, timeout: IDLE_MS }),
  "https:": new https.Agent({ keepAlive: true, timeout: IDLE_MS }),
};

class TimeoutError extends Error {}

/**
 * One HTTP exchange with node:http rather than fetch: inside Next.js, fetch is Next's instrumented
 * fetch over undici, which costs more CPU per call than the whole rest of a sale's own work (measured,
 * BENCHMARKS.md). Rejects with TimeoutError once `deadline` passes, whatever stage it is in.
 */
function exchange(
  target: { url: URL; method: string; body?: string },
  headers: Record<string, string> | undefined,
  deadline: number,
): Promise<{ status: number; headers: Headers; text: string }> {
  return new Promise((resolve, reject) => {
    const transport = target.url.protocol === "https:" ? https : http;
    const agent = agents[target.url.protocol as keyof typeof agents];
    if (!agent) return reject(new Error(`unsupported protocol ${target.url.protocol}`));
    const body = target.body === undefined ? undefined : Buffer.from(target.body, "utf8");
    const request = transport.request(target.url, {
      method: target.method,
      agent,
      headers: { ...headers, ...(body ? { "content-length": String(body.length) } : {}) },
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      request.destroy(new TimeoutError());
    }, Math.max(0, deadline - performance.now()));
    const fail = (err: Error) => {
      clearTimeout(timer);
      reject(timedOut ? new TimeoutError() : err);
    };
    request.on("error", fail);
    request.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", fail);
      res.on("aborted", () => fail(new Error("the gateway closed the connection mid-answer")));
      res.on("end", () => {
        clearTimeout(timer);
        const out = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          if (value === undefined) continue;
          for (const v of Array.isArray(value) ? value : [value]) out.append(name, v);
        }
        resolve({ status: res.statusCode ?? 0, headers: out, text: Buffer.concat(chunks).toString("utf8") });
      });
    });
    request.end(body);
  });
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, "utf8").toString("base64")}`;
}
