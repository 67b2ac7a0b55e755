import { clientIp } from "@/lib/auth";
import { db } from "@/lib/db";
import { readCapped } from "@/lib/security/read-capped";
import { callbackSourceBlocked, handleGatewayCallback, MAX_CALLBACK_BYTES, recordRejectedCallback } from "@/lib/services/webhooks";

export const dynamic = "force-dynamic";

// Gateways call this without a session; the signature is the authentication.
export async function POST(request: Request, { params }: { params: Promise<{ gateway: string }> }) {
  const { gateway } = await params;
  const ip = clientIp(request.headers);
  if (await callbackSourceBlocked(db, ip)) return Response.json({ ok: false, error: "too many rejected callbacks from this address" }, { status: 429 });
  const body = await readCapped(request, MAX_CALLBACK_BYTES);
  if (body === null) {
    await recordRejectedCallback(db, gateway.slice(0, 40), "body too large", ip);
    return Response.json({ ok: false, error: `a callback is at most ${MAX_CALLBACK_BYTES / 1024} kB` }, { status: 413 });
  }
  const handled = await handleGatewayCallback(db, gateway, request.headers, body, ip);
  if (handled.status === 200) return Response.json({ ok: true, outcome: handled.outcome });
  return Response.json({ ok: false, error: handled.status === 401 ? "invalid signature" : handled.reason }, { status: handled.status });
}
