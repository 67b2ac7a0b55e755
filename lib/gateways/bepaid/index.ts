import type { GatewayDefinition } from "../definition";
import { BEPAID_CAPABILITIES, BepaidClient } from "./client";
import { bepaidCredentialsSchema } from "./credentials";

export const bepaidDefinition: GatewayDefinition = {
  kind: "bepaid",
  label: "bePaid",
  credentialsSchema: bepaidCredentialsSchema,
  capabilities: BEPAID_CAPABILITIES,
  sandboxBaseUrl: (sandboxUrl) => `${sandboxUrl}/bepaid`,
  // bePaid has no separate test host: test transactions carry "test": true (spec §1, §7).
  vendorBaseUrls: { test: "https://gateway.bepaid.by", live: "https://gateway.bepaid.by" },
  create: (config) => new BepaidClient(config, bepaidCredentialsSchema.parse(config.credentials)),
};

export { BepaidClient, BEPAID_CAPABILITIES } from "./client";
export { bepaidCredentialsSchema } from "./credentials";
