import { NextResponse } from "next/server";
import { db } from "@/lib/db";
import { requireRole } from "@/lib/session";
import { getTransactionView } from "@/lib/services/transactions/detail";

export const dynamic = "force-dynamic";

/** The result screen polls this while a payment is pending. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  await requireRole("clerk");
  const { id } = await params;
  const view = await getTransactionView(db, id);
  if (!view) return NextResponse.json({ error: "That transaction was not found." }, { status: 404 });
  return NextResponse.json(view, { headers: { "cache-control": "no-store" } });
}
