import type { GatewayDefinition } from "../definition";
import { PAYCORE_CAPABILITIES, PaycoreClient } from "./client";
import { paycoreCredentialsSchema } from "./credentials";

export const paycoreDefinition: GatewayDefinition = {
  kind: "paycore",
  label: "PayCore (Corefy)",
  credentialsSchema: paycoreCredentialsSchema,
  capabilities: PAYCORE_CAPABILITIES,
  sandboxBaseUrl: (sandboxUrl) => `${sandboxUrl}/paycore`,
  // Hosts are issued per merchant by the PayCore manager (spec §2, open question 1).
  vendorBaseUrls: {},
  create: (config) => new PaycoreClient(config),
};

export { PaycoreClient, PAYCORE_CAPABILITIES, PAYCORE_VOID_NOTE } from "./client";
export { callbackSignature } from "./signature";
