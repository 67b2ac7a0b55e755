// SIGTERM in the middle of a sale (issue 15, item 4). Two more instances of the built app (lib/cli/serve.ts)
// on the e2e database behind a load balancer that polls /api/ready (lib/cli/balancer.ts), as in a
// deployment: the clerk's browser talks to the balancer, the sale runs on instance A, the gateway is
// slowed so its call is in flight, and A is stopped. Here rather than in an integration test: it needs
// the production build, real processes and a browser that must get its answer.
import { spawn, type ChildProcess } from "node:child_process";
import type { Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { startBalancer, type Balancer } from "../../lib/cli/balancer";
import { buildIsCurrent, stopChild, waitForHttp } from "../../lib/cli/stack";
import { signIn } from "../support/auth";
import { query } from "../support/db";
import { DATABASE_URL, ENCRYPTION_KEY } from "../support/env";
import { expect, failedToLoad, test } from "../support/fixtures";
import { waitForOutput } from "../support/processes";
import { sandbox } from "../support/sandbox";
import { amountField, chooseAccount, fillBilling, fillCard, submitPayment, uniqueTag } from "../terminal/terminal-helpers";

const PORT_A = Number(process.env.E2E_SHUTDOWN_PORT ?? 3196);
const PORT_B = PORT_A + 1;
const BALANCER_URL = `http://127.0.0.1:${PORT_A + 2}`;
const TSX = join(process.cwd(), "node_modules", ".bin", "tsx");
const AUTH_SECRET = randomBytes(32).toString("base64");
const nodeUrl = (port: number) => `http://127.0.0.1:${port}`;

let balancer: Balancer;
let nodeB: ChildProcess;
/** The instance a test stops; one a failed test left running is stopped after it. */
let nodeA: ChildProcess | undefined;

/** One instance on `port`, sharing the e2e database, its sandbox accounts and (through the balancer) its public URL. */
async function startNode(port: number, env: Record<string, string>): Promise<{ child: ChildProcess; output: { text: string } }> {
  const child = spawn(TSX, ["lib/cli/serve.ts", "-p", String(port), "-H", "127.0.0.1"], {
    env: {
      ...process.env,
      DATABASE_URL,
      APP_ENCRYPTION_KEY: ENCRYPTION_KEY,
      AUTH_SECRET,
      APP_URL: BALANCER_URL,
      WEB_CONCURRENCY: "1",
      DATABASE_POOL_SIZE: "4",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = { text: "" };
  await waitForOutput(child, /Ready in/, 120_000, output);
  await waitForHttp(`${nodeUrl(port)}/api/health`, 60_000);
  // A fresh instance loads each route's code on its first request: warm the ones the clerk uses, so a
  // busy machine does not stretch the first sign-in past the helpers' waits.
  for (const path of ["/sign-in", "/api/auth/csrf", "/api/auth/session", "/terminal"]) await (await fetch(`${nodeUrl(port)}${path}`, { redirect: "manual" })).body?.cancel();
  return { child, output };
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code))));

/**
 * Signs the clerk in (on B: the session is valid on every instance), starts instance A with `env` and
 * opens the terminal once the balancer sends to A, slows BluePay's next answer by `latencyMs`, keys a
 * sale of `amount` and presses Charge; resolves once its row is written (the gateway call is in
 * flight), with A and the unique last name the sale carries.
 */
async function saleInFlightOnA(page: Page, opts: { env: Record<string, string>; latencyMs: number; amount: string }) {
  await signIn(page, "clerk");
  const a = await startNode(PORT_A, { RECONCILE_INTERVAL_MS: "0", ...opts.env });
  nodeA = a.child;
  await expect.poll(() => balancer.isReady(nodeUrl(PORT_A))).toBe(true);
  await page.goto("/terminal");
  await sandbox.addFault({ gateway: "bluepay", mode: "latency", latencyMs: opts.latencyMs, count: 1, pathIncludes: "bp10emu" });
  const lastName = await keySale(page, opts.amount);
  await expect.poll(() => saleRow(lastName)).toHaveLength(1);
  return { a, lastName };
}

/** Keys a $N.00 BluePay sale as the clerk and presses Charge; returns the unique last name it carries. */
async function keySale(page: Page, amount: string): Promise<string> {
  const lastName = `Shutdown${uniqueTag()}`;
  await chooseAccount(page, "seed-bluepay");
  await fillBilling(page, { firstName: "Sigrid", lastName, address1: "Main Street 15", postalCode: "62701" });
  await fillCard(page, { number: "4111111111111111", cvv: "737" });
  await page.getByLabel("Save card to this customer").uncheck();
  await amountField(page).fill(amount);
  await submitPayment(page);
  return lastName;
}

async function saleRow(lastName: string) {
  const rows = await query<{ id: string; status: string; reference: string }>(`SELECT id, status, reference FROM "Transaction" WHERE billing->>'lastName' = $1`, [lastName]);
  return rows;
}

async function approvedAtSandbox(reference: string): Promise<number> {
  const { entries } = await sandbox.ledger<{ reference?: string; kind: string; status: string }>("bluepay");
  return entries.filter((e) => e.reference === reference && e.kind === "sale" && e.status === "approved").length;
}

test.describe.serial("graceful shutdown", () => {
  test.beforeAll(async () => {
    test.setTimeout(240_000);
    expect(buildIsCurrent(), "the production build is older than the sources: run `next build` first").toBe(true);
    // B is the instance that survives; its reconciler runs every second.
    balancer = await startBalancer({ upstreams: [nodeUrl(PORT_A), nodeUrl(PORT_B)], mode: "first-ready", port: PORT_A + 2 });
    nodeB = (await startNode(PORT_B, { RECONCILE_INTERVAL_MS: "1000" })).child;
  });

  test.afterEach(async () => {
    await stopChild(nodeA, { graceMs: 10_000 });
    nodeA = undefined;
  });

  test.afterAll(async () => {
    await stopChild(nodeB, { graceMs: 10_000 });
    await balancer?.close();
    await sandbox.clearFaults();
    await query(`UPDATE "GatewayAccount" SET "timeoutMs" = 15000 WHERE id = 'seed-bluepay'`);
  });

  test.use({ baseURL: BALANCER_URL });

  test("SIGTERM during a sale: the instance answers not-ready, refuses new connections, finishes the sale and exits; the clerk sees it approved", async ({ page }) => {
    test.setTimeout(180_000);
    const { a, lastName } = await saleInFlightOnA(page, { env: { SHUTDOWN_DRAIN_MS: "3000" }, latencyMs: 6_000, amount: "15.00" });
    expect((await saleRow(lastName))[0]!.status).toBe("pending");

    const exit = exited(a.child);
    a.child.kill("SIGTERM");
    // Draining, once the signal has gone through tsx and the primary: not ready (the balancer stops sending work), still serving.
    const ready = () => fetch(`${nodeUrl(PORT_A)}/api/ready`).then(async (res) => ({ status: res.status, body: (await res.json()) as unknown }));
    await expect.poll(ready, { timeout: 2_500, intervals: [50] }).toMatchObject({ status: 503, body: { ready: false, shuttingDown: true } });
    await expect.poll(() => balancer.isReady(nodeUrl(PORT_A))).toBe(false);
    // Then no new connection is taken, while the sale is still waiting for the gateway.
    await expect
      .poll(
        () =>
          fetch(`${nodeUrl(PORT_A)}/api/health`).then(
            () => "answered",
            (err: Error & { cause?: { code?: string } }) => err.cause?.code ?? err.message,
          ),
        { timeout: 5_000 },
      )
      .toBe("ECONNREFUSED");
    expect((await saleRow(lastName))[0]!.status, "the sale is still in flight when the listener closes").toBe("pending");

    // The sale ends on A and the clerk gets its answer; the pages after it come from B.
    const routedToB = balancer.routed[nodeUrl(PORT_B)]!;
    await page.waitForURL(/\/terminal\/result\//, { timeout: 20_000 });
    await expect(page.getByTestId("status-badge").first()).toHaveAttribute("data-status", "approved");
    expect(balancer.routed[nodeUrl(PORT_B)]!).toBeGreaterThan(routedToB);
    expect(await exit, `A should exit cleanly:\n${a.output.text.slice(-2000)}`).toBe(0);
    expect(a.output.text).toContain("stopping: not ready but serving for 3000 ms");
    expect(a.output.text, "the sale was answered by A").toMatch(/"method":"POST","route":"\/terminal"[^\n]*"action":true,"status":200/);

    const [row] = await saleRow(lastName);
    expect(row!.status).toBe("approved");
    expect(await approvedAtSandbox(row!.reference)).toBe(1);
    expect(balancer.failed).toBe(0);
  });

  test("a sale cut off by the shutdown's time limit is left pending, found again by the clerk and reconciled by the surviving instance", async ({ page, allowConsoleError }) => {
    test.setTimeout(180_000);
    // A's worker is killed under the sale: the balancer answers the browser's request with 502.
    allowConsoleError(failedToLoad(502));
    await query(`UPDATE "GatewayAccount" SET "timeoutMs" = 4000 WHERE id = 'seed-bluepay'`);
    const { a, lastName } = await saleInFlightOnA(page, { env: { SHUTDOWN_TIMEOUT_MS: "1000" }, latencyMs: 3_000, amount: "17.00" });
    const exit = exited(a.child);
    a.child.kill("SIGTERM");
    expect(await exit, "A gave up on the sale after SHUTDOWN_TIMEOUT_MS").toBe(1);
    expect(a.output.text).toContain("still busy 1000 ms after the drain");
    await expect(page.getByText("The server could not be reached, so we cannot tell yet whether this went through.")).toBeVisible();
    expect((await saleRow(lastName))[0]!.status).toBe("pending");

    // The clerk presses the button again, as the message says: B returns the same transaction, no second charge.
    await submitPayment(page);
    await page.waitForURL(/\/terminal\/result\//, { timeout: 20_000 });
    const rows = await saleRow(lastName);
    expect(rows).toHaveLength(1);
    expect(page.url()).toContain(rows[0]!.id);
    // B's reconciler asks the gateway once the row is older than twice the account's timeout.
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.getByTestId("status-badge").first().getAttribute("data-status");
        },
        { timeout: 40_000, intervals: [2_000] },
      )
      .toBe("approved");
    expect(await approvedAtSandbox(rows[0]!.reference)).toBe(1);
    const [audit] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE "targetId" = $1 AND action = 'payment.reconciled'`, [rows[0]!.id]);
    expect(audit!.n).toBe(1);
  });
});
