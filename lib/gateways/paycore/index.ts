import { z } from "zod";
import type { GatewayDefinition } from "../definition";

// Placeholder until the paycore client is written.
export const paycoreDefinition: GatewayDefinition = {
  kind: "paycore",
  label: "paycore",
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
  sandboxBaseUrl: (sandboxUrl) => `${sandboxUrl}/paycore`,
  vendorBaseUrls: {},
  create: () => {
    throw new Error("paycore client not implemented yet");
  },
};
