// The stack the Playwright suite drives (started by playwright.config.ts's webServer), on the
// existing production build, in one of two shapes:
// - server (default): a fresh database on the PostgreSQL server, migrated and seeded, the gateway
//   sandbox and `next start`; the database is dropped on SIGTERM/SIGINT;
// - E2E_DATABASE=embedded: exactly what a user runs first — `npm start` (lib/cli/start.ts) with no
//   DATABASE_URL, on the embedded database in a fresh data folder, removed afterwards.
import { mailCatcherPort } from "../../sandbox/mail";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { createScratchDatabase, DEFAULT_TEST_SERVER, type ScratchDatabase } from "../testing/scratch-database";
import { dropRole, grantAppRole } from "./app-role";
import { assertPortsFree, migrate, ROOT, seedDatabase, waitForHttp, type Env } from "./stack";

const port = Number(process.env.E2E_PORT ?? 3100);
const sandboxPort = Number(process.env.E2E_SANDBOX_PORT ?? 4110);
const pglitePort = Number(process.env.E2E_PGLITE_PORT ?? 54339);
const embeddedStart = process.env.E2E_DATABASE === "embedded";
const outDir = join(ROOT, "test-results");
const appLog = join(outDir, "app.log");
const sandboxLog = join(outDir, "sandbox.log");
const log = (s: string) => console.log(`e2e-server: ${s}`);
/** /api/metrics answers only with a token (lib/metrics/access.ts); specs read it from e2e-server.json. */
const metricsToken = process.env.METRICS_TOKEN || randomBytes(16).toString("hex");
/** The recurring charger runs every 2 s here (60 s by default): e2e/transactions/recurring.spec.ts waits for it. */
const RECURRING_INTERVAL_MS = process.env.RECURRING_INTERVAL_MS || "2000";

/** Starts a child whose stdout and stderr go to `logFile` only, keeping the test output readable. */
function startLogged(cmd: string, args: string[], env: Env, logFile: string): ChildProcess {
  const fd = openSync(logFile, "a");
  return spawn(join(ROOT, "node_modules", ".bin", cmd), args, { env: { ...process.env, ...env }, stdio: ["ignore", fd, fd] });
}

const tail = (file: string) => (existsSync(file) ? readFileSync(file, "utf8").split("\n").slice(-40).join("\n") : "");

const children: ChildProcess[] = [];
let database: ScratchDatabase | undefined;
let dataDir: string | undefined;
/** The app's own database role on the server: rows only, as in production (lib/cli/app-role.ts). */
let appRole: string | undefined;
let stopping: Promise<never> | undefined;

// Playwright signals the whole process group, so SIGTERM can arrive twice (directly and relayed by
// tsx): every call waits for the one shutdown, which drops the database before exiting.
function stop(code: number): Promise<never> {
  stopping ??= shutdown(code);
  return stopping;
}

async function shutdown(code: number): Promise<never> {
  const exited = (c: ChildProcess) =>
    new Promise<void>((resolve) => {
      if (c.exitCode !== null || c.signalCode !== null) return resolve();
      const force = setTimeout(() => c.kill("SIGKILL"), 5000);
      c.once("exit", () => {
        clearTimeout(force);
        resolve();
      });
      c.kill("SIGTERM");
    });
  await Promise.all(children.map(exited));
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  await database?.drop().catch((err: Error) => console.error(`e2e-server: could not drop the database: ${err.message}`));
  if (appRole) await dropRole(process.env.TEST_DATABASE_URL || DEFAULT_TEST_SERVER, appRole).catch((err: Error) => console.error(`e2e-server: could not drop role ${appRole}: ${err.message}`));
  process.exit(code);
}

function watch(child: ChildProcess, file: string): void {
  child.on("exit", (code) => {
    if (stopping) return;
    console.error(`e2e-server: ${file} ended with ${code}:\n${tail(file)}`);
    void stop(code || 1);
  });
}

/** `encryptionKey`: the app's APP_ENCRYPTION_KEY (a throwaway), for specs that read sealed values back. */
let ownerUrl = "";

function writeServerInfo(info: { databaseUrl: string; embedded: boolean; encryptionKey?: string }): void {
  ownerUrl = info.databaseUrl;
  mkdirSync(outDir, { recursive: true });
  writeFileSync(
    join(outDir, "e2e-server.json"),
    JSON.stringify({ appUrl: `http://127.0.0.1:${port}`, sandboxUrl: `http://127.0.0.1:${sandboxPort}`, ...info, appLog, metricsToken }, null, 2),
  );
}

