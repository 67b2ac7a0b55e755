// Where the end-to-end stack runs. The ports are fixed by the environment (the config passes them
// to lib/cli/e2e-server.ts); the database is chosen by that server at start-up (a fresh
// keyed_e2e_<random> database, or the embedded one), which writes it to SERVER_INFO_FILE.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_SANDBOX_PORT = Number(process.env.E2E_SANDBOX_PORT ?? 4110);

export const APP_URL = `http://127.0.0.1:${E2E_PORT}`;
export const SANDBOX_URL = `http://127.0.0.1:${E2E_SANDBOX_PORT}`;

/** Written by lib/cli/e2e-server.ts once the database is ready; Playwright clears test-results/ before starting it. */
export const SERVER_INFO_FILE = join(process.cwd(), "test-results", "e2e-server.json");

export interface ServerInfo {
  appUrl: string;
  sandboxUrl: string;
  databaseUrl: string;
  embedded: boolean;
  /** The app server's stdout and stderr, for tests that scan logs (e.g. for card numbers). */
  appLog: string;
  /** The app's APP_ENCRYPTION_KEY, to read sealed values back (e.g. saved-card tokens). */
  encryptionKey?: string;
  /** The bearer token /api/metrics asks for (METRICS_TOKEN). */
  metricsToken: string;
}

function readServerInfo(): Partial<ServerInfo> {
  if (!existsSync(SERVER_INFO_FILE)) return {};
  return JSON.parse(readFileSync(SERVER_INFO_FILE, "utf8")) as Partial<ServerInfo>;
}

const info = readServerInfo();

/** The e2e server's database; specs may query it directly with `pg` (see e2e/support/db.ts). */
export const DATABASE_URL: string = process.env.E2E_DATABASE_URL ?? info.databaseUrl ?? "";
export const APP_LOG: string = info.appLog ?? join(process.cwd(), "test-results", "app.log");
export const ENCRYPTION_KEY: string = info.encryptionKey ?? "";
export const METRICS_TOKEN: string = info.metricsToken ?? "";
