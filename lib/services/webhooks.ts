// Gateway callbacks: authenticated by the signature the gateway's spec describes, then applied
// through the same forward-only outcome rules as everything else (replays change nothing).
import type { Db } from "../db";
import { GATEWAY_KINDS, type GatewayKind } from "../gateways";
import { metrics } from "../metrics";
import { recordAudit } from "./audit";
import { clientForAccount } from "./gateway-accounts";
import { applyCallback, type CallbackOutcome } from "./payments/reconcile";
import { countFailure, isLocked } from "./rate-limit";

export type CallbackHandling =
  | { status: 200; outcome: CallbackOutcome }
  | { status: 401 | 404 | 413 | 429; reason: string };

/** The most a gateway callback may be: real ones are a few kilobytes. */
export const MAX_CALLBACK_BYTES = 64 * 1024;

/**
 * Rejected callbacks per source: the endpoint needs no session, so junk is counted rather than audited
 * one row each — the first rejection of a source in a window is audited, then one summary when the
 * source is cut off (429) — and a source that keeps failing is refused before anything is read.
 */
export const REJECTIONS = { windowMinutes: 10, max: 20, lockMinutes: 10 };
const sourceKey = (ip: string | null) => `webhook:${ip ?? "unknown"}`;

/** True when this source sent too many rejected callbacks lately: answer 429 without reading the body. */
export async function callbackSourceBlocked(db: Db, ip: string | null): Promise<boolean> {
  const blocked = await isLocked(db, sourceKey(ip));
  if (blocked) metrics.webhookCallbacks.inc({ gateway: "unknown", outcome: "blocked" });
  return blocked;
}

/** Counts a refused callback from `ip`; audits the first of its window and the one that cuts the source off. */
export async function recordRejectedCallback(db: Db, kind: string, reason: string, ip: string | null): Promise<void> {
  metrics.webhookCallbacks.inc({ gateway: isGatewayKind(kind) ? kind : "unknown", outcome: "rejected" });
  const { count, locked } = await countFailure(db, sourceKey(ip), REJECTIONS);
  if (count === 1) {
    await recordAudit(db, { actor: null, action: "webhook.rejected", details: { gateway: kind, reason, note: `further rejections from this source within ${REJECTIONS.windowMinutes} minutes are counted, not logged` }, ip });
  } else if (locked) {
    await recordAudit(db, { actor: null, action: "webhook.source_blocked", details: { gateway: kind, rejected: count, lastReason: reason, minutes: REJECTIONS.lockMinutes }, ip });
  }
}

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
  if (!isGatewayKind(kind)) {
    await recordRejectedCallback(db, kind.slice(0, 40), "unknown gateway", ip);
    return { status: 404, reason: "unknown gateway" };
  }
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
    metrics.webhookCallbacks.inc({ gateway: kind, outcome: "accepted" });
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
  await recordRejectedCallback(db, kind, lastReason, ip);
  return { status: 401, reason: lastReason };
}
