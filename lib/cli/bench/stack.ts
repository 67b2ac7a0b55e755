// The system under measurement: a fresh database on the local PostgreSQL server (migrated and
// seeded), the gateway sandbox, and `next start` on the existing production build — each a child
// process, so the load generator's own event loop does not share a thread with the app.
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, type WriteStream } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { createDb, type Db } from "../../db";
import { hashPassword } from "../../services/passwords";
import { assertPortsFree, migrate, ROOT, seedDatabase, startChild, waitForHttp, type Env } from "../stack";

// The app and PostgreSQL share this machine, so the app connects over PostgreSQL's Unix socket when
// the server has the usual one, as a co-located deployment should: over TCP loopback each query costs
// the app about 0.4 ms more CPU on these machines (measured, BENCHMARKS.md). BENCH_DATABASE_SERVER overrides.
const SOCKET_DIR = "/var/run/postgresql";
const SERVER_URL =
  process.env.BENCH_DATABASE_SERVER ??
  (existsSync(join(SOCKET_DIR, ".s.PGSQL.5432")) ? `postgresql://postgres@localhost/postgres?host=${SOCKET_DIR}` : "postgresql://postgres@127.0.0.1:5432/postgres");

/** Where the benchmark's database server is, for the report. */
export const databaseServer = new URL(SERVER_URL).searchParams.get("host") ? `PostgreSQL over its Unix socket (${SOCKET_DIR})` : `PostgreSQL ${new URL(SERVER_URL).host}`;

export const distDir = process.env.NEXT_DIST_DIR || ".next";

/** Stops with a clear instruction when there is no production build to measure. */
export function requireBuild(): void {
  if (existsSync(join(ROOT, distDir, "BUILD_ID"))) return;
  throw new Error(
    `no production build in ${distDir}/ — build one first, e.g.\n  NEXT_DIST_DIR=.next-bench npx next build\n` +
      `and run with the same folder:\n  NEXT_DIST_DIR=.next-bench npm run bench`,
  );
}

export interface Stack {
  appUrl: string;
  sandboxUrl: string;
  databaseUrl: string;
  db: Db;
  env: Env;
  logFile: string;
  /** Process ids of the app (the serve.ts primary; its workers are its children) and the sandbox. */
  pids(): { app?: number; sandbox?: number };
  /** Kills the app process (SIGKILL, as a crash would) and starts it again; resolves when it answers. */
  restartApp(): Promise<void>;
  stop(): Promise<void>;
}

async function onServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end().catch(() => {});
  }
}

function stopChild(child: ChildProcess | undefined, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    const force = setTimeout(() => child.kill("SIGKILL"), 5000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill(signal);
  });
}

