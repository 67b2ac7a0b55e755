import { z } from "zod";
import type { GatewayDefinition } from "../definition";

// Placeholder until the bepaid client is written.
export const bepaidDefinition: GatewayDefinition = {
  kind: "bepaid",
  label: "bepaid",
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
  sandboxBaseUrl: (sandboxUrl) => `${sandboxUrl}/bepaid`,
  vendorBaseUrls: {},
  create: () => {
    throw new Error("bepaid client not implemented yet");
  },
};
