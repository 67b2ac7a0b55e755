import { NextResponse } from "next/server";
import { db } from "@/lib/db";
import { requireRole } from "@/lib/session";
import { searchCustomers } from "@/lib/services/customers";
import { customerSearchSchema } from "@/lib/validation/customer";

export const dynamic = "force-dynamic";

/** The terminal's customer type-ahead: name, email, phone or the last 4 of a saved card. */
export async function GET(request: Request) {
  await requireRole("clerk");
  const parsed = customerSearchSchema.safeParse({ q: new URL(request.url).searchParams.get("q") ?? "" });
  if (!parsed.success) return NextResponse.json({ error: parsed.error.issues[0]?.message ?? "That search is not valid." }, { status: 400 });
  const customers = await searchCustomers(db, parsed.data.q);
  return NextResponse.json({ customers }, { headers: { "cache-control": "no-store" } });
}
