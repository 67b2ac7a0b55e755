// GET /api/transactions?<filters>&cursor=… — one page of the history (newest first, 50 rows).
// GET /api/transactions?<filters>&view=totals — count and volumes per currency for the filters.
import { fieldErrorsOf } from "@/lib/action-result";
import { db } from "@/lib/db";
import { ServiceError } from "@/lib/services/errors";
import { getMerchantSettings } from "@/lib/services/settings";
import { listTransactions, transactionTotals } from "@/lib/services/transactions/list";
import { requireRole } from "@/lib/session";
import { filtersInput, historyFiltersSchema } from "@/lib/validation/history";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  await requireRole("clerk");
  const params = new URL(request.url).searchParams;
  const parsed = historyFiltersSchema.safeParse(filtersInput(params));
  if (!parsed.success) return Response.json({ error: "Check the filters.", fieldErrors: fieldErrorsOf(parsed.error) }, { status: 422 });
  const { timeZone } = await getMerchantSettings(db);
  const headers = { "cache-control": "no-store" };
  try {
    if (params.get("view") === "totals") return Response.json({ totals: await transactionTotals(db, parsed.data, { timeZone }) }, { headers });
    return Response.json(await listTransactions(db, parsed.data, { timeZone, cursor: params.get("cursor") }), { headers });
  } catch (err) {
    if (err instanceof ServiceError) return Response.json({ error: err.message }, { status: err.status });
    throw err;
  }
}
