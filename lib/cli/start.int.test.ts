// `npm start` and the operator commands on bad ground (issue 12): every refusal is one line that says
// what to do, and leaves the database as it was. A production start that passes its checks is
// covered end to end in e2e/foundation/production-start.spec.ts (it needs a build).
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type AddressInfo, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_USERS } from "../../prisma/demo-users";
import { hashPassword } from "../services/passwords";
import { createScratchDatabase, type ScratchDatabase } from "../testing/scratch-database";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { migrate } from "./stack";

const TSX = join(process.cwd(), "node_modules", ".bin", "tsx");
const GOOD = { AUTH_SECRET: randomBytes(32).toString("base64"), APP_ENCRYPTION_KEY: randomBytes(32).toString("base64"), APP_URL: "https://pay.example.test" };

function run(script: string, env: Record<string, string | undefined>): Promise<{ code: number; out: string }> {
  const base = { ...process.env };
  for (const name of ["DATABASE_URL", "AUTH_SECRET", "APP_ENCRYPTION_KEY", "APP_URL", "KEYED_DEMO_DATA"]) delete base[name];
  return new Promise((resolve) => {
    execFile(TSX, [script], { env: { ...base, ...env, PORT: env.PORT ?? String(freePort++) } as NodeJS.ProcessEnv, timeout: 60_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr }),
    );
  });
}
let freePort = 39_000 + Math.floor(Math.random() * 1000);

async function rows<R extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const tables = async (url: string) => (await rows<{ n: number }>(url, `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`))[0]!.n;
const log = () => {};

