// GET /api/transactions/export?<filters> — the filtered history as CSV (managers and admins),
// streamed batch by batch from a keyset cursor.
import { fieldErrorsOf } from "@/lib/action-result";
import { clientIp } from "@/lib/auth";
import { csvResponse } from "@/lib/csv";
import { db } from "@/lib/db";
import { getMerchantSettings } from "@/lib/services/settings";
import { exportCsv, exportFileName, recordExport } from "@/lib/services/transactions/export";
import { requireRole } from "@/lib/session";
import { filtersInput, historyFiltersSchema } from "@/lib/validation/history";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const actor = await requireRole("manager");
  const parsed = historyFiltersSchema.safeParse(filtersInput(new URL(request.url).searchParams));
  if (!parsed.success) return Response.json({ error: "Check the filters.", fieldErrors: fieldErrorsOf(parsed.error) }, { status: 422 });
  const { timeZone } = await getMerchantSettings(db);
  await recordExport(db, actor, parsed.data, clientIp(request.headers));

  const lines = exportCsv(db, parsed.data, { timeZone });
  return csvResponse(lines, exportFileName());
}
