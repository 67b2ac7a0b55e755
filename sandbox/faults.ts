// Fault injection, applied by the server around every simulator call, so no simulator has to.
//
// A fault rule matches a gateway (and optionally one account) and says what goes wrong:
// - latency:   answer normally after `latencyMs`
// - timeout:   process the request (money moves!) and never answer — the dangerous unknown outcome
// - timeout-before: never answer and do not process
// - 5xx:       answer 503 without processing
// - malformed: process, then answer a truncated / garbled body
// Rules fire for the next `count` matching requests, or with probability `rate` (0..1) for soak runs.

export type FaultMode = "latency" | "timeout" | "timeout-before" | "5xx" | "malformed";

export interface FaultRule {
  id: number;
  gateway?: string;
  account?: string;
  /** Only requests whose path contains this string, e.g. "refund". */
  pathIncludes?: string;
  mode: FaultMode;
  latencyMs?: number;
  count?: number;
  rate?: number;
}

export class FaultTable {
  private rules: FaultRule[] = [];
  private nextId = 1;
  /** Extra latency for every request, in ms (the benchmark's "gateway wait"). */
  baseLatencyMs = 0;

  add(rule: Omit<FaultRule, "id">): FaultRule {
    const r = { ...rule, id: this.nextId++ };
    this.rules.push(r);
    return r;
  }

  clear(): void {
    this.rules = [];
    this.baseLatencyMs = 0;
  }

  list(): FaultRule[] {
    return [...this.rules];
  }

  /** Picks the fault for one request, consuming a counted rule. */
  pick(gateway: string, account: string | undefined, path: string, random: () => number = Math.random): FaultRule | undefined {
    for (const r of this.rules) {
      if (r.gateway && r.gateway !== gateway) continue;
      if (r.account && r.account !== account) continue;
      if (r.pathIncludes && !path.toLowerCase().includes(r.pathIncludes.toLowerCase())) continue;
      if (r.count !== undefined) {
        if (r.count <= 0) continue;
        r.count -= 1;
        if (r.count === 0) this.rules = this.rules.filter((x) => x !== r);
        return r;
      }
      if (r.rate !== undefined && random() < r.rate) return r;
      if (r.rate === undefined) return r;
    }
    return undefined;
  }
}

/** A body that is not what any client can parse: cut in half and garbled. */
export function garble(body: string): string {
  const half = body.slice(0, Math.max(1, Math.floor(body.length / 2)));
  return `${half}\u0000<<truncated`;
}