/** `npm start` with no DATABASE_URL, as the README tells a new user; the sandbox's output shares the app's log. */
async function startEmbedded(): Promise<void> {
  dataDir = mkdtempSync(join(tmpdir(), "keyed-e2e-embedded-"));
  const env: Env = { KEYED_DATA_DIR: dataDir, PORT: String(port), SANDBOX_PORT: String(sandboxPort), PGLITE_PORT: String(pglitePort), METRICS_TOKEN: metricsToken, RECURRING_INTERVAL_MS };
  const inherited = { ...process.env };
  for (const name of ["DATABASE_URL", "AUTH_SECRET", "APP_ENCRYPTION_KEY", "APP_URL", "SANDBOX_URL", "WEB_CONCURRENCY", "DATABASE_POOL_SIZE"]) delete inherited[name];
  mkdirSync(outDir, { recursive: true });
  const fd = openSync(appLog, "a");
  const child = spawn(join(ROOT, "node_modules", ".bin", "tsx"), ["lib/cli/start.ts"], { env: { ...inherited, ...env }, stdio: ["ignore", fd, fd] });
  children.push(child);
  watch(child, appLog);
  const databaseUrl = `postgresql://postgres:postgres@127.0.0.1:${pglitePort}/postgres?sslmode=disable`;
  writeServerInfo({ databaseUrl, embedded: true });
  await waitForHttp(`http://127.0.0.1:${sandboxPort}/_sandbox/health`, 120_000);
  await waitForHttp(`http://127.0.0.1:${port}/api/health`, 120_000);
  // The start generated the key into the data folder.
  const secrets = JSON.parse(readFileSync(join(dataDir, "secrets.json"), "utf8")) as { APP_ENCRYPTION_KEY?: string };
  writeServerInfo({ databaseUrl, embedded: true, encryptionKey: secrets.APP_ENCRYPTION_KEY });
  log(`npm start (embedded database, data in ${dataDir}) serves http://127.0.0.1:${port}; its output is in ${appLog}`);
}

async function startOnServer(): Promise<void> {
  database = await createScratchDatabase({ prefix: "keyed_e2e", embeddedPort: pglitePort, log });
  const env = {
    AUTH_SECRET: process.env.AUTH_SECRET || randomBytes(32).toString("base64"),
    APP_ENCRYPTION_KEY: process.env.APP_ENCRYPTION_KEY || randomBytes(32).toString("base64"),
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: database.embedded ? "4" : "10",
    SANDBOX_URL: `http://127.0.0.1:${sandboxPort}`,
    SANDBOX_PORT: String(sandboxPort),
    APP_URL: `http://127.0.0.1:${port}`,
    PORT: String(port),
    METRICS_TOKEN: metricsToken,
    RECURRING_INTERVAL_MS,
  };

  await migrate(env);
  await seedDatabase(env);
  log("database migrated and seeded");
  // Specs keep the owner's connection (e2e-server.json) to arrange and inspect; the app gets row access only.
  if (!database.embedded) {
    appRole = `keyed_e2e_app_${randomBytes(4).toString("hex")}`;
    env.DATABASE_URL = await grantAppRole(database.url, appRole, randomBytes(12).toString("hex"));
    log(`the app connects as ${appRole}, which may only read and write rows`);
  }

  mkdirSync(outDir, { recursive: true });
  const sandbox = startLogged("tsx", ["sandbox/server.ts"], { ...env, SANDBOX_STATE_FILE: "" }, sandboxLog);
  const app = startLogged("tsx", ["lib/cli/serve.ts", "-p", String(port), "-H", "127.0.0.1"], { ...env, WEB_CONCURRENCY: "1" }, appLog);
  children.push(sandbox, app);
  watch(sandbox, sandboxLog);
  watch(app, appLog);
  writeServerInfo({ databaseUrl: database.url, embedded: database.embedded, encryptionKey: env.APP_ENCRYPTION_KEY });
  await waitForHttp(`${env.SANDBOX_URL}/_sandbox/health`, 30_000);
  await waitForHttp(`${env.APP_URL}/api/health`, 120_000);
  log(`app at ${env.APP_URL}, sandbox at ${env.SANDBOX_URL}; their output is in ${appLog} and ${sandboxLog}`);
}

async function main() {
  if (!existsSync(join(ROOT, ".next", "BUILD_ID"))) throw new Error("no production build: run `next build` first (npm test does)");
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  await assertPortsFree([
    { port, what: "the e2e app", variable: "E2E_PORT" },
    { port: sandboxPort, what: "the e2e gateway sandbox", variable: "E2E_SANDBOX_PORT" },
    { port: mailCatcherPort(sandboxPort), what: "the e2e sandbox's mail catcher (E2E_SANDBOX_PORT + 1)", variable: "E2E_SANDBOX_PORT" },
    { port: pglitePort, what: "the e2e embedded database", variable: "E2E_PGLITE_PORT" },
  ]);
  await (embeddedStart ? startEmbedded() : startOnServer());
  await turnOffRepeatWindow();
}

/**
 * Specs key the same test card and amount for the same customer within minutes, which the repeat
 * window (lib/services/payments/risk.ts) would hold; e2e/terminal/risk.spec.ts tests the window on
 * an account of its own.
 */
async function turnOffRepeatWindow(): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query(`UPDATE "GatewayAccount" SET "repeatWindowSeconds" = 0`);
  } finally {
    await client.end();
  }
}

main().catch(async (err: Error) => {
  console.error(`e2e-server: ${err.message}`);
  await stop(1);
});