describe("production start refuses, one line each, and changes nothing", () => {
  let empty: ScratchDatabase;
  let migrated: ScratchDatabase;

  beforeAll(async () => {
    empty = await createScratchDatabase({ prefix: "keyed_it_prod", embeddedPort: 54381, log });
    migrated = await createScratchDatabase({ prefix: "keyed_it_prod", embeddedPort: 54382, log });
    await migrate({ DATABASE_URL: migrated.url });
  }, 120_000);
  afterAll(async () => {
    await empty?.drop();
    await migrated?.drop();
  });

  it("without AUTH_SECRET in the environment", async () => {
    const { code, out } = await run("lib/cli/start.ts", { ...GOOD, AUTH_SECRET: undefined, DATABASE_URL: migrated.url });
    expect(code).not.toBe(0);
    expect(out).toMatch(/AUTH_SECRET is not set: a production start takes its secrets from the environment/);
  });

  it("with a malformed APP_ENCRYPTION_KEY", async () => {
    const { code, out } = await run("lib/cli/start.ts", { ...GOOD, APP_ENCRYPTION_KEY: "short", DATABASE_URL: migrated.url });
    expect(code).not.toBe(0);
    expect(out).toMatch(/APP_ENCRYPTION_KEY is malformed: it must be 32 random bytes, base64-encoded/);
  });

  it("on an unreachable database", async () => {
    const { code, out } = await run("lib/cli/start.ts", { ...GOOD, DATABASE_URL: "postgresql://postgres:secret@127.0.0.1:9/nowhere" });
    expect(code).not.toBe(0);
    expect(out).toMatch(/cannot reach postgresql:\/\/postgres:\*\*\*\*@127\.0\.0\.1:9\/nowhere/);
    expect(out).not.toContain("secret@");
  });

  it("on a database without the migrations, and applies none", async () => {
    const { code, out } = await run("lib/cli/start.ts", { ...GOOD, DATABASE_URL: empty.url });
    expect(code).not.toBe(0);
    expect(out).toMatch(/the database lacks \d+ migration\(s\) .*apply them with `npm run db:migrate`/);
    expect(await tables(empty.url)).toBe(0);
  });

  it("on a database with a migration this version does not know", async () => {
    await rows(migrated.url, `INSERT INTO _prisma_migrations (id, checksum, migration_name, finished_at, applied_steps_count) VALUES ('future', 'x', '29990101000000_from_the_future', now(), 1)`);
    try {
      const { code, out } = await run("lib/cli/start.ts", { ...GOOD, DATABASE_URL: migrated.url });
      expect(code).not.toBe(0);
      expect(out).toMatch(/1 migration\(s\) this version of Keyed does not know \(29990101000000_from_the_future…\)/);
    } finally {
      await rows(migrated.url, `DELETE FROM _prisma_migrations WHERE id = 'future'`);
    }
  });

  it("while a demo user still has the published password, and creates no demo data", async () => {
    const demo = DEMO_USERS[2];
    await rows(migrated.url, `INSERT INTO "User" (id, email, name, role, "passwordHash", "updatedAt") VALUES ('demo-left', $1, 'Demo', 'admin', $2, now())`, [
      demo.email,
      await hashPassword(demo.password),
    ]);
    try {
      const { code, out } = await run("lib/cli/start.ts", { ...GOOD, DATABASE_URL: migrated.url });
      expect(code).not.toBe(0);
      expect(out).toContain(`${demo.email} still sign in with the published demo password`);
      expect(await rows(migrated.url, `SELECT id FROM "User"`)).toEqual([{ id: "demo-left" }]);
      expect(await rows(migrated.url, `SELECT id FROM "GatewayAccount"`)).toEqual([]);
    } finally {
      await rows(migrated.url, `DELETE FROM "User" WHERE id = 'demo-left'`);
    }
  });

  it("while a live gateway account has a plain http URL", async () => {
    await rows(
      migrated.url,
      `INSERT INTO "GatewayAccount" (id, label, kind, mode, "baseUrl", currency, settings, secrets, "updatedAt") VALUES ('live-http', 'Main BluePay', 'bluepay', 'live', 'http://bluepay.example.test', 'USD', '{}', '{}', now())`,
    );
    try {
      const { code, out } = await run("lib/cli/start.ts", { ...GOOD, DATABASE_URL: migrated.url });
      expect(code).not.toBe(0);
      expect(out).toContain("Main BluePay (http://bluepay.example.test): a live account must use an https:// URL");
    } finally {
      await rows(migrated.url, `DELETE FROM "GatewayAccount" WHERE id = 'live-http'`);
    }
  });

  it("npm run doctor prints every check with pass or fail, and exits 1 when one fails", async () => {
    const { code, out } = await run("lib/cli/doctor.ts", { ...GOOD, APP_URL: "http://127.0.0.1:3000", DATABASE_URL: migrated.url });
    expect(code).toBe(1);
    for (const check of ["AUTH_SECRET from the environment", "APP_ENCRYPTION_KEY from the environment", "database reachable", "database migrated", "no demo sign-ins", "live gateway accounts over https"]) {
      expect(out).toMatch(new RegExp(`PASS  ${check}`));
    }
    expect(out).toMatch(/FAIL  TLS in front of the app .*set it to the https:\/\/ address/);
    expect(out).toMatch(/(PASS|FAIL)  database role not a superuser/);
  });

  it("npm run admin:create makes the first admin from variables, and refuses a weak password or a taken email", async () => {
    const email = `first-${randomBytes(3).toString("hex")}@merchant.example`;
    const weak = await run("lib/cli/admin-create.ts", { DATABASE_URL: migrated.url, KEYED_ADMIN_EMAIL: email, KEYED_ADMIN_PASSWORD: "short" });
    expect(weak.code).not.toBe(0);
    expect(weak.out).toMatch(/admin:create: password: .+/);

    const made = await run("lib/cli/admin-create.ts", { DATABASE_URL: migrated.url, KEYED_ADMIN_EMAIL: email, KEYED_ADMIN_NAME: "Owner", KEYED_ADMIN_PASSWORD: "a long enough passphrase 7" });
    expect(made.out).toContain(`admin ${email} created`);
    expect(await rows(migrated.url, `SELECT role, name FROM "User" WHERE email = $1`, [email])).toEqual([{ role: "admin", name: "Owner" }]);

    const again = await run("lib/cli/admin-create.ts", { DATABASE_URL: migrated.url, KEYED_ADMIN_EMAIL: email, KEYED_ADMIN_PASSWORD: "a long enough passphrase 7" });
    expect(again.code).not.toBe(0);
    expect(again.out).toContain("A user with this email already exists.");
    await rows(migrated.url, `DELETE FROM "User" WHERE email = $1`, [email]);
  });
});

describe("demo start refuses, one line each", () => {
  let dataDir: string;
  let busy: Server;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "keyed-it-start-"));
    busy = createServer();
    await new Promise<void>((r) => busy.listen(0, "127.0.0.1", () => r()));
  });
  afterAll(() => {
    busy.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("when the app's port is taken", async () => {
    const port = (busy.address() as AddressInfo).port;
    const { code, out } = await run("lib/cli/start.ts", { KEYED_DATA_DIR: dataDir, PORT: String(port), SANDBOX_PORT: String(freePort++), PGLITE_PORT: String(freePort++) });
    expect(code).not.toBe(0);
    expect(out).toContain(`keyed: port ${port} (the app) is taken by another program: stop it, or choose another port with PORT`);
  });

  it("when another Keyed has the same data folder open", async () => {
    const other = await startEmbeddedPostgres({ dataDir: join(dataDir, "pglite"), port: 0 });
    try {
      const { code, out } = await run("lib/cli/start.ts", { KEYED_DATA_DIR: dataDir, SANDBOX_PORT: String(freePort++), PGLITE_PORT: String(freePort++) });
      expect(code).not.toBe(0);
      expect(out).toMatch(new RegExp(`the embedded database in .*pglite is in use by another Keyed \\(pid ${process.pid}\\): stop that one, or give this one its own folder with KEYED_DATA_DIR`));
    } finally {
      await other.stop();
    }
  });
});
