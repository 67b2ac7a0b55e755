// What each gateway simulator plugs into the sandbox server with.

export interface SimRequest {
  method: string;
  /** Path below the gateway's prefix, e.g. "/interfaces/bp10emu" for /bluepay/interfaces/bp10emu. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  rawBody: string;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

/** Helpers the sandbox hands to every simulator. */
export interface SimContext {
  /** Absolute base URL of this gateway's prefix, e.g. "http://127.0.0.1:4010/paycore". */
  baseUrl: string;
  /** Marks state as changed so it is written to the state file (when persistence is on). */
  changed(): void;
  /** Deliver an asynchronous callback (PayCore) after `delayMs`; failures are retried a few times. */
  sendCallback(url: string, init: { headers: Record<string, string>; body: string }, delayMs?: number): void;
  now(): Date;
}

export interface Simulator<State = unknown> {
  /** URL prefix, e.g. "bluepay". */
  readonly name: string;
  initialState(): State;
  handle(req: SimRequest, state: State, ctx: SimContext): Promise<SimResponse> | SimResponse;
  /** Close the batch: every approved, unsettled transaction becomes settled. Returns how many settled. */
  settle(state: State, ctx: SimContext): number;
  /**
   * Identifies the merchant account a request belongs to (for per-account fault injection):
   * BluePay ACCOUNT_ID, bePaid shop id, Rover Pay entity, PayCore commerce account id.
   */
  accountOf?(req: SimRequest): string | undefined;
  /** Every money-moving transaction the simulator holds, for tests and the soak check. */
  ledger(state: State): LedgerEntry[];
}

export interface LedgerEntry {
  gatewayTransactionId: string;
  /** The merchant's reference / tracking id / order id as the client sent it. */
  reference?: string;
  kind: "sale" | "auth" | "capture" | "void" | "refund" | "tokenize";
  status: "approved" | "declined" | "error" | "pending";
  amount: number;
  currency?: string;
  settled: boolean;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) };
}
