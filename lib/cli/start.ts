// `npm start`: migrate, seed, build and serve the app with the gateway sandbox beside it.
// No DATABASE_URL → an embedded PostgreSQL with its data in .data/ (git-ignored; KEYED_DATA_DIR moves it).
import type { ChildProcess } from "node:child_process";
import { join, resolve } from "node:path";
import { DEMO_USERS } from "../../prisma/demo-users";
import { buildIfStale, ensureSecrets, migrate, resolveDatabase, ROOT, seedDatabase, startChild, waitForHttp } from "./stack";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const sandboxPort = Number(process.env.SANDBOX_PORT ?? 4010);
const dataDir = process.env.KEYED_DATA_DIR ? resolve(process.env.KEYED_DATA_DIR) : join(ROOT, ".data");
const log = (s: string) => console.log(`keyed: ${s}`);

const children: ChildProcess[] = [];
let stopping = false;

async function main() {
  const secrets = ensureSecrets(dataDir, log);
  const database = await resolveDatabase({ dataDir: join(dataDir, "pglite"), port: Number(process.env.PGLITE_PORT ?? 54329) }, log);
  const env = {
    ...secrets,
    DATABASE_URL: database.url,
    // The embedded database serves one query at a time; a small pool is all it can use.
    DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? (database.embedded ? "4" : "10"),
    // One app process per core on a PostgreSQL server (lib/cli/serve.ts); one on the embedded database.
    WEB_CONCURRENCY: process.env.WEB_CONCURRENCY ?? (database.embedded ? "1" : ""),
    SANDBOX_URL: `http://127.0.0.1:${sandboxPort}`,
    SANDBOX_PORT: String(sandboxPort),
    APP_URL: process.env.APP_URL ?? `http://127.0.0.1:${port}`,
    PORT: String(port),
  };
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const c of children) c.kill("SIGTERM");
    await database.embedded?.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));

  log("applying migrations…");
  await migrate(env);
  log("seeding demo data…");
  await seedDatabase(env);

  children.push(startChild("tsx", ["sandbox/server.ts"], { ...env, SANDBOX_STATE_FILE: join(dataDir, "sandbox-state.json") }, "sandbox"));
  if (!dev) await buildIfStale(env, log);
  const app = dev ? startChild("next", ["dev", "-p", String(port)], env, "app") : startChild("tsx", ["lib/cli/serve.ts", "-p", String(port)], env, "app");
  children.push(app);
  for (const c of children) c.on("exit", (code) => !stopping && void stop(code ?? 1));

  await waitForHttp(`http://127.0.0.1:${port}/api/health`, 120_000);
  console.log(
    [
      "",
      `Keyed is running at http://127.0.0.1:${port}  (gateway sandbox at ${env.SANDBOX_URL})`,
      "Demo sign-ins (sandbox only):",
      ...DEMO_USERS.map((u) => `  ${u.role.padEnd(8)} ${u.email.padEnd(22)} ${u.password}`),
      "Press Ctrl+C to stop.",
      "",
    ].join("\n"),
  );
}

main().catch((err: Error) => {
  console.error(`keyed: ${err.message}`);
  for (const c of children) c.kill("SIGTERM");
  process.exit(1);
});
