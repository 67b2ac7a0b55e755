export const dynamic = "force-dynamic";

/** The process is alive and serving: no database, nothing else (that is /api/ready). */
export function GET() {
  return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
}