export async function startStack(opts: {
  name: string;
  appPort: number;
  sandboxPort: number;
  /** The variables that set the two ports (BENCH → BENCH_PORT, BENCH_SANDBOX_PORT), for the busy-port message. */
  portVariables: "BENCH" | "SOAK";
  extraEnv?: Env;
  log: (line: string) => void;
}): Promise<Stack> {
  requireBuild();
  // Fail fast: on a busy port the load would go to another program and its answers would be measured.
  await assertPortsFree([
    { port: opts.appPort, what: "the measured app", variable: `${opts.portVariables}_PORT` },
    { port: opts.sandboxPort, what: "the gateway sandbox", variable: `${opts.portVariables}_SANDBOX_PORT` },
  ]);
  const database = opts.name;
  await onServer(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await onServer(`CREATE DATABASE "${database}"`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${database}`;
  const appUrl = `http://127.0.0.1:${opts.appPort}`;
  const sandboxUrl = `http://127.0.0.1:${opts.sandboxPort}`;
  const env: Env = {
    AUTH_SECRET: process.env.AUTH_SECRET || randomBytes(32).toString("base64"),
    APP_ENCRYPTION_KEY: process.env.APP_ENCRYPTION_KEY || randomBytes(32).toString("base64"),
    DATABASE_URL: url.toString(),
    DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? "20",
    SANDBOX_URL: sandboxUrl,
    SANDBOX_PORT: String(opts.sandboxPort),
    SANDBOX_STATE_FILE: "",
    APP_URL: appUrl,
    PORT: String(opts.appPort),
    NEXT_DIST_DIR: distDir,
    NODE_ENV: "production",
    RECONCILE_INTERVAL_MS: "0",
    ...opts.extraEnv,
  };
  await migrate(env);
  await seedDatabase(env);
  opts.log(`database ${database} created, migrated and seeded`);

  const outDir = join(ROOT, "test-results");
  mkdirSync(outDir, { recursive: true });
  const logFile = join(outDir, `${opts.name}-app.log`);
  const logStream: WriteStream = createWriteStream(logFile, { flags: "w" });

  // Children's output goes to the log file only: the benchmark's own output stays readable.
  const quiet = (child: ChildProcess) => {
    child.stdout?.removeAllListeners("data");
    child.stderr?.removeAllListeners("data");
    child.stdout?.on("data", (c: Buffer) => logStream.write(c));
    child.stderr?.on("data", (c: Buffer) => logStream.write(c));
    return child;
  };
  const sandbox = quiet(startChild("tsx", ["sandbox/server.ts"], env, "sandbox"));
  let app: ChildProcess | undefined;
  const startApp = async () => {
    app = quiet(startChild("tsx", ["lib/cli/serve.ts", "-p", String(opts.appPort), "-H", "127.0.0.1"], env, "app"));
    await waitForHttp(`${appUrl}/api/health`, 120_000);
  };
  await waitForHttp(`${sandboxUrl}/_sandbox/health`, 30_000);
  await startApp();
  opts.log(`app (${distDir}) at ${appUrl}, sandbox at ${sandboxUrl}; app log in ${logFile}`);

  // Not lib/db.ts's `db`: that one is built from this process's DATABASE_URL, which is not set here.
  const db = createDb(env.DATABASE_URL);
  return {
    appUrl,
    sandboxUrl,
    databaseUrl: env.DATABASE_URL!,
    db,
    env,
    logFile,
    pids: () => ({ app: app?.pid, sandbox: sandbox.pid }),
    async restartApp() {
      await stopChild(app, "SIGKILL");
      await startApp();
    },
    async stop() {
      await db.$disconnect().catch(() => {});
      await Promise.all([stopChild(app), stopChild(sandbox)]);
      logStream.end();
      if (!process.env.BENCH_KEEP_DATABASE) await onServer(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => {});
    },
  };
}

/** Clerk users sharing one password (hashed once: bcrypt at cost 12 takes a quarter second). */
export async function createClerks(db: Db, count: number, prefix: string): Promise<{ email: string; password: string }[]> {
  const password = `bench-${randomBytes(6).toString("hex")}`;
  const passwordHash = await hashPassword(password);
  const out: { email: string; password: string }[] = [];
  for (let i = 0; i < count; i++) {
    const email = `${prefix}-${i + 1}@bench.keyed.test`;
    await db.user.create({ data: { email, name: `${prefix} clerk ${i + 1}`, role: "clerk", passwordHash } });
    out.push({ email, password });
  }
  return out;
}

/** Sandbox control API: added latency for every gateway call, probabilistic faults, ledgers. */
export const sandboxControl = (sandboxUrl: string) => ({
  async latency(ms: number) {
    await fetch(`${sandboxUrl}/_sandbox/latency`, { method: "POST", body: JSON.stringify({ ms }) });
  },
  async fault(rule: { gateway?: string; mode: string; rate?: number; count?: number }) {
    await fetch(`${sandboxUrl}/_sandbox/faults`, { method: "POST", body: JSON.stringify(rule) });
  },
  async clearFaults() {
    await fetch(`${sandboxUrl}/_sandbox/faults`, { method: "DELETE" });
  },
  async ledger(gateway: string): Promise<{ gatewayTransactionId: string; reference?: string; kind: string; status: string; amount: number }[]> {
    const res = await fetch(`${sandboxUrl}/_sandbox/ledger/${gateway}`);
    return ((await res.json()) as { entries: { gatewayTransactionId: string; reference?: string; kind: string; status: string; amount: number }[] }).entries;
  },
});
