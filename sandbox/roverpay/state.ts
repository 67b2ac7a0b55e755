// Simulator state (spec §10.1 PROPOSED): plain JSON, persisted by the sandbox server.

export type TxnStatus =
  | "authorized"
  | "captured"
  | "settled"
  | "voided"
  | "partially_refunded"
  | "refunded"
  | "declined"
  | "tokenized"
  | "finalized";

/** ccvRec attr 39 per endpoint (spec §4.2). */
export type VaultAction = "TOKEN-NEW" | "TOKEN-AVS" | "TOKEN-SALE" | "TOKEN-RETURN" | "CC-COMPLETE" | "CC-AUTH-MANUAL" | "CC-SALE-MANUAL";

/** What the vault keeps about a card. Never the full PAN: only what tests and replies need. */
export interface CardFacts {
  masked: string;
  last4: string;
  cardType: string;
  cardDesc: string;
  expiry: string;
  name: string;
  /** Test-card rule (T9 / T10) as an error code, if the card has one. */
  declineCode?: string;
  /** CVV result the device reports for this card (M, or N for the CVV-mismatch test card). */
  cvv: string;
}

export interface VaultEntry extends CardFacts {
  entity: string;
  token: string;
  /** AVS result from tokenization, echoed on token transactions (the address on file). */
  avs: string;
}

export interface Txn {
  id: string;
  entity: string;
  store: string;
  reg: string;
  date: string;
  tran: string;
  seq: number;
  invoice: string;
  action: VaultAction;
  /** attr 11: P, A, V. */
  source: string;
  /** Signed cents as on the wire (refunds negative). */
  amount: number;
  refunded: number;
  status: TxnStatus;
  approved: boolean;
  errorCode: string;
  message: string;
  batch: number;
  settled: boolean;
  token: string;
  card: CardFacts;
  auth: string;
  reference: string;
  avs: string;
  cvv: string;
  parentId: string;
  createdAt: string;
}

export interface RoverState {
  /** Last seq per store*date*reg*tran. */
  seqs: Record<string, number>;
  txns: Record<string, Txn>;
  /** Insertion order of txns (ids), oldest first. */
  order: string[];
  vault: Record<string, VaultEntry>;
  /** Open batch number per entity*store (start at 200, spec §9). */
  batches: Record<string, number>;
  /** §5.1 rule 2: "next card" per entity*reg, as "pan;MMYY". Consumed by the next capture. */
  nextCard: Record<string, string>;
  counter: number;
  /** §8 PROPOSED option: AVS `N` declines (AVS01). */
  avsDeclineOnMismatch: boolean;
}

export function initialState(): RoverState {
  return { seqs: {}, txns: {}, order: [], vault: {}, batches: {}, nextCard: {}, counter: 0, avsDeclineOnMismatch: false };
}

/** MultiValue internal date: days since 1967-12-31 (spec §3.3), from the local calendar date. */
export function mvDate(d: Date): string {
  const utc = Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
  return String(Math.round((utc - Date.UTC(1967, 11, 31)) / 86_400_000));
}

export function dayOfYear(d: Date): number {
  return Math.round((Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) - Date.UTC(d.getFullYear(), 0, 0)) / 86_400_000);
}

export function secondsOfDay(d: Date): string {
  return String(d.getHours() * 3600 + d.getMinutes() * 60 + d.getSeconds());
}

export function openBatch(state: RoverState, entity: string, store: string): number {
  const key = `${entity}*${store}`;
  return (state.batches[key] ??= 200);
}
