import { clientIp } from "@/lib/auth";
import { db } from "@/lib/db";
import { CSP_REPORT_TYPES, mediaType, parseCspReports } from "@/lib/security/csp-violations";
import { readCapped } from "@/lib/security/read-capped";
import { admitCspReport, MAX_CSP_REPORT_BYTES, recordCspViolations } from "@/lib/services/csp-reports";

export const dynamic = "force-dynamic";

const refuse = (status: number, error: string) => Response.json({ ok: false, error }, { status });

// Browsers post violations of the pages' Content-Security-Policy here (lib/security/headers.ts),
// without a session: a signed-out page is covered too, and a Reporting API post carries no cookie.
export async function POST(request: Request) {
  if (!(await admitCspReport(db, clientIp(request.headers)))) return refuse(429, "too many reports from this address");
  const type = mediaType(request.headers.get("content-type"));
  if (!(CSP_REPORT_TYPES as readonly string[]).includes(type)) return refuse(415, `a report is ${CSP_REPORT_TYPES.join(" or ")}`);
  const body = await readCapped(request, MAX_CSP_REPORT_BYTES);
  if (body === null) return refuse(413, `a report is at most ${MAX_CSP_REPORT_BYTES / 1024} kB`);
  const violations = parseCspReports(type, body);
  if (!violations) return refuse(400, "not a Content-Security-Policy report");
  await recordCspViolations(db, violations);
  return new Response(null, { status: 204 });
}
