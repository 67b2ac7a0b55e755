// Reading the append-only audit log: filtered pages for the admin screen and a CSV stream for export.
import { csvCell } from "../csv";
import type { Db, Prisma } from "../db";
import { addDays, startOfDay } from "../time";
import type { AuditFilter } from "../validation/admin";

export interface AuditEventView {
  id: string;
  createdAt: Date;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: unknown;
  ip: string | null;
}

/** Dates are calendar days in the merchant's time zone; `to` includes the whole day. */
export function auditWhere(filter: AuditFilter, timeZone: string): Prisma.AuditEventWhereInput {
  const where: Prisma.AuditEventWhereInput = {};
  if (filter.actor) where.OR = [{ actorEmail: { contains: filter.actor, mode: "insensitive" } }, { actorId: filter.actor }];
  if (filter.action) where.action = filter.action;
  if (filter.from || filter.to) {
    where.createdAt = {
      ...(filter.from ? { gte: startOfDay(filter.from, timeZone) } : {}),
      ...(filter.to ? { lt: startOfDay(addDays(filter.to, 1), timeZone) } : {}),
    };
  }
  return where;
}

const ORDER: Prisma.AuditEventOrderByWithRelationInput[] = [{ createdAt: "desc" }, { id: "desc" }];

export const AUDIT_PAGE_SIZE = 50;

/** Newest first; `after` is the id of the last event of the previous page. */
export async function listAuditEvents(
  db: Db,
  filter: AuditFilter,
  opts: { timeZone: string; after?: string; pageSize?: number },
): Promise<{ events: AuditEventView[]; nextCursor: string | null }> {
  const take = opts.pageSize ?? AUDIT_PAGE_SIZE;
  const rows = await db.auditEvent.findMany({
    where: auditWhere(filter, opts.timeZone),
    orderBy: ORDER,
    take: take + 1,
    ...(opts.after ? { cursor: { id: opts.after }, skip: 1 } : {}),
  });
  const events = rows.slice(0, take);
  return { events, nextCursor: rows.length > take ? (events[events.length - 1]?.id ?? null) : null };
}

/** The distinct actions and actor emails, for the filter's pick lists. */
export async function auditFilterOptions(db: Db): Promise<{ actions: string[]; actors: string[] }> {
  const [actions, actors] = await Promise.all([
    db.auditEvent.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } }),
    db.auditEvent.findMany({ distinct: ["actorEmail"], select: { actorEmail: true }, where: { actorEmail: { not: null } }, orderBy: { actorEmail: "asc" } }),
  ]);
  return { actions: actions.map((a) => a.action), actors: actors.flatMap((a) => (a.actorEmail ? [a.actorEmail] : [])) };
}

export const AUDIT_CSV_HEADER = ["time_utc", "actor_email", "actor_id", "action", "target_type", "target_id", "ip", "details"] as const;

export function auditCsvLine(e: AuditEventView): string {
  return [e.createdAt.toISOString(), e.actorEmail, e.actorId, e.action, e.targetType, e.targetId, e.ip, e.details].map((v) => csvCell(v)).join(",") + "\r\n";
}

/** The filtered log as CSV lines, read in batches so a long log never sits in memory at once. */
export async function* auditCsv(db: Db, filter: AuditFilter, timeZone: string, batchSize = 500): AsyncGenerator<string> {
  yield AUDIT_CSV_HEADER.join(",") + "\r\n";
  let after: string | undefined;
  for (;;) {
    const page = await listAuditEvents(db, filter, { timeZone, after, pageSize: batchSize });
    for (const e of page.events) yield auditCsvLine(e);
    if (!page.nextCursor) return;
    after = page.nextCursor;
  }
}
