// Gateway callbacks: authenticated by the signature the gateway's spec describes, then applied
// through the same forward-only outcome rules as everything else (replays change nothing).
import type { Db } from "../db";
import { GATEWAY_KINDS, type GatewayKind } from "../gateways";
import { recordAudit } from "./audit";
import { clientForAccount } from "./gateway-accounts";
import { applyCallback, type CallbackOutcome } from "./payments/reconcile";

export type CallbackHandling =
  | { status: 200; outcome: CallbackOutcome }
  | { status: 401; reason: string }
  | { status: 404; reason: string };

export function isGatewayKind(value: string): value is GatewayKind {
  return (GATEWAY_KINDS as readonly string[]).includes(value);
}

export async function handleGatewayCallback(
  db: Db,
  kind: string,
  headers: Headers,
  rawBody: string,
  ip: string | null,
  clientFor: typeof clientForAccount = clientForAccount,
): Promise<CallbackHandling> {
  if (!isGatewayKind(kind)) return { status: 404, reason: "unknown gateway" };
  const accounts = await db.gatewayAccount.findMany({ where: { kind, active: true } });
  let lastReason = "no active account of this gateway accepts callbacks";
  // Each account signs with its own secret: the callback belongs to the account whose secret verifies it.
  for (const account of accounts) {
    const client = clientFor(account);
    if (!client.verifyCallback) continue;
    const verified = client.verifyCallback(headers, rawBody);
    if (!verified.valid) {
      lastReason = verified.reason;
      continue;
    }
    const outcome = await applyCallback({ db, clientFor }, account.id, verified.event);
    await recordAudit(db, {
      actor: null,
      action: "webhook.received",
      targetType: "GatewayAccount",
      targetId: account.id,
      details: { gateway: kind, gatewayTransactionId: verified.event.gatewayTransactionId, status: verified.event.status, outcome },
      ip,
    });
    return { status: 200, outcome };
  }
  await recordAudit(db, { actor: null, action: "webhook.rejected", details: { gateway: kind, reason: lastReason }, ip });
  return { status: 401, reason: lastReason };
}
