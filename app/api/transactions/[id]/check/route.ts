import { NextResponse } from "next/server";
import { clientIp } from "@/lib/auth";
import { db } from "@/lib/db";
import { requireRole } from "@/lib/session";
import { checkTransaction } from "@/lib/services/payments";
import { getTransactionView } from "@/lib/services/transactions/detail";

export const dynamic = "force-dynamic";

/** "Check now": asks the gateway about a pending or unknown transaction, never charges again. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await requireRole("clerk");
  const origin = request.headers.get("origin");
  if (origin && new URL(origin).host !== request.headers.get("host")) {
    return NextResponse.json({ error: "Cross-site request refused." }, { status: 403 });
  }
  const { id } = await params;
  const outcome = await checkTransaction({ db, actor, ip: clientIp(request.headers) }, id);
  const view = await getTransactionView(db, id);
  if (!view) return NextResponse.json({ error: "That transaction was not found." }, { status: 404 });
  return NextResponse.json({ outcome, view }, { headers: { "cache-control": "no-store" } });
}
