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
  /** Minor units: a sale above it needs a second Enter; null: never. */
  confirmAbove: number | null;
  isDefault: boolean;
  canAuthorize: boolean;
  asynchronous: boolean;
  /** The gateway takes the card's security code; when it does not, the terminal does not ask for it. */
  securityCode: boolean;
  /** The gateway can save a card without a payment ("Save card only"). */
  saveCardOnly: boolean;
  /** The gateway takes Level 2/3 data: the terminal offers tax, PO and line items. */
  level23: boolean;
  /** Its last connection test or payment failed for a configuration reason (lib/services/account-health.ts). */
  failing: boolean;
  /** The billing country a new customer starts with (the merchant's setting, else the currency's country). */
  defaultCountry: string;
}
