// Simulator state: plain JSON (persisted by the sandbox server).

export type TxnType = "SALE" | "AUTH" | "CAPTURE" | "REFUND" | "VOID" | "CREDIT";

export interface SimTxn {
  id: string;
  accountId: string;
  type: TxnType;
  mode: "TEST" | "LIVE";
  origin: "bp10emu" | "bp20post";
  status: "1" | "0";
  message: string;
  amountCents: number;
  authCode: string;
  avs: string;
  cvv2: string;
  /** Full card number: kept only inside the sandbox so RRNO / MASTER_ID token re-use can copy it. */
  pan: string;
  expiry: string;
  cardType: string;
  name1: string;
  name2: string;
  addr1: string;
  addr2: string;
  city: string;
  state: string;
  zip: string;
  country: string;
  email: string;
  phone: string;
  orderId: string;
  invoiceId: string;
  customId: string;
  customId2: string;
  memo: string;
  masterId: string;
  issueDate: string;
  settleDate: string;
  settlementId: string;
  voided: boolean;
  captured: boolean;
  refundedCents: number;
}

export interface BluepayState {
  nextId: number;
  nextBatch: number;
  txns: SimTxn[];
}

export function initialState(): BluepayState {
  return { nextId: 100000000001, nextBatch: 300000000001, txns: [] };
}
