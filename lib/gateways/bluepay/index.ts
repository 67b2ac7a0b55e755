import { z } from "zod";
import type { GatewayDefinition } from "../definition";

// Placeholder until the bluepay client is written.
export const bluepayDefinition: GatewayDefinition = {
  kind: "bluepay",
  label: "bluepay",
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
  sandboxBaseUrl: (sandboxUrl) => `${sandboxUrl}/bluepay`,
  vendorBaseUrls: {},
  create: () => {
    throw new Error("bluepay client not implemented yet");
  },
};
