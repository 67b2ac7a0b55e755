// Builds the CCV record (spec §4): 70 attributes joined by 0xFE, Latin-1, base64.
// Written independently of the client's decoder so each catches the other's mistakes.

const ATTRIBUTES = 70;

/** Attribute numbers (1-based) the simulator fills. */
export const ATTR = {
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
  avs: 68,
  cvv: 69,
  invoice: 70,
} as const;

export type CcvFields = Partial<Record<keyof typeof ATTR, string>>;

export function encodeCcvRec(fields: CcvFields): string {
  const attrs: string[] = new Array<string>(ATTRIBUTES).fill("");
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    attrs[ATTR[name as keyof typeof ATTR] - 1] = value;
  }
  return Buffer.from(attrs.join("\u00fe"), "latin1").toString("base64");
}

export function decodeCcvRecAttrs(encoded: string): string[] {
  return Buffer.from(encoded, "base64").toString("latin1").split("\u00fe");
}
