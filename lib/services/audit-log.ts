// Reading the append-only audit log: filtered pages for the admin screen and a CSV stream for export.
import type { Db, Prisma } from "../db";
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

/** Offset of `timeZone` from UTC at `instant`, in milliseconds. */
function zoneOffsetMs(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return wall - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant a calendar day ("2026-03-08") starts in `timeZone`. */
export function startOfDayIn(day: string, timeZone: string): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  const first = guess - zoneOffsetMs(new Date(guess), timeZone);
  // A second pass settles days whose midnight falls on the other side of a DST change.
  return new Date(guess - zoneOffsetMs(new Date(first), timeZone));
}

function nextDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** Dates are calendar days in the merchant's time zone; `to` includes the whole day. */
export function auditWhere(filter: AuditFilter, timeZone: string): Prisma.AuditEventWhereInput {
  const where: Prisma.AuditEventWhereInput = {};
  if (filter.actor) where.OR = [{ actorEmail: { contains: filter.actor, mode: "insensitive" } }, { actorId: filter.actor }];
  if (filter.action) where.action = filter.action;
  if (filter.from || filter.to) {
    where.createdAt = {
      ...(filter.from ? { gte: startOfDayIn(filter.from, timeZone) } : {}),
      ...(filter.to ? { lt: startOfDayIn(nextDay(filter.to), timeZone) } : {}),
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

/** One CSV field: quoted when needed, and a leading =, +, -, @ neutralized so spreadsheets do not run it. */
export function csvField(value: unknown): string {
  let s = value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n']/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function auditCsvLine(e: AuditEventView): string {
  return [e.createdAt.toISOString(), e.actorEmail, e.actorId, e.action, e.targetType, e.targetId, e.ip, e.details].map(csvField).join(",") + "\r\n";
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
