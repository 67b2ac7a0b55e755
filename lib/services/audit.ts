import type { Db, Prisma } from "../db";
import { redact } from "../gateways/redact";

export interface Actor {
  id: string;
  email: string;
}

export interface AuditInput {
  actor: Actor | null;
  /** Dotted verb, e.g. "auth.sign_in", "payment.sale", "gateway_account.update". */
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
  ip?: string | null;
}

type Writer = Pick<Db, "auditEvent"> | Prisma.TransactionClient;

/** Appends one event. Details are redacted like gateway payloads: no PAN, CVV or secret can land here. */
export async function recordAudit(db: Writer, input: AuditInput): Promise<void> {
  await db.auditEvent.create({
    data: {
      actorId: input.actor?.id ?? null,
      actorEmail: input.actor?.email ?? null,
      action: input.action,
      targetType: input.targetType ?? null,
      targetId: input.targetId ?? null,
      details: input.details ? (redact(input.details) as Prisma.InputJsonValue) : undefined,
      ip: input.ip ?? null,
    },
  });
}
