import type { GatewayDefinition } from "../definition";
import { ROVERPAY_CAPABILITIES, RoverpayClient } from "./client";
import { roverpayCredentialsSchema, type RoverpayCredentials } from "./credentials";
import { VENDOR_TEST_BASE_URL } from "./spec-guesses";

export const roverpayDefinition: GatewayDefinition = {
  kind: "roverpay",
  label: "Rover Pay",
  credentialsSchema: roverpayCredentialsSchema,
  capabilities: ROVERPAY_CAPABILITIES,
  // The simulator serves the vendor's paths, which sit under /api on the real host.
  sandboxBaseUrl: (sandboxUrl) => `${sandboxUrl}/roverpay/api`,
  vendorBaseUrls: { test: VENDOR_TEST_BASE_URL },
  create(config) {
    const parsed = roverpayCredentialsSchema.safeParse(config.credentials);
    // Incomplete credentials are not an exception: the gateway refuses them and we report that.
    const creds: RoverpayCredentials = parsed.success
      ? parsed.data
      : {
          atoken: config.credentials.atoken ?? "",
          entity: config.credentials.entity ?? "",
          store: config.credentials.store || "1",
          reg: config.credentials.reg || "1",
        };
    return new RoverpayClient(config, creds);
  },
};

export { RoverpayClient, ROVERPAY_CAPABILITIES } from "./client";
