// Accounts the Rover Pay simulator accepts (spec §2 PROPOSED: accepted atoken values per entity).

/**
 * SANDBOX DEMO VALUES ONLY — not real Rover Pay credentials. Keys match the client's credentials
 * schema (lib/gateways/roverpay/credentials.ts); the app's seed uses them.
 */
export const DEMO_CREDENTIALS = {
  atoken: "AT-demo-0001",
  entity: "DEMO",
  store: "1",
  reg: "110",
} as const;

export interface SimAccount {
  atoken: string;
  entity: string;
}

/** A second entity lets tests exercise per-account fault injection (accountOf = entity). */
export const SIM_ACCOUNTS: readonly SimAccount[] = [
  { atoken: DEMO_CREDENTIALS.atoken, entity: DEMO_CREDENTIALS.entity },
  { atoken: "AT-demo-0002", entity: "DEMO2" },
];
