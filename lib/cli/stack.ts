// The pieces the start command and the end-to-end test server share: secrets, database,
// migrations, seed, sandbox and the Next.js server, each as a child process with one env.
import { spawn, type ChildProcess } from "node:child_process";
import { connect, createServer } from "node:net";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { checkDatabase } from "./database-url";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-postgres";

export const ROOT = process.cwd();
// These machines have no route to Next.js telemetry; do not try.
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
const BIN = join(ROOT, "node_modules", ".bin");

export type Env = Record<string, string | undefined>;

/** AUTH_SECRET and APP_ENCRYPTION_KEY from the environment, or generated once into the data folder. */
export function ensureSecrets(dataDir: string, log: (s: string) => void): Env {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, "secrets.json");
  const saved = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, string>) : {};
  const out: Env = {};
  let generated = false;
  for (const name of ["AUTH_SECRET", "APP_ENCRYPTION_KEY"] as const) {
    if (process.env[name]) continue;
    if (!saved[name]) {
      saved[name] = randomBytes(32).toString("base64");
      generated = true;
    }
    out[name] = saved[name];
  }
  if (generated) {
    writeFileSync(file, JSON.stringify(saved, null, 2), { mode: 0o600 });
    log(`generated AUTH_SECRET and APP_ENCRYPTION_KEY into ${file} (git-ignored; set them in the environment for a real deployment)`);
  }
  return out;
}

export interface Database {
  url: string;
  embedded?: EmbeddedPostgres;
}

/** DATABASE_URL when set (and reachable), otherwise the embedded PostgreSQL in `dataDir`. */
export async function resolveDatabase(opts: { dataDir?: string; port: number }, log: (s: string) => void): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (url) {
    await checkDatabase(url);
    return { url };
  }
  const embedded = await startEmbeddedPostgres(opts);
  log(`embedded PostgreSQL (PGlite) ${opts.dataDir ? `with data in ${opts.dataDir}` : "in memory"} on 127.0.0.1:${opts.port}`);
  return { url: embedded.url, embedded };
}

/**
 * Runs a command to completion. Asynchronous on purpose: the embedded database answers from
 * this process's event loop, so a blocking spawn would deadlock against it.
 */
function run(cmd: string, args: string[], env: Env, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(BIN, cmd), args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code === 0) return resolve();
      const lines = out.split("\n").filter((l) => l.trim() && !l.includes("nodedir"));
      reject(new Error(`${what} failed:\n${lines.slice(-15).join("\n")}`));
    });
  });
}

export function migrate(env: Env): Promise<void> {
  return run("prisma", ["migrate", "deploy"], env, "applying database migrations");
}

export function seedDatabase(env: Env): Promise<void> {
  return run("tsx", ["prisma/seed.ts"], env, "seeding demo data");
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "generated" || entry.name.startsWith(".")) continue;
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** True when a production build exists and is newer than every source file. */
export function buildIsCurrent(): boolean {
  const buildId = join(ROOT, ".next", "BUILD_ID");
  const sources = ["app", "components", "lib", "public"].filter((d) => existsSync(d)).map((d) => newestMtime(join(ROOT, d)));
  const others = ["next.config.mjs", "tailwind.config.ts", "proxy.ts", "package.json"].filter((f) => existsSync(f)).map((f) => statSync(f).mtimeMs);
  return existsSync(buildId) && statSync(buildId).mtimeMs > Math.max(...sources, ...others);
}

/** Builds the production bundle unless an existing build is newer than every source file. */
export async function buildIfStale(env: Env, log: (s: string) => void): Promise<void> {
  if (buildIsCurrent()) {
    log("production build is up to date");
    return;
  }
  log("building the app (next build)…");
  await run("next", ["build"], env, "next build");
}

export function startChild(cmd: string, args: string[], env: Env, name: string): ChildProcess {
  const child = spawn(join(BIN, cmd), args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  relayLines(child.stdout, process.stdout, name);
  relayLines(child.stderr, process.stderr, name);
  return child;
}

/**
 * A child's output, line by line (a chunk may end mid-line), each prefixed with the child's name —
 * except the app's JSON log lines (lib/log.ts), which name themselves and must stay JSON for a log
 * collector reading `npm start`'s output.
 */
function relayLines(from: Readable | null, to: NodeJS.WritableStream, name: string): void {
  let partial = "";
  const write = (line: string) => line.trim() && to.write(line.startsWith("{") ? `${line}\n` : `[${name}] ${line}\n`);
  from?.on("data", (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split("\n");
    partial = lines.pop() ?? "";
    lines.forEach(write);
  });
  from?.on("end", () => write(partial));
}

/** Signals a child (SIGTERM unless told) and resolves once it has exited, killing it after `graceMs`. */
export function stopChild(child: ChildProcess | undefined, opts: { signal?: NodeJS.Signals; graceMs?: number } = {}): Promise<void> {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    const force = setTimeout(() => child.kill("SIGKILL"), opts.graceMs ?? 5000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill(opts.signal ?? "SIGTERM");
  });
}

export async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up within ${Math.round(timeoutMs / 1000)} s`);
}

function portTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    // Something already answering there, on any interface the servers bind to…
    const probe = connect({ port, host: "127.0.0.1" });
    probe.once("connect", () => {
      probe.destroy();
      resolve(true);
    });
    probe.once("error", () => {
      // …or holding the port without answering yet.
      const server = createServer();
      server.once("error", () => resolve(true));
      server.listen(port, () => server.close(() => resolve(false)));
    });
  });
}

/**
 * Stops with one line per taken port before anything starts: a server started on a busy port would
 * either die or, worse, leave the caller talking to another program (a benchmark once signed into
 * another app and reported that app's lockout as its own failure).
 */
export async function assertPortsFree(ports: { port: number; what: string; variable: string }[]): Promise<void> {
  const taken: string[] = [];
  for (const p of ports) if (await portTaken(p.port)) taken.push(`port ${p.port} (${p.what}) is taken by another program: stop it, or choose another port with ${p.variable}`);
  if (taken.length) throw new Error(taken.join("\n"));
}
