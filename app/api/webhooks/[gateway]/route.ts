import { clientIp } from "@/lib/auth";
import { db } from "@/lib/db";
import { handleGatewayCallback } from "@/lib/services/webhooks";

export const dynamic = "force-dynamic";

// Gateways call this without a session; the signature is the authentication.
export async function POST(request: Request, { params }: { params: Promise<{ gateway: string }> }) {
  const { gateway } = await params;
  const body = await request.text();
  const handled = await handleGatewayCallback(db, gateway, request.headers, body, clientIp(request.headers));
  if (handled.status === 200) return Response.json({ ok: true, outcome: handled.outcome });
  return Response.json({ ok: false, error: handled.status === 401 ? "invalid signature" : handled.reason }, { status: handled.status });
}
