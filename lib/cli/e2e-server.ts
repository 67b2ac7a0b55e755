// The stack the Playwright suite drives (started by playwright.config.ts's webServer):
// a fresh database, migrated and seeded, the gateway sandbox and `next start` on the existing
// production build. The database is dropped on SIGTERM/SIGINT.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createScratchDatabase, type ScratchDatabase } from "../testing/scratch-database";
import { migrate, ROOT, seedDatabase, waitForHttp, type Env } from "./stack";

const port = Number(process.env.E2E_PORT ?? 3100);
const sandboxPort = Number(process.env.E2E_SANDBOX_PORT ?? 4110);
const outDir = join(ROOT, "test-results");
const appLog = join(outDir, "app.log");
const sandboxLog = join(outDir, "sandbox.log");
const log = (s: string) => console.log(`e2e-server: ${s}`);

/** Starts a child whose stdout and stderr go to `logFile` only, keeping the test output readable. */
function startLogged(cmd: string, args: string[], env: Env, logFile: string): ChildProcess {
  const fd = openSync(logFile, "a");
  return spawn(join(ROOT, "node_modules", ".bin", cmd), args, { env: { ...process.env, ...env }, stdio: ["ignore", fd, fd] });
}

const tail = (file: string) => (existsSync(file) ? readFileSync(file, "utf8").split("\n").slice(-40).join("\n") : "");

const children: ChildProcess[] = [];
let database: ScratchDatabase | undefined;
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
  await database?.drop().catch((err: Error) => console.error(`e2e-server: could not drop the database: ${err.message}`));
  process.exit(code);
}

async function main() {
  if (!existsSync(join(ROOT, ".next", "BUILD_ID"))) throw new Error("no production build: run `next build` first (npm test does)");
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));

  database = await createScratchDatabase({ prefix: "keyed_e2e", embeddedPort: Number(process.env.E2E_PGLITE_PORT ?? 54339), log });
  const env = {
    AUTH_SECRET: process.env.AUTH_SECRET || randomBytes(32).toString("base64"),
    APP_ENCRYPTION_KEY: process.env.APP_ENCRYPTION_KEY || randomBytes(32).toString("base64"),
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: database.embedded ? "4" : "10",
    SANDBOX_URL: `http://127.0.0.1:${sandboxPort}`,
    SANDBOX_PORT: String(sandboxPort),
    APP_URL: `http://127.0.0.1:${port}`,
    PORT: String(port),
  };

  await migrate(env);
  await seedDatabase(env);
  log("database migrated and seeded");

  mkdirSync(outDir, { recursive: true });
  children.push(startLogged("tsx", ["sandbox/server.ts"], { ...env, SANDBOX_STATE_FILE: "" }, sandboxLog));

  children.push(startLogged("tsx", ["lib/cli/serve.ts", "-p", String(port), "-H", "127.0.0.1"], { ...env, WEB_CONCURRENCY: "1" }, appLog));
  for (const [child, file] of [[children[0]!, sandboxLog], [children[1]!, appLog]] as const) {
    child.on("exit", (code) => {
      if (stopping) return;
      console.error(`e2e-server: ${file} ended with ${code}:\n${tail(file)}`);
      void stop(code || 1);
    });
  }

  writeFileSync(
    join(outDir, "e2e-server.json"),
    JSON.stringify({ appUrl: env.APP_URL, sandboxUrl: env.SANDBOX_URL, databaseUrl: database.url, embedded: database.embedded, appLog }, null, 2),
  );
  await waitForHttp(`${env.SANDBOX_URL}/_sandbox/health`, 30_000);
  await waitForHttp(`${env.APP_URL}/api/health`, 120_000);
  log(`app at ${env.APP_URL}, sandbox at ${env.SANDBOX_URL}; their output is in ${appLog} and ${sandboxLog}`);
}

main().catch(async (err: Error) => {
  console.error(`e2e-server: ${err.message}`);
  await stop(1);
});
