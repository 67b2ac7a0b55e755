import { NextResponse } from "next/server";
import { db } from "@/lib/db";
import { requireRole } from "@/lib/session";
import { getCustomer } from "@/lib/services/customers";
import { NotFoundError } from "@/lib/services/errors";

export const dynamic = "force-dynamic";

/** One customer with their saved cards: the terminal refreshes it after a card was saved. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  await requireRole("clerk");
  const { id } = await params;
  try {
    return NextResponse.json(await getCustomer(db, id), { headers: { "cache-control": "no-store" } });
  } catch (err) {
    if (err instanceof NotFoundError) return NextResponse.json({ error: err.message }, { status: 404 });
    throw err;
  }
}
