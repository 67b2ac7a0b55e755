// Content-Security-Policy violation reports (PCI DSS 11.6.1: unauthorized changes to a payment
// page's scripts are detected): browsers post them to /api/csp-report without a session, so they are
// rate-limited per source, and stored counted — one row per directive, blocked URL and page, the
// number of rows capped — never one row per report. Admins see them on /admin/security.
import type { Db } from "../db";
import { newId } from "../ids";
import type { CspViolation } from "../security/csp-violations";
import { utcTimestamp } from "../sql";
import { countFailure, isLocked, type Limit } from "./rate-limit";

/** A browser's report is well under a kilobyte; a Reporting API batch a few. */
export const MAX_CSP_REPORT_BYTES = 16 * 1024;

/** Every post counts against its source, junk or not; a page that violates on each load sends one per load. */
export const CSP_REPORTS_PER_SOURCE: Limit = { windowMinutes: 10, max: 100, lockMinutes: 10 };

/** Distinct kinds of violation kept; reports of new kinds beyond it are counted on one row. */
export const MAX_CSP_REPORT_ROWS = 500;

/** Where reports of new kinds are counted once the list is full. */
export const OVERFLOW: CspViolation = { directive: "(list full)", blockedUri: `new kinds of report beyond ${MAX_CSP_REPORT_ROWS}, counted here`, documentUri: "" };

const sourceKey = (ip: string | null) => `csp:${ip ?? "unknown"}`;

/** Counts a post from `ip`; false when the source sent too many lately (answer 429 without reading it). */
export async function admitCspReport(db: Db, ip: string | null): Promise<boolean> {
  if (await isLocked(db, sourceKey(ip))) return false;
  return !(await countFailure(db, sourceKey(ip), CSP_REPORTS_PER_SOURCE)).locked;
}

/** Counts each violation on its row, creating the row while the list has room. */
export async function recordCspViolations(db: Db, violations: CspViolation[]): Promise<void> {
  for (const v of violations) {
    const at = utcTimestamp();
    const [counted] = await db.$queryRaw<{ id: string }[]>`
      WITH hit AS (
        UPDATE "CspReport" SET "count" = "count" + 1, "lastSeen" = ${at}::timestamp
        WHERE "directive" = ${v.directive} AND "blockedUri" = ${v.blockedUri} AND "documentUri" = ${v.documentUri}
        RETURNING "id"),
      added AS (
        INSERT INTO "CspReport" ("id", "directive", "blockedUri", "documentUri", "count", "firstSeen", "lastSeen")
        SELECT ${newId()}, ${v.directive}, ${v.blockedUri}, ${v.documentUri}, 1, ${at}::timestamp, ${at}::timestamp
        WHERE NOT EXISTS (SELECT 1 FROM hit) AND (SELECT count(*) FROM "CspReport") < ${MAX_CSP_REPORT_ROWS}
        ON CONFLICT ("directive", "blockedUri", "documentUri") DO UPDATE SET "count" = "CspReport"."count" + 1, "lastSeen" = EXCLUDED."lastSeen"
        RETURNING "id")
      SELECT "id" FROM hit UNION ALL SELECT "id" FROM added`;
    if (!counted) await countOverflow(db, at);
  }
}

async function countOverflow(db: Db, at: string): Promise<void> {
  const v = OVERFLOW;
  await db.$executeRaw`
    INSERT INTO "CspReport" ("id", "directive", "blockedUri", "documentUri", "count", "firstSeen", "lastSeen")
    VALUES (${newId()}, ${v.directive}, ${v.blockedUri}, ${v.documentUri}, 1, ${at}::timestamp, ${at}::timestamp)
    ON CONFLICT ("directive", "blockedUri", "documentUri") DO UPDATE SET "count" = "CspReport"."count" + 1, "lastSeen" = EXCLUDED."lastSeen"`;
}

export interface CspReportView {
  id: string;
  directive: string;
  blockedUri: string;
  documentUri: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
}

/** The latest kinds of violation first. */
export async function listCspReports(db: Db, limit = MAX_CSP_REPORT_ROWS + 1): Promise<CspReportView[]> {
  const rows = await db.cspReport.findMany({ orderBy: [{ lastSeen: "desc" }, { id: "asc" }], take: limit });
  return rows.map((r) => ({ ...r, firstSeen: r.firstSeen.toISOString(), lastSeen: r.lastSeen.toISOString() }));
}
