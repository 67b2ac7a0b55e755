// GET /api/admin/audit/export?actor=&action=&from=&to= — the filtered audit log as CSV, streamed.
import { fieldErrorsOf } from "@/lib/action-result";
import { clientIp } from "@/lib/auth";
import { csvResponse } from "@/lib/csv";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/services/audit";
import { auditCsv } from "@/lib/services/audit-log";
import { getMerchantSettings } from "@/lib/services/settings";
import { requireRole } from "@/lib/session";
import { auditFilterSchema } from "@/lib/validation/admin";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const actor = await requireRole("admin");
  const params = new URL(request.url).searchParams;
  const parsed = auditFilterSchema.safeParse({
    actor: params.get("actor") || undefined,
    action: params.get("action") || undefined,
    from: params.get("from") || undefined,
    to: params.get("to") || undefined,
  });
  if (!parsed.success) return Response.json({ error: "Check the filter.", fieldErrors: fieldErrorsOf(parsed.error) }, { status: 422 });

  const { timeZone } = await getMerchantSettings(db);
  // Recorded before streaming, so the export itself is in the log (and in the file, when unfiltered).
  await recordAudit(db, { actor, action: "audit.export", targetType: "audit_log", details: { filter: parsed.data, timeZone }, ip: clientIp(request.headers) });

  const lines = auditCsv(db, parsed.data, timeZone);
  return csvResponse(lines, `keyed-audit-${new Date().toISOString().slice(0, 10)}.csv`);
}
