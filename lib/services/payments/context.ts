import type { Db } from "../../db";
import { GATEWAYS } from "../../gateways";
import type { GatewayClient } from "../../gateways/types";
import type { SaleRules } from "../../validation/payment";
import { clientForAccount, type PaymentAccount } from "../gateway-accounts";
import type { Actor } from "../audit";

/** What every payment operation needs; tests swap `clientFor` to reach a sandbox on another port. */
export interface PaymentContext {
  db: Db;
  actor: Actor & { role: "clerk" | "manager" | "admin" };
  ip?: string | null;
  clientFor?: typeof clientForAccount;
}

export function gatewayFor(ctx: Pick<PaymentContext, "clientFor">, account: Parameters<typeof clientForAccount>[0]): GatewayClient {
  return (ctx.clientFor ?? clientForAccount)(account);
}

/** What a payment's input is checked against: the account's limits and what its gateway takes. */
export function saleRules(account: Pick<PaymentAccount, "kind" | "currency" | "maxAmount">): SaleRules {
  const capabilities = GATEWAYS[account.kind].capabilities;
  return { currency: account.currency, maxAmount: account.maxAmount, securityCode: capabilities.securityCode, level23: capabilities.level23 };
}

/** The actor for work nobody clicked: callbacks and the reconciler. */
export const SYSTEM_ACTOR: PaymentContext["actor"] = { id: "system", email: "system", role: "admin" };

/** Prisma's unique-constraint violation: the idempotency key (or reference) is already taken. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === "P2002";
}
