import { NextResponse } from "next/server";
import { db } from "@/lib/db";
import { requireRole } from "@/lib/session";
import { likelyDuplicates } from "@/lib/services/customers";
import { duplicateQuerySchema } from "@/lib/validation/customer";

export const dynamic = "force-dynamic";

/** The terminal's warning about a customer typed in as new who is probably already there. POST: names, emails and phones stay out of URLs and logs. */
export async function POST(request: Request) {
  await requireRole("clerk");
  const parsed = duplicateQuerySchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return NextResponse.json({ customers: [] }, { headers: { "cache-control": "no-store" } });
  const customers = await likelyDuplicates(db, parsed.data);
  return NextResponse.json({ customers }, { headers: { "cache-control": "no-store" } });
}
