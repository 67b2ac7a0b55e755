import { db } from "@/lib/db";
import { readiness } from "@/lib/readiness";

export const dynamic = "force-dynamic";

export async function GET() {
  const state = await readiness(db.sql);
  return Response.json(state, { status: state.ready ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
