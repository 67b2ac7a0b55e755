// The audit trail of one transaction and its follow-ups, for the detail page.
import type { Db } from "../../db";

export interface TransactionAuditEntry {
  id: string;
  action: string;
  actor: string | null;
  targetId: string | null;
  details: unknown;
  createdAt: string;
}

export async function transactionAudit(db: Db, ids: string[]): Promise<TransactionAuditEntry[]> {
  if (ids.length === 0) return [];
  const events = await db.auditEvent.findMany({
    where: { targetType: "Transaction", targetId: { in: ids } },
    orderBy: { createdAt: "asc" },
    take: 200,
  });
  return events.map((e) => ({ id: e.id, action: e.action, actor: e.actorEmail, targetId: e.targetId, details: e.details, createdAt: e.createdAt.toISOString() }));
}
