// What an operator's probes, scraper and log reader get (issue 15): liveness and readiness without a
// session, metrics only with the token, and one JSON line per request and per gateway call that names
// the request, the user and the transaction.
import { expect, test } from "../support/fixtures";
import { signIn } from "../support/auth";
import { query } from "../support/db";
import { METRICS_TOKEN } from "../support/env";
import { appLog } from "../support/logs";
import { amountField, expectResult, fillBilling, fillCard, uniqueTag } from "../terminal/terminal-helpers";

/** The value of one sample in a Prometheus text scrape (0 when the series is absent). */
function sample(scrape: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of scrape.split("\n")) {
    const m = /^([a-z_:]+)\{([^}]*)\} (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const present = m[2]!.split(",");
    if (wanted.every((w) => present.includes(w))) return Number(m[3]);
  }
  return 0;
}

/** The app log's JSON lines written since `from` (other lines — Next.js's own — are skipped). */
function logLines(from: number): Record<string, unknown>[] {
  return appLog()
    .slice(from)
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

test("health and readiness answer without a session, with states only", async ({ request }) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ ok: true });

  const ready = await request.get("/api/ready");
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toEqual({ ready: true, database: "up", migrations: "current", jobQueue: "running" });
});

test("every response carries a request id: a well-formed one sent in is kept, anything else is replaced", async ({ request }) => {
  const generated = (await request.get("/api/health")).headers()["x-request-id"];
  expect(generated).toMatch(/^[0-9a-f-]{36}$/);
  const kept = await request.get("/api/health", { headers: { "X-Request-Id": "lb-2f9c1e77aa" } });
  expect(kept.headers()["x-request-id"]).toBe("lb-2f9c1e77aa");
  const hostile = await request.get("/api/health", { headers: { "X-Request-Id": "<script>alert(1)</script>" } });
  expect(hostile.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
});

test("metrics ask for the token, and a sale moves the sales counter", async ({ page, request }) => {
  expect((await request.get("/api/metrics")).status()).toBe(401);
  expect((await request.get("/api/metrics", { headers: { Authorization: "Bearer not-the-token" } })).status()).toBe(401);
  const scrape = async () => {
    const res = await request.get("/api/metrics", { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("text/plain");
    return res.text();
  };

  const [account] = await query<{ id: string; kind: string }>(`SELECT id, kind::text AS kind FROM "GatewayAccount" WHERE "isDefault"`);
  const series = { operation: "sale", gateway: account!.kind, account: account!.id, outcome: "approved" };
  const before = await scrape();
  expect(before).toContain("# TYPE keyed_http_request_duration_seconds histogram");
  expect(before).toContain('keyed_metrics_processes{answered="no"} 0');
  expect(before).toContain("keyed_database_up 1");
  expect(sample(before, "keyed_transactions_open", { status: "unknown", account: account!.id })).toBeGreaterThanOrEqual(0);
  expect(before).toMatch(/^keyed_job_queue_lag_seconds\{queue="reconcile"\} \d/m);
  // The reconcile job runs as soon as the app starts, then every RECONCILE_INTERVAL_MS.
  await expect.poll(async () => scrape()).toMatch(/^keyed_reconciler_lag_seconds \d/m);

  const logFrom = appLog().length;
  await signIn(page, "clerk");
  await fillBilling(page, { firstName: "Otto", lastName: `Ops${uniqueTag()}`, address1: "Main Street 9", postalCode: "62701" });
  await fillCard(page, { number: "4111111111111111", cvv: "737" });
  await page.getByLabel("Save card to this customer").uncheck();
  await amountField(page).fill("7.00");
  await page.getByTestId("submit-payment").click();
  await page.waitForURL(/\/terminal\/result\//);
  await expectResult(page, "approved");
  const transactionId = new URL(page.url()).pathname.split("/").pop()!;

  // The sale's gateway call and the request that made it, each one JSON line naming the clerk and the transaction.
  const [clerk] = await query<{ id: string }>(`SELECT id FROM "User" WHERE email = 'clerk@keyed.test'`);
  await expect.poll(() => logLines(logFrom).filter((l) => l.event === "gateway_call" && l.transactionId === transactionId).length).toBeGreaterThan(0);
  const call = logLines(logFrom).find((l) => l.event === "gateway_call" && l.transactionId === transactionId)!;
  expect(call).toMatchObject({ level: "info", gateway: account!.kind, account: account!.id, operation: "sale", userId: clerk!.id });
  expect(call.requestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(call.outcome).toMatch(/^[23]xx$/);
  expect(typeof call.durationMs).toBe("number");

  const after = await scrape();
  expect(sample(after, "keyed_payments_total", series)).toBe(sample(before, "keyed_payments_total", series) + 1);
  const latency = { gateway: account!.kind, operation: "sale", outcome: String(call.outcome) };
  expect(sample(after, "keyed_gateway_request_duration_seconds_count", latency)).toBe(sample(before, "keyed_gateway_request_duration_seconds_count", latency) + 1);
  expect(sample(after, "keyed_http_request_duration_seconds_count", { method: "GET", route: "/terminal/result/[id]", status: "200" })).toBeGreaterThan(0);
  const requestLine = logLines(logFrom).find((l) => l.event === "request" && l.requestId === call.requestId);
  expect(requestLine).toMatchObject({ method: "POST", route: "/terminal", action: true, userId: clerk!.id, transactionId });
});
