// A gateway client for a test-mode account on a local sandbox, as the contract and fault tests of
// every gateway build one: the account's currency and demo credentials, anything else overridable.
import type { GatewayDefinition } from "../gateways/definition";
import type { GatewayAccountConfig, GatewayClient } from "../gateways/types";

export function sandboxClient(
  definition: GatewayDefinition,
  sandboxUrl: string,
  account: { currency: string; credentials: Record<string, string>; timeoutMs?: number },
  over: Partial<GatewayAccountConfig> = {},
): GatewayClient {
  return definition.create({
    id: `acct-${definition.kind}`,
    kind: definition.kind,
    mode: "test",
    baseUrl: definition.sandboxBaseUrl(sandboxUrl),
    timeoutMs: account.timeoutMs ?? 3000,
    currency: account.currency,
    credentials: { ...account.credentials },
    ...over,
  });
}
