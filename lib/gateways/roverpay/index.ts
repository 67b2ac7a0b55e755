import { z } from "zod";
import type { GatewayDefinition } from "../definition";

// Placeholder until the roverpay client is written.
export const roverpayDefinition: GatewayDefinition = {
  kind: "roverpay",
  label: "roverpay",
  credentialsSchema: z.object({}),
  capabilities: {
    authorize: false,
    capture: false,
    void: "none",
    partialRefund: false,
    asynchronous: false,
    level23: false,
    callbacks: false,
    tokenization: "tokenize-endpoint",
  },
  sandboxBaseUrl: (sandboxUrl) => `${sandboxUrl}/roverpay`,
  vendorBaseUrls: {},
  create: () => {
    throw new Error("roverpay client not implemented yet");
  },
};
