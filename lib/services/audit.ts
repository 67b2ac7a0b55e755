import type { Db, Prisma } from "../db";
import { redact } from "../gateways/redact";
import { newId } from "../ids";
import { json, utcTimestamp, type Sql } from "../sql";

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

/** The row for an event. Details are redacted like gateway payloads: no PAN, CVV or secret can land here. */
function auditRow(input: AuditInput) {
  return {
    actorId: input.actor?.id ?? null,
    actorEmail: input.actor?.email ?? null,
    action: input.action,
    targetType: input.targetType ?? null,
    targetId: input.targetId ?? null,
    details: input.details ? (redact(input.details) as Prisma.InputJsonValue) : undefined,
    ip: input.ip ?? null,
  };
}

/** Appends one event. */
export async function recordAudit(db: Writer, input: AuditInput): Promise<void> {
  await db.auditEvent.create({ data: auditRow(input) });
}

/**
 * The column list and value placeholders of an audit insert, its values pushed onto `params`: for SQL
 * that writes the event in the same statement as the change it records.
 */
export function auditInsert(input: AuditInput, params: unknown[]): { columns: string; values: string } {
  const row = auditRow(input);
  const first = params.length + 1;
  params.push(newId(), row.actorId, row.actorEmail, row.action, row.targetType, row.targetId, json(row.details), row.ip, utcTimestamp());
  const n = (i: number) => `$${first + i}`;
  return {
    columns: `id, "actorId", "actorEmail", action, "targetType", "targetId", details, ip, "createdAt"`,
    values: `${n(0)}, ${n(1)}, ${n(2)}, ${n(3)}, ${n(4)}, ${n(5)}, ${n(6)}::jsonb, ${n(7)}, ${n(8)}::timestamp`,
  };
}

/** Appends one event in SQL, for the payment paths that write in SQL (lib/services/payments/sale.ts). */
export async function recordAuditSql(sql: Sql, input: AuditInput): Promise<void> {
  const params: unknown[] = [];
  const { columns, values } = auditInsert(input, params);
  await sql.query(`INSERT INTO "AuditEvent" (${columns}) VALUES (${values})`, params);
}
