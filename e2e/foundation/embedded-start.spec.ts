// `npm start` with no DATABASE_URL: the embedded PostgreSQL path, end to end, on its own ports
// and data folder so it runs beside the e2e server.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "../support/fixtures";
import { buildIsCurrent } from "../../lib/cli/stack";
import { codeAt, timeStep } from "../../lib/auth/totp";
import { DEMO_TOTP_SECRET } from "../../prisma/demo-users";
import { DEMO, submitSignIn } from "../support/auth";
import { stopChild, waitForOutput } from "../support/processes";

const PORT = Number(process.env.E2E_EMBEDDED_PORT ?? 3190);
const SANDBOX_PORT = PORT + 1000;
const PGLITE_PORT = Number(process.env.E2E_EMBEDDED_PGLITE_PORT ?? 54391);

test("npm start with no DATABASE_URL serves the app on the embedded database", async ({ page }) => {
  test.setTimeout(240_000);
  // start.ts rebuilds a stale build, which would replace the one the e2e server is serving.
  expect(buildIsCurrent(), "the production build is older than the sources: run `next build` first").toBe(true);

  const dataDir = mkdtempSync(join(tmpdir(), "keyed-embedded-"));
  const env: NodeJS.ProcessEnv = { ...process.env, KEYED_DATA_DIR: dataDir, PORT: String(PORT), SANDBOX_PORT: String(SANDBOX_PORT), PGLITE_PORT: String(PGLITE_PORT) };
  for (const name of ["DATABASE_URL", "AUTH_SECRET", "APP_ENCRYPTION_KEY", "APP_URL", "SANDBOX_URL"]) delete env[name];

  const child = spawn(join(process.cwd(), "node_modules", ".bin", "tsx"), ["lib/cli/start.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
  const output = { text: "" };
  try {
    await waitForOutput(child, new RegExp(`Keyed is running at http://127\\.0\\.0\\.1:${PORT}`), 200_000, output);
    expect(output.text).toContain("embedded PostgreSQL (PGlite)");
    expect(output.text).toContain("admin@keyed.test");
    expect(output.text).toContain(`Two-step sign-in: add the key ${DEMO_TOTP_SECRET}`);
    expect(readdirSync(join(dataDir, "pglite")).length).toBeGreaterThan(0);
    expect(existsSync(join(dataDir, "secrets.json"))).toBe(true);

    await page.goto(`http://127.0.0.1:${PORT}/sign-in`);
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await submitSignIn(page, DEMO.admin.email, DEMO.admin.password);
    // A database of its own, where no code was used yet: the current one is accepted.
    await page.getByLabel("Authentication code").fill(codeAt(DEMO_TOTP_SECRET, timeStep()));
    await page.getByRole("button", { name: "Verify" }).click();
    // Managers and admins land on the dashboard.
    await page.waitForURL(`http://127.0.0.1:${PORT}/dashboard`);
    await expect(page.getByTestId("current-user")).toContainText(DEMO.admin.name);
  } finally {
    // Leave the app's page first: stopped under an open page, its requests end in connection resets.
    await page.goto("about:blank").catch(() => {});
    await stopChild(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
  expect(child.exitCode, "start should stop cleanly on SIGTERM").toBe(0);
});
