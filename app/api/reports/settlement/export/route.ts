// GET /api/reports/settlement/export?account=…&from=…&to=… — the settlement report as CSV (managers and admins).
import { fieldErrorsOf } from "@/lib/action-result";
import { csvResponse } from "@/lib/csv";
import { db } from "@/lib/db";
import { openSettlementReport, settlementCsv, settlementFileName } from "@/lib/services/settlement-report-page";
import { getMerchantSettings } from "@/lib/services/settings";
import { requireRole } from "@/lib/session";
import { settlementFiltersInput, settlementReportSchema } from "@/lib/validation/settlement-report";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  await requireRole("manager");
  const raw = settlementFiltersInput(new URL(request.url).searchParams);
  // A download has no form to show the message next to: a refused filter is refused, not replaced.
  const parsed = settlementReportSchema.safeParse(raw);
  if (!parsed.success) return Response.json({ error: "Check the filters.", fieldErrors: fieldErrorsOf(parsed.error) }, { status: 422 });
  const { timeZone } = await getMerchantSettings(db);
  const data = await openSettlementReport({ db }, raw, { timeZone });
  if (data.kind === "no_accounts") return Response.json({ error: "There is no gateway account yet." }, { status: 404 });
  if (data.errors.account) return Response.json({ error: "Check the filters.", fieldErrors: { account: data.errors.account } }, { status: 422 });
  const report = data.report;
  return csvResponse(settlementCsv(report), settlementFileName(report));
}
