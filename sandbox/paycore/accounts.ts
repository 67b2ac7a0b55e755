// Commerce accounts the PayCore simulator knows. All are TEST accounts (test keys).

export interface SimAccount {
  commerceAccountId: string;
  apiKey: string;
  /** The account's test secret key: signs callbacks (spec §5). */
  callbackSecret: string;
}

/**
 * SANDBOX DEMO VALUES — accepted only by this simulator, never by the real PayCore.
 * Keys mirror the client's credentials schema (lib/gateways/paycore/credentials.ts).
 */
export const DEMO_CREDENTIALS = {
  commerceAccountId: "coma_Demo0000000001",
  apiKey: "demo_api_key",
  callbackSecret: "sk_test_demo_secret",
  cardgateBaseUrl: "",
  service: "",
} as const;

export const SIM_ACCOUNTS: readonly SimAccount[] = [
  { commerceAccountId: DEMO_CREDENTIALS.commerceAccountId, apiKey: DEMO_CREDENTIALS.apiKey, callbackSecret: DEMO_CREDENTIALS.callbackSecret },
];

export function findAccount(id: string): SimAccount | undefined {
  return SIM_ACCOUNTS.find((a) => a.commerceAccountId === id);
}
