import type { Db } from "../../db";
import type { GatewayClient } from "../../gateways/types";
import { clientForAccount } from "../gateway-accounts";
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

/** The actor for work nobody clicked: callbacks and the reconciler. */
export const SYSTEM_ACTOR: PaymentContext["actor"] = { id: "system", email: "system", role: "admin" };

/** Prisma's unique-constraint violation: the idempotency key (or reference) is already taken. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === "P2002";
}
