// What a production start (DATABASE_URL set) insists on, and what `npm run doctor` reports to an
// operator. Each check answers pass / fail with one line saying what to do. The start refuses on a
// failed check marked `blocksStart`; the doctor prints them all.
import pg from "pg";
import { keyFromBase64 } from "../crypto";
import { migrationProblem, migrationState } from "../migration-state";
import { verifyPassword } from "../services/passwords";
import { DEMO_USERS } from "../../prisma/demo-users";
import { maskDatabaseUrl } from "./database-url";

export interface CheckResult {
  name: string;
  ok: boolean;
  /** What was found, and when not ok, what to do. */
  detail: string;
  /** A production start refuses when this check fails. */
  blocksStart: boolean;
}

/** Secrets a production start must be given, and their form. Undefined when fine. */
export function secretProblem(name: "AUTH_SECRET" | "APP_ENCRYPTION_KEY", env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[name];
  if (!value) return `${name} is not set: a production start takes its secrets from the environment (generate one with \`openssl rand -base64 32\`)`;
  if (name === "APP_ENCRYPTION_KEY") {
    try {
      keyFromBase64(value);
    } catch {
      return "APP_ENCRYPTION_KEY is malformed: it must be 32 random bytes, base64-encoded (`openssl rand -base64 32`)";
    }
  } else if (value.length < 32) {
    return "AUTH_SECRET is too short: use at least 32 random characters (`openssl rand -base64 32`)";
  }
  return undefined;
}

/** Demo users that still have their published password. */
export async function demoUsersWithPublishedPasswords(client: Pick<pg.Client, "query">): Promise<string[]> {
  const { rows } = await client.query<{ email: string; passwordHash: string }>(`SELECT email, "passwordHash" FROM "User" WHERE email = ANY($1) AND active`, [
    DEMO_USERS.map((u) => u.email),
  ]);
  const found: string[] = [];
  for (const row of rows) {
    const demo = DEMO_USERS.find((u) => u.email === row.email);
    if (demo && (await verifyPassword(demo.password, row.passwordHash))) found.push(row.email);
  }
  return found;
}

/** Active live-mode gateway accounts whose URL is not https: card data would cross the network in clear. */
export async function liveAccountsWithoutTls(client: Pick<pg.Client, "query">): Promise<string[]> {
  const { rows } = await client.query<{ label: string; baseUrl: string }>(`SELECT label, "baseUrl" FROM "GatewayAccount" WHERE mode = 'live' AND active`);
  return rows.filter((r) => !r.baseUrl.toLowerCase().startsWith("https://")).map((r) => `${r.label} (${r.baseUrl})`);
}

const pass = (name: string, detail: string, blocksStart = false): CheckResult => ({ name, ok: true, detail, blocksStart });
const fail = (name: string, detail: string, blocksStart = false): CheckResult => ({ name, ok: false, detail, blocksStart });

/**
 * Every production check. `demoDataAsked`: the operator set KEYED_DEMO_DATA=1 on purpose, so demo
 * users are expected (a staging or demo server) and do not fail the check.
 */
export async function productionChecks(env: NodeJS.ProcessEnv = process.env, opts: { demoDataAsked?: boolean } = {}): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  for (const name of ["AUTH_SECRET", "APP_ENCRYPTION_KEY"] as const) {
    const problem = secretProblem(name, env);
    out.push(problem ? fail(`${name} from the environment`, problem, true) : pass(`${name} from the environment`, "set and well-formed", true));
  }

  const appUrl = env.APP_URL;
  out.push(
    appUrl?.startsWith("https://")
      ? pass("TLS in front of the app", `APP_URL is ${appUrl}`)
      : fail("TLS in front of the app", `APP_URL is ${appUrl ?? "not set"}: set it to the https:// address of the TLS reverse proxy in front of Keyed`),
  );

  const url = env.DATABASE_URL;
  if (!url) {
    out.push(fail("database reachable", "DATABASE_URL is not set: a production deployment uses a PostgreSQL server", true));
    return out;
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (err) {
    out.push(fail("database reachable", `cannot reach ${maskDatabaseUrl(url)} (${(err as Error).message}): start that server or fix DATABASE_URL`, true));
    return out;
  }
  try {
    out.push(pass("database reachable", maskDatabaseUrl(url), true));
    const problem = migrationProblem(await migrationState(client), "apply them with `npm run db:migrate`, then start again");
    out.push(problem ? fail("database migrated", problem, true) : pass("database migrated", "every migration applied", true));
    if (problem) return out;

    const demo = await demoUsersWithPublishedPasswords(client);
    out.push(
      demo.length === 0
        ? pass("no demo sign-ins", "no user has a published demo password", !opts.demoDataAsked)
        : opts.demoDataAsked
          ? pass("no demo sign-ins", `demo users present as asked (KEYED_DEMO_DATA=1): ${demo.join(", ")}`)
          : fail("no demo sign-ins", `${demo.join(", ")} still sign in with the published demo password: deactivate them or change their passwords`, true),
    );

    const plain = await liveAccountsWithoutTls(client);
    out.push(
      plain.length === 0
        ? pass("live gateway accounts over https", "every live account uses https", true)
        : fail("live gateway accounts over https", `${plain.join(", ")}: a live account must use an https:// URL (card numbers would travel in clear)`, true),
    );

    const role = await client.query<{ rolsuper: boolean; rolname: string }>(`SELECT rolsuper, rolname FROM pg_roles WHERE rolname = current_user`);
    const r = role.rows[0];
    out.push(
      r && !r.rolsuper
        ? pass("database role not a superuser", `connected as ${r.rolname}`)
        : fail(
            "database role not a superuser",
            `connected as ${r?.rolname ?? "?"}, a superuser (it could disable the audit log's protection): run the app as a role that owns nothing and may only read and write rows`,
          ),
    );
  } finally {
    await client.end().catch(() => {});
  }
  return out;
}

export function formatChecks(results: CheckResult[]): string {
  return results.map((r) => `${r.ok ? "PASS" : "FAIL"}  ${r.name.padEnd(34)} ${r.detail}`).join("\n");
}
