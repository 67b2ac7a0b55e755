import type { GatewayDefinition } from "../definition";
import { BLUEPAY_CAPABILITIES, BluepayClient } from "./client";
import { bluepayCredentialsSchema } from "./credentials";

export const bluepayDefinition: GatewayDefinition = {
  kind: "bluepay",
  label: "BluePay",
  credentialsSchema: bluepayCredentialsSchema,
  capabilities: BLUEPAY_CAPABILITIES,
  sandboxBaseUrl: (sandboxUrl) => `${sandboxUrl.replace(/\/+$/, "")}/bluepay`,
  // One host for both modes: test traffic is MODE=TEST against the same URL (spec §1).
  vendorBaseUrls: { test: "https://secure.bluepay.com", live: "https://secure.bluepay.com" },
  create: (config) => new BluepayClient(config, bluepayCredentialsSchema.parse(config.credentials)),
};

export { BluepayClient, BLUEPAY_CAPABILITIES } from "./client";
export { bluepayCredentialsSchema } from "./credentials";
