// Simulator state: plain JSON (the sandbox persists it to a file). Settings make every spec
// GUESS / [SIM] behaviour switchable; tests may change them on `sandbox.state.bepaid.settings`.

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type TxType = "payment" | "authorization" | "tokenization" | "capture" | "void" | "refund";
export type TxStatus = "successful" | "failed" | "incomplete";

export interface SimSettings {
  /** §7.4 duplicate-check window (default 30 s; shorten in tests). */
  duplicateWindowMs: number;
  /** §8 / Q6 [GUESS]: void of an unsettled payment is rejected unless this is on. */
  allowPaymentVoid: boolean;
  /** §6.2 / Q2: wrapped `{"response":{…}}` (default) or flat `{message, errors}` error bodies. */
  errorEnvelope: "wrapped" | "flat";
  /** §7.2 [SIM] simulator-only rule: an amount whose last two digits are 51 is declined "Insufficient funds". */
  declineAmountsEnding51: boolean;
  /** §5 [SIM] AVS / CVC codes that turn a result into `failed`. */
  rejectAvs: string[];
  rejectCvc: string[];
  /** §3.0 / Q10 [GUESS]: billing address and customer fields required (default not). */
  requireBilling: boolean;
  /** §7.1 / Q11 [GUESS]: with test:true, reject PANs not on the test-card list (E.1015). */
  strictTestCards: boolean;
}

export const DEFAULT_SETTINGS: SimSettings = {
  duplicateWindowMs: 30_000,
  allowPaymentVoid: false,
  errorEnvelope: "wrapped",
  declineAmountsEnding51: true,
  rejectAvs: [],
  rejectCvc: [],
  requireBilling: false,
  strictTestCards: false,
};

export interface StoredTx {
  uid: string;
  shopId: string;
  type: TxType;
  status: TxStatus;
  amount: number;
  currency: string;
  trackingId: string | null;
  parentUid: string | null;
  createdAt: string;
  settledAt: string | null;
  /** Our own totals for lifecycle rules: the parent's status never changes (spec §8, Q15). */
  capturedAmount: number;
  refundedAmount: number;
  voided: boolean;
  /** The transaction body as returned at creation; `settled_at` is filled in when rendered. */
  view: JsonObject;
}

/** A saved card behind a token. The PAN itself is never stored, only what the simulator needs. */
export interface CardRecord {
  token: string;
  shopId: string;
  stamp: string;
  brand: string;
  bin: string;
  last4: string;
  holder: string;
  expMonth: number;
  expYear: number;
  declines: boolean;
}

export interface BepaidState {
  settings: SimSettings;
  transactions: Record<string, StoredTx>;
  /** UIDs in creation order. */
  order: string[];
  cards: Record<string, CardRecord>;
  /** Duplicate-check keys of recent validated requests. */
  recent: { key: string; at: number }[];
}

export function initialState(): BepaidState {
  return { settings: { ...DEFAULT_SETTINGS, rejectAvs: [], rejectCvc: [] }, transactions: {}, order: [], cards: {}, recent: [] };
}

/** Fills in anything missing from a state file written by an older simulator version (in place). */
export function upgradeState(state: Partial<BepaidState>): BepaidState {
  const fresh = initialState();
  state.settings = { ...fresh.settings, ...state.settings };
  state.transactions ??= {};
  state.order ??= [];
  state.cards ??= {};
  state.recent ??= [];
  return state as BepaidState;
}
