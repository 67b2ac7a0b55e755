// Every client createGatewayClient() hands out is wrapped here, so each call runs in a log context
// naming its gateway, account and operation (the HTTP line lib/gateways/http.ts writes carries them)
// and each sale or follow-up is counted by its outcome.
import { withLogContext } from "../log-context";
import { metrics } from "../metrics";
import type { GatewayClient, GatewayKind, GatewayResult } from "./types";

type Payment = "sale" | "authorize" | "capture" | "void" | "refund";

export function observed(client: GatewayClient, account: { id: string; kind: GatewayKind }): GatewayClient {
  const inContext = <T>(operation: string, call: () => Promise<T>): Promise<T> =>
    withLogContext({ gateway: account.kind, account: account.id, operation }, call);
  const payment = async (operation: Payment, call: () => Promise<GatewayResult>): Promise<GatewayResult> => {
    let outcome = "unknown";
    try {
      const result = await inContext(operation, call);
      // As the transaction records it (statusOf in lib/services/payments/outcome.ts).
      outcome = result.status === "error" && result.errorKind === "unknown_outcome" ? "unknown" : result.status;
      return result;
    } finally {
      metrics.payments.inc({ operation, gateway: account.kind, account: account.id, outcome });
    }
  };
  // Inherits kind, capabilities and verifyCallback from the client itself.
  const wrapper: GatewayClient = Object.create(client);
  return Object.assign(wrapper, {
    tokenize: (input) => inContext("tokenize", () => client.tokenize(input)),
    sale: (input) => payment("sale", () => client.sale(input)),
    authorize: (input) => payment("authorize", () => client.authorize(input)),
    capture: (input) => payment("capture", () => client.capture(input)),
    void: (input) => payment("void", () => client.void(input)),
    refund: (input) => payment("refund", () => client.refund(input)),
    inquire: (input) => inContext("inquire", () => client.inquire(input)),
    testConnection: () => inContext("testConnection", () => client.testConnection()),
    ...(client.settlements ? { settlements: (range: { from: Date; to: Date }) => inContext("settlements", () => client.settlements!(range)) } : {}),
  } satisfies Omit<GatewayClient, "kind" | "capabilities" | "verifyCallback">);
}
