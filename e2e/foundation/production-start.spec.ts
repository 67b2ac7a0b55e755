// `npm start` with DATABASE_URL (production mode) on an empty, migrated PostgreSQL database: no demo
// users, no sandbox accounts, no sandbox; the published demo sign-ins do not work; the first admin
// comes from `npm run admin:create` (issue 12).
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect, test } from "../support/fixtures";
import pg from "pg";
import { migrate, buildIsCurrent } from "../../lib/cli/stack";
import { createScratchDatabase } from "../../lib/testing/scratch-database";
import { DEMO, enrollMfa, submitSignIn } from "../support/auth";
import { stopChild, waitForOutput } from "../support/processes";

const PORT = Number(process.env.E2E_PRODUCTION_PORT ?? 3195);
const TSX = join(process.cwd(), "node_modules", ".bin", "tsx");

test("a production start on an empty database creates no demo data, refuses the demo sign-ins, and takes the admin made by admin:create", async ({ page, allowConsoleError }) => {
  // APP_URL is a placeholder https host that nothing serves here (the app is reached over plain http on
  // its port): a redirect the app builds from it points the router's prefetch at that host, which the
  // CSP's connect-src 'self' refuses. Behind the TLS proxy of a real deployment the two are one origin.
  allowConsoleError(/^Connecting to 'https:\/\/keyed\.example\.test\/.*violates the following Content Security Policy directive: "connect-src 'self'"/);
  test.setTimeout(240_000);
  expect(buildIsCurrent(), "the production build is older than the sources: run `next build` first").toBe(true);
  const database = await createScratchDatabase({ prefix: "keyed_e2e_prod", embeddedPort: PORT + 51_000, log: () => {} });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    AUTH_SECRET: randomBytes(32).toString("base64"),
    APP_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    APP_URL: "https://keyed.example.test",
    PORT: String(PORT),
  };
  delete env.KEYED_DEMO_DATA;
  const count = async (table: string) => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`)).rows[0]!.n;
    } finally {
      await client.end();
    }
  };

  let child: ChildProcess | undefined;
  try {
    await migrate({ DATABASE_URL: database.url });
    child = spawn(TSX, ["lib/cli/start.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
    const output = { text: "" };
    await waitForOutput(child, new RegExp(`Keyed is running at http://127\\.0\\.0\\.1:${PORT}`), 120_000, output);
    expect(output.text).toContain("Production mode (DATABASE_URL): no demo data. Create the first admin with `npm run admin:create`.");
    expect(output.text).not.toContain("gateway sandbox at");
    expect(output.text).not.toContain(DEMO.admin.password);
    for (const table of ["User", "GatewayAccount", "Customer"]) expect(await count(table), table).toBe(0);

    await page.goto(`http://127.0.0.1:${PORT}/sign-in`);
    await submitSignIn(page, DEMO.admin.email, DEMO.admin.password);
    await expect(page.getByRole("alert")).toBeVisible();
    expect(new URL(page.url()).pathname).toBe("/sign-in");

    const email = `owner-${randomBytes(3).toString("hex")}@merchant.example`;
    const password = "correct horse battery staple 9";
    const made = await promisify(execFile)(TSX, ["lib/cli/admin-create.ts"], { env: { ...env, KEYED_ADMIN_EMAIL: email, KEYED_ADMIN_NAME: "Owner", KEYED_ADMIN_PASSWORD: password } });
    expect(made.stdout).toContain(`admin ${email} created`);
    await submitSignIn(page, email, password);
    // An admin sets up the second factor before anything else (PCI DSS 8.4.2).
    await enrollMfa(page);
    expect(await count("User")).toBe(1);
  } finally {
    await page.goto("about:blank").catch(() => {});
    if (child) await stopChild(child);
    await database.drop();
  }
  expect(child?.exitCode, "start should stop cleanly on SIGTERM").toBe(0);
});
