import type { GatewayKind } from "@/lib/gateways/types";

/** What the terminal may know about a gateway account: limits and capabilities, never credentials. */
export interface TerminalAccount {
  id: string;
  label: string;
  kind: GatewayKind;
  kindLabel: string;
  mode: "test" | "live";
  currency: string;
  /** Minor units. */
  maxAmount: number;
  isDefault: boolean;
  canAuthorize: boolean;
  asynchronous: boolean;
  /** Rover Pay never takes a CVV; the field stays (the schema checks it) but the clerk is told. */
  sendsCvv: boolean;
}
