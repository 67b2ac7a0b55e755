// `npm start`, in one of two modes, chosen by DATABASE_URL:
// - demo (no DATABASE_URL): an embedded PostgreSQL with its data in .data/ (KEYED_DATA_DIR moves it),
//   secrets generated once into that folder, migrations applied, demo users and sandbox gateway
//   accounts written on the first start, the gateway sandbox beside the app, logins printed;
// - production (DATABASE_URL): secrets only from the environment, migrations must already be applied
//   (`npm run db:migrate`), no demo data and no sandbox unless KEYED_DEMO_DATA=1 asks for them, and a
//   refusal to start, one line each, when a production check fails (lib/cli/production-checks.ts).
import { mailCatcherPort } from "../../sandbox/mail";
import type { ChildProcess } from "node:child_process";
import { join, resolve } from "node:path";
import pg from "pg";
import { DEMO_TOTP_SECRET, DEMO_USERS } from "../../prisma/demo-users";
import { migrationProblem, migrationState } from "../migration-state";
import { productionChecks, secretProblem } from "./production-checks";
import { shutdownTimings } from "../shutdown";
import { assertPortsFree, buildIfStale, ensureSecrets, migrate, resolveDatabase, ROOT, seedDatabase, startChild, stopChild, waitForHttp, type Env } from "./stack";

const dev = process.argv.includes("--dev");
const production = Boolean(process.env.DATABASE_URL);
const demoData = !production || process.env.KEYED_DEMO_DATA === "1";
const port = Number(process.env.PORT ?? 3000);
const sandboxPort = Number(process.env.SANDBOX_PORT ?? 4010);
const pglitePort = Number(process.env.PGLITE_PORT ?? 54329);
const dataDir = process.env.KEYED_DATA_DIR ? resolve(process.env.KEYED_DATA_DIR) : join(ROOT, ".data");
const log = (s: string) => console.log(`keyed: ${s}`);

const children: ChildProcess[] = [];
let app: ChildProcess | undefined;
let stopping = false;
let stopDatabase: (() => Promise<void>) | undefined;

/**
 * The app first, given the time its graceful shutdown may take (lib/shutdown.ts), while the sandbox (a
 * demo's gateway) and the database its requests in flight still need keep running; then the rest.
 * A second signal is passed on to the app, which then skips its drain.
 */
async function stop(code: number): Promise<void> {
  if (stopping) return void app?.kill("SIGTERM");
  stopping = true;
  const { drainMs, timeoutMs } = shutdownTimings();
  await stopChild(app, { graceMs: drainMs + timeoutMs + 5_000 });
  await Promise.all(children.map((c) => stopChild(c)));
  await stopDatabase?.();
  process.exit(code);
}

/** Production: nothing is written before every check that blocks a start has passed. */
async function checkProduction(): Promise<void> {
  const results = await productionChecks(process.env, { demoDataAsked: demoData });
  const blocking = results.filter((r) => !r.ok && r.blocksStart);
  if (blocking.length) throw new Error(`refusing a production start:\n${blocking.map((r) => `  ${r.name}: ${r.detail}`).join("\n")}\n(\`npm run doctor\` lists every check)`);
  for (const r of results.filter((r) => !r.ok)) log(`warning: ${r.name}: ${r.detail}`);
}

/** Demo: pending migrations are applied; a database from a newer Keyed is refused before anything is written. */
async function migrateDemo(env: Env): Promise<void> {
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  try {
    const state = await migrationState(client);
    if (state.unknown.length || state.failed.length) throw new Error(migrationProblem(state, ""));
  } finally {
    await client.end().catch(() => {});
  }
  await migrate(env);
}

async function main() {
  await assertPortsFree([
    { port, what: "the app", variable: "PORT" },
    ...(demoData
      ? [
          { port: sandboxPort, what: "the gateway sandbox", variable: "SANDBOX_PORT" },
          { port: mailCatcherPort(sandboxPort), what: "the sandbox's mail catcher (SANDBOX_PORT + 1)", variable: "SANDBOX_PORT" },
        ]
      : []),
    ...(production ? [] : [{ port: pglitePort, what: "the embedded database", variable: "PGLITE_PORT" }]),
  ]);
  if (production) await checkProduction();
  else {
    // The demo generates missing secrets, but one given in the environment must be well-formed.
    for (const name of ["AUTH_SECRET", "APP_ENCRYPTION_KEY"] as const) {
      const problem = process.env[name] && secretProblem(name);
      if (problem) throw new Error(problem);
    }
  }

  const secrets = production ? {} : ensureSecrets(dataDir, log);
  const database = await resolveDatabase({ dataDir: join(dataDir, "pglite"), port: pglitePort }, log);
  stopDatabase = database.embedded && (() => database.embedded!.stop());
  const env: Env = {
    ...secrets,
    DATABASE_URL: database.url,
    // The embedded database serves one connection at a time (lib/cli/embedded-postgres/server.ts); a small pool is all it can use.
    DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? (database.embedded ? "4" : "10"),
    // One app process per core on a PostgreSQL server (lib/cli/serve.ts); one on the embedded database.
    WEB_CONCURRENCY: process.env.WEB_CONCURRENCY ?? (database.embedded ? "1" : ""),
    APP_URL: process.env.APP_URL ?? `http://127.0.0.1:${port}`,
    PORT: String(port),
    ...(demoData ? { SANDBOX_URL: `http://127.0.0.1:${sandboxPort}`, SANDBOX_PORT: String(sandboxPort) } : {}),
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));

  if (!production) {
    log("applying migrations…");
    await migrateDemo(env);
  }
  if (demoData) {
    log("demo data…");
    await seedDatabase(env);
    children.push(startChild("tsx", ["sandbox/server.ts"], { ...env, SANDBOX_STATE_FILE: join(dataDir, "sandbox-state.json") }, "sandbox"));
  }
  if (!dev) await buildIfStale(env, log);
  app = dev ? startChild("next", ["dev", "-p", String(port)], env, "app") : startChild("tsx", ["lib/cli/serve.ts", "-p", String(port)], env, "app");
  children.push(app);
  for (const c of children) c.on("exit", (code) => !stopping && void stop(code ?? 1));

  await waitForHttp(`http://127.0.0.1:${port}/api/health`, 120_000);
  console.log(
    [
      "",
      `Keyed is running at http://127.0.0.1:${port}${demoData ? `  (gateway sandbox at ${env.SANDBOX_URL})` : ""}`,
      ...(demoData
        ? [
            "Demo sign-ins (sandbox only):",
            ...DEMO_USERS.map((u) => `  ${u.role.padEnd(8)} ${u.email.padEnd(22)} ${u.password}`),
            `Two-step sign-in: add the key ${DEMO_TOTP_SECRET} to an authenticator app, or run \`npm run demo:code\` for the current code.`,
            `Emailed receipts arrive at the sandbox's mail catcher: ${env.SANDBOX_URL}/_sandbox/mail`,
          ]
        : ["Production mode (DATABASE_URL): no demo data. Create the first admin with `npm run admin:create`."]),
      "Press Ctrl+C to stop.",
      "",
    ].join("\n"),
  );
}

main().catch(async (err: Error) => {
  console.error(err.message.split("\n").map((l) => `keyed: ${l}`).join("\n"));
  for (const c of children) c.kill("SIGTERM");
  await stopDatabase?.().catch(() => {});
  process.exit(1);
});
