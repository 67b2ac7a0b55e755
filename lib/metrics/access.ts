// Who may scrape /api/metrics: whoever presents METRICS_TOKEN as a bearer token. Without
// METRICS_TOKEN the endpoint is off (404): metrics name gateway accounts and volumes, so they are not
// published until an operator chooses a token.
import { createHash, timingSafeEqual } from "node:crypto";

export type MetricsAccess = "allowed" | "denied" | "disabled";

const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();

export function metricsAccess(authorization: string | null, token = process.env.METRICS_TOKEN): MetricsAccess {
  if (!token) return "disabled";
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
  // Compared as digests: equal lengths for timingSafeEqual, and no timing hint of the token's length.
  return presented !== undefined && timingSafeEqual(digest(presented), digest(token)) ? "allowed" : "denied";
}
