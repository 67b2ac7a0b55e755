// The CCV record (spec §4): base64 of a MultiValue record, attributes separated by the attribute
// mark 0xFE, multi-values inside an attribute by the value mark 0xFD, decoded as Latin-1.
import { CCV_ATTR_AVS, CCV_ATTR_CVV, CCV_ATTR_INVOICE } from "./spec-guesses";

const ATTRIBUTE_MARK = "\u00fe";
const VALUE_MARK = "\u00fd";
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Attribute numbers (1-based) from the integrator manual's DISPLAY.RESULTS listing (§4.1). */
export const CCV = {
  account: 1,
  expiry: 2,
  name: 3,
  authCode: 4,
  reference: 5,
  msrType: 7,
  cardType: 8,
  cardDesc: 9,
  source: 11,
  message: 13,
  reqId: 19,
  batch: 20,
  amount: 31,
  postingStatus: 32,
  vaultAction: 39,
  token: 40,
  vaultFile: 41,
  originalReqId: 47,
  avsResult: CCV_ATTR_AVS,
  cvvResult: CCV_ATTR_CVV,
  invoice: CCV_ATTR_INVOICE,
} as const;

export type CcvField = keyof typeof CCV;

export interface CcvRecord {
  /** Attribute n is at index n - 1. */
  attributes: string[];
  get(field: CcvField): string;
}

/** Decodes a ccvRec; null when it is not valid base64 (a corrupted reply). Empty input → empty record. */
export function decodeCcvRec(encoded: string): CcvRecord | null {
  const compact = encoded.replace(/\s+/g, "");
  if (!BASE64.test(compact) || compact.length % 4 !== 0) return null;
  const text = Buffer.from(compact, "base64").toString("latin1");
  const attributes = text === "" ? [] : text.split(ATTRIBUTE_MARK);
  return {
    attributes,
    // First value of a multi-valued attribute is enough for every field we read.
    get: (field) => (attributes[CCV[field] - 1] ?? "").split(VALUE_MARK)[0] ?? "",
  };
}

/** The record as named fields, for the stored (redacted) raw response. Unnamed attrs are left out. */
export function describeCcvRec(rec: CcvRecord): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of Object.keys(CCV) as CcvField[]) {
    const value = rec.get(field);
    if (value !== "") out[field] = value;
  }
  return out;
}
