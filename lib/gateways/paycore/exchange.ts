// One HTTP exchange with PayCore, reduced to what the client decides on, with its redacted record.
import { send, TransportError, type HttpRequest } from "../http";
import { redact } from "../redact";

/** Keys redacted from stored payloads beyond redact()'s defaults (which cover card tokens and Card Gate bearers): 3DS blobs. */
export const PAYCORE_REDACT_KEYS = ["creq", "pareq", "md", "cres"] as const;

export const redactWire = (value: unknown): unknown => redact(value, PAYCORE_REDACT_KEYS);

export interface Exchange {
  /** Undefined when nothing came back (timeout, network). */
  status?: number;
  text: string;
  transport?: TransportError;
  durationMs: number;
  /** Redacted request / response, ready for GatewayResult.raw. */
  request: unknown;
  response: unknown;
}

export async function exchange(req: Omit<HttpRequest, "body"> & { body?: unknown }): Promise<Exchange> {
  const path = new URL(req.url).pathname + new URL(req.url).search;
  const request = redactWire({ method: req.method, path, body: req.body ?? null });
  try {
    const res = await send({ ...req, body: req.body === undefined ? undefined : JSON.stringify(req.body) });
    let body: unknown;
    try {
      body = JSON.parse(res.text);
    } catch {
      body = { unparseable: res.text.slice(0, 500) };
    }
    return { status: res.status, text: res.text, durationMs: res.durationMs, request, response: redactWire({ status: res.status, body }) };
  } catch (err) {
    if (!(err instanceof TransportError)) throw err;
    return { text: "", transport: err, durationMs: err.durationMs, request, response: { transport: err.failure } };
  }
}
