// The simulator's state: plain JSON data, persisted by the sandbox server.

export type CardClass = "success" | "3ds_success" | "3ds_fail" | "declined" | "insufficient";

/** What the simulator keeps about a card: never the PAN or CVV. */
export interface StoredCard {
  first6: string;
  last4: string;
  brand: string;
  holder: string;
  expMonth: string;
  expYear: string;
  cls: CardClass;
}

export interface FinalOutcome {
  status: string;
  resolution: string;
}

/** A decided outcome that becomes visible at `at` (ms epoch), or waits for a /_sim action. */
export interface Scheduled extends FinalOutcome {
  at: number | null;
  reason: "delay" | "slow_provider" | "3ds";
  rrn?: string;
  approvalCode?: string;
  token?: string;
}

export interface SimInvoice {
  id: string;
  account: string;
  referenceId: string;
  currency: string;
  amountMinor: number;
  service: string;
  testMode: boolean;
  description: string | null;
  customerRef: string | null;
  customerName: string | null;
  flow: string;
  tokenize: boolean;
  instant: boolean;
  usedToken: string | null;
  callbackUrl: string | null;
  metadata: Record<string, unknown>;
  status: string;
  resolution: string;
  created: number;
  updated: number;
  processed: number | null;
  rrn: string | null;
  approvalCode: string | null;
  refundedMinor: number;
  card: StoredCard | null;
  mintedToken: string | null;
  sid: string;
  bearer: string;
  paymentAttempted: boolean;
  scheduled: Scheduled | null;
  settled: boolean;
}

export interface SimRefund {
  id: string;
  account: string;
  invoiceId: string;
  referenceId: string;
  description: string | null;
  status: string;
  resolution: string;
  amountMinor: number;
  currency: string;
  created: number;
  settled: boolean;
}

export interface SimToken {
  token: string;
  account: string;
  customerRef: string;
  card: StoredCard;
}

export interface PaycoreState {
  config: { finalizeDelayMs: number; invoiceLifetimeMs: number };
  invoices: Record<string, SimInvoice>;
  refunds: Record<string, SimRefund>;
  tokens: Record<string, SimToken>;
}

export function initialState(): PaycoreState {
  return { config: { finalizeDelayMs: 300, invoiceLifetimeMs: 30 * 60_000 }, invoices: {}, refunds: {}, tokens: {} };
}
