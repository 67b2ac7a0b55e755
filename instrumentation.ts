// Runs once in each app process before it serves: installs the request log (lib/request-log.ts), lets
// the cluster's primary collect this process's metrics (lib/metrics/cluster.ts), seals saved-card
// tokens still stored in clear (lib/services/vault-tokens.ts), and starts the job queue
// (lib/jobs/: the reconciler and the other background work, one run per job across all instances).
import type { Instrumentation } from "next";

export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installRequestLog } = await import("./lib/request-log");
  installRequestLog();
  const { answerMetricsRequests } = await import("./lib/metrics/cluster");
  answerMetricsRequests();
  if (!process.env.DATABASE_URL) return;
  void sealLegacyTokens();
  const { startAppJobQueue } = await import("./lib/jobs/app-queue");
  await startAppJobQueue();
}

/** A request that failed on the server, as one redacted line naming the request and the error's digest (the reference the error page shows). */
export const onRequestError: Instrumentation.onRequestError = async (err, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { log } = await import("./lib/log");
  const digest = (err as { digest?: unknown })?.digest;
  log.error({ err, digest, route: context.routePath, routeType: context.routeType, method: request.method }, "request failed");
};

/** In the background: until a token is sealed, a sale still reads it in clear. */
async function sealLegacyTokens(): Promise<void> {
  const { log } = await import("./lib/log");
  try {
    const [{ db }, { sealStoredTokens }] = await Promise.all([import("./lib/db"), import("./lib/services/vault-tokens")]);
    const report = await sealStoredTokens(db);
    if (report.sealed) log.info({ sealed: report.sealed }, "vault: sealed saved-card tokens stored in clear");
  } catch (err) {
    log.error({ err }, "vault: sealing saved-card tokens failed");
  }
}
