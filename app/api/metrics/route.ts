import { register } from "prom-client";
import { db } from "@/lib/db";
import { metricsAccess } from "@/lib/metrics/access";
import { instanceMetrics } from "@/lib/metrics/cluster";
import { databaseMetrics } from "@/lib/metrics/database";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  const access = metricsAccess(req.headers.get("authorization"));
  if (access === "disabled") return new Response("Metrics are off: set METRICS_TOKEN to publish them here.\n", { status: 404 });
  if (access === "denied") return new Response("Send the metrics token: Authorization: Bearer <METRICS_TOKEN>\n", { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="metrics"' } });
  const [instance, database] = await Promise.all([instanceMetrics(), databaseMetrics(db.sql)]);
  return new Response(instance + database, { headers: { "Content-Type": register.contentType, "Cache-Control": "no-store" } });
}
