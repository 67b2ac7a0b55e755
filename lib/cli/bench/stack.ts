// The system under measurement: a fresh database on the local PostgreSQL server (migrated and
// seeded), the gateway sandbox, and `next start` on the existing production build — each a child
// process, so the load generator's own event loop does not share a thread with the app.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, openSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { createDb, type Db } from "../../db";
import { hashPassword } from "../../services/passwords";
import { SETTING_KEYS } from "../../services/settings";
import { assertPortsFree, migrate, ROOT, seedDatabase, stopChild, waitForHttp, type Env } from "../stack";

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
  /** The first app instance's URL. */
  appUrl: string;
  /** Every app instance's URL, on consecutive ports from appPort. */
  appUrls: string[];
  sandboxUrl: string;
  databaseUrl: string;
  db: Db;
  env: Env;
  /** The first app instance's output; instance i's is logFiles[i] (each start of it appends a line `--- start N ---`). */
  logFile: string;
  logFiles: string[];
  /** Process ids of the first app instance (the tsx wrapper; the serve.ts primary and its workers are below it) and the sandbox. */
  pids(): { app?: number; sandbox?: number };
  /** Kills app instance `i` (default 0) with SIGKILL — its primary and workers at once, as a crash of its machine would — and starts it again; resolves when it answers. */
  restartApp(i?: number): Promise<void>;
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

export async function startStack(opts: {
  name: string;
  appPort: number;
  sandboxPort: number;
  /** The variables that set the two ports (BENCH → BENCH_PORT, BENCH_SANDBOX_PORT), for the busy-port message. */
  portVariables: "BENCH" | "SOAK";
  /** App instances (separate processes, on appPort, appPort + 1, …), default 1. */
  nodes?: number;
  extraEnv?: Env;
  log: (line: string) => void;
}): Promise<Stack> {
  requireBuild();
  // Fail fast: on a busy port the load would go to another program and its answers would be measured.
  const nodes = opts.nodes ?? 1;
  const appPorts = Array.from({ length: nodes }, (_, i) => opts.appPort + i);
  await assertPortsFree([
    ...appPorts.map((port, i) => ({ port, what: `the measured app${nodes > 1 ? ` (instance ${i + 1})` : ""}`, variable: `${opts.portVariables}_PORT` })),
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
  const logFiles = appPorts.map((_, i) => join(outDir, `${opts.name}-app${i ? `-${i + 1}` : ""}.log`));
  for (const f of logFiles) writeFileSync(f, "");
  const sandboxLog = join(outDir, `${opts.name}-sandbox.log`);
  // Children's output goes to log files only: the benchmark's own output stays readable. Each instance
  // leads its own process group, so a kill reaches its primary and workers at once (killing the tsx
  // wrapper alone would leave the server it started running).
  const spawnLogged = (args: string[], childEnv: Env, logFile: string) =>
    spawn(join(ROOT, "node_modules", ".bin", "tsx"), args, { env: { ...process.env, ...childEnv }, stdio: ["ignore", openSync(logFile, "a"), openSync(logFile, "a")], detached: true });
  const sandbox = spawnLogged(["sandbox/server.ts"], env, sandboxLog);
  const apps: (ChildProcess | undefined)[] = appPorts.map(() => undefined);
  const starts = appPorts.map(() => 0);
  const appUrls = appPorts.map((port) => `http://127.0.0.1:${port}`);
  const startApp = async (i: number) => {
    appendFileSync(logFiles[i]!, `--- start ${++starts[i]!} ---\n`);
    const port = String(appPorts[i]);
    apps[i] = spawnLogged(["lib/cli/serve.ts", "-p", port, "-H", "127.0.0.1"], { ...env, PORT: port }, logFiles[i]!);
    await waitForHttp(`${appUrls[i]}/api/health`, 120_000);
  };
  const killGroup = (child: ChildProcess | undefined, signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      process.kill(-child.pid, signal);
    });
  await waitForHttp(`${sandboxUrl}/_sandbox/health`, 30_000);
  await Promise.all(appPorts.map((_, i) => startApp(i)));
  opts.log(`app (${distDir}) at ${appUrls.join(", ")}, sandbox at ${sandboxUrl}; logs in ${logFiles.join(", ")}`);

  // Not lib/db.ts's `db`: that one is built from this process's DATABASE_URL, which is not set here.
  const db = createDb(env.DATABASE_URL);
  // Bench clerks charge the same saved card the same amount over and over, on purpose: the repeat
  // window (lib/services/payments/risk.ts) would hold every second sale. A merchant can turn it off too.
  await db.gatewayAccount.updateMany({ data: { repeatWindowSeconds: 0 } });
  return {
    appUrl: appUrls[0]!,
    appUrls,
    sandboxUrl,
    databaseUrl: env.DATABASE_URL!,
    db,
    env,
    logFile: logFiles[0]!,
    logFiles,
    pids: () => ({ app: apps[0]?.pid, sandbox: sandbox.pid }),
    async restartApp(i = 0) {
      await killGroup(apps[i], "SIGKILL");
      await startApp(i);
    },
    async stop() {
      await db.$disconnect().catch(() => {});
      await Promise.all([...apps, sandbox].map((c) => Promise.race([stopChild(c), new Promise((r) => setTimeout(r, 4_000))]).then(() => killGroup(c, "SIGKILL"))));
      if (!process.env.BENCH_KEEP_DATABASE) await onServer(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => {});
    },
  };
}

/**
 * Clerk users sharing one password (hashed once: bcrypt at cost 12 takes a quarter second). The
 * merchant's setting leaves the second factor optional for clerks, as an admin may choose: otherwise a
 * clerk without one reaches nothing but its setup page (lib/services/mfa-policy.ts).
 */
export async function createClerks(db: Db, count: number, prefix: string): Promise<{ email: string; password: string }[]> {
  await db.appSetting.upsert({ where: { key: SETTING_KEYS.clerkMfa }, create: { key: SETTING_KEYS.clerkMfa, value: "optional" }, update: { value: "optional" } });
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
