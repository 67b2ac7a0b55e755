// Merchant accounts the BluePay simulator knows. SANDBOX-ONLY demo values: not real BluePay
// credentials, accepted by nothing but this simulator.

/** Sandbox demo account (keys match the client's credentials schema: accountId, secretKey). */
export const DEMO_CREDENTIALS = {
  accountId: "100200300400",
  secretKey: "SANDBOXDEMOSECRETKEY0BLUEPAY0001",
} as const;

export interface SimAccount {
  accountId: string;
  secretKey: string;
  /** Test accounts refuse MODE=LIVE (spec §1). */
  testOnly: boolean;
  /** The account's "Hash Type in APIs" used when a request sends no TPS_HASH_TYPE (§3.1). */
  defaultHashType: string;
  /** Duplicate scrubbing window in seconds; 0 = off (§7.6, GUESS). */
  duplicateWindowSec: number;
}

export const ACCOUNTS: readonly SimAccount[] = [
  { accountId: DEMO_CREDENTIALS.accountId, secretKey: DEMO_CREDENTIALS.secretKey, testOnly: true, defaultHashType: "MD5", duplicateWindowSec: 0 },
];

export function findAccount(accountId: string | undefined): SimAccount | undefined {
  return ACCOUNTS.find((a) => a.accountId === accountId);
}
