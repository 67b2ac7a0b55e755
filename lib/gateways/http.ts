// The one way clients talk HTTP: fetch with a hard per-call timeout and no retries.
// A failure here is reported as a transport failure; the client turns it into an unknown outcome.

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
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), req.timeoutMs);
  try {
    const res = await fetch(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      redirect: req.redirect ?? "follow",
      signal: controller.signal,
      cache: "no-store",
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, durationMs: performance.now() - started };
  } catch {
    const durationMs = performance.now() - started;
    if (controller.signal.aborted) {
      throw new TransportError("timeout", `The gateway did not answer within ${Math.round(req.timeoutMs / 1000)} s`, durationMs);
    }
    throw new TransportError("network", "The gateway could not be reached", durationMs);
  } finally {
    clearTimeout(timer);
  }
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, "utf8").toString("base64")}`;
}
