import { bepaidDefinition } from "./bepaid";
import { bluepayDefinition } from "./bluepay";
import type { GatewayDefinition } from "./definition";
import { observed } from "./observed";
import { paycoreDefinition } from "./paycore";
import { roverpayDefinition } from "./roverpay";
import type { GatewayAccountConfig, GatewayClient, GatewayKind } from "./types";

export const GATEWAYS: Record<GatewayKind, GatewayDefinition> = {
  bluepay: bluepayDefinition,
  bepaid: bepaidDefinition,
  roverpay: roverpayDefinition,
  paycore: paycoreDefinition,
};

export function createGatewayClient(config: GatewayAccountConfig): GatewayClient {
  return observed(GATEWAYS[config.kind].create(config), config);
}

export type { GatewayDefinition } from "./definition";
export * from "./types";
