// The gateway sandbox's control API (sandbox/app.ts), for specs that settle batches or inject faults.
import type { CaughtMail } from "../../sandbox/mail";
import { SANDBOX_URL } from "./env";

async function control<T>(method: "GET" | "POST" | "DELETE", path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${SANDBOX_URL}/_sandbox/${path}`, {
    method,
    headers: body ? { "content-type": "application/json" } : undefined,
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`sandbox ${method} /_sandbox/${path} answered ${res.status}`);
  return (await res.json()) as T;
}

export type Gateway = "bluepay" | "bepaid" | "roverpay" | "paycore";

export interface FaultRule {
  gateway?: Gateway;
  account?: string;
  pathIncludes?: string;
  mode: "latency" | "timeout" | "timeout-before" | "5xx" | "malformed";
  latencyMs?: number;
  count?: number;
  rate?: number;
}

export const sandbox = {
  /** Settles open batches (all gateways, or one). Returns how many transactions settled per gateway. */
  settle: (gateway?: Gateway) => control<{ settled: Record<string, number> }>("POST", "settle", gateway ? { gateway } : {}),
  addFault: (rule: FaultRule) => control<FaultRule & { id: number }>("POST", "faults", rule),
  clearFaults: () => control<{ ok: true }>("DELETE", "faults"),
  setLatency: (ms: number) => control<{ baseLatencyMs: number }>("POST", "latency", { ms }),
  /** What the simulated gateway recorded, newest last. */
  ledger: <E = Record<string, unknown>>(gateway: Gateway) => control<{ entries: E[] }>("GET", `ledger/${gateway}`),
  /** The mail the app sent through the sandbox's catcher, newest first. */
  mail: () => control<{ messages: CaughtMail[] }>("GET", "mail.json").then((r) => r.messages),
  /** Makes the catcher refuse (550) the next messages, or accept them again (null). */
  mailFault: (mode: "refuse" | null) => control<{ fault: string | null }>("POST", "mail/fault", { mode }),
  /** Forgets every simulated transaction and fault. */
  reset: () => control<{ ok: true }>("POST", "reset"),
};
