// The database role the app runs as in production: it may read and write rows, and nothing else —
// no DDL, no TRUNCATE, and on the audit log only SELECT and INSERT, so not even a compromised app can
// rewrite history or switch off the audit log's append-only trigger (only a table's owner can).
// Migrations run as the owner (`npm run db:migrate` with the owner's DATABASE_URL); this grants the
// app role its rights on what they created, and on what later migrations create — in the schema
// public and in the job queue's schema (a new job's queue is a table a migration creates).
//   npm run db:app-role -- ROLE   (DATABASE_URL: the owner's; KEYED_APP_ROLE_PASSWORD: the role's password)
import pg from "pg";
import { QUEUE_SCHEMA } from "../jobs/define";
import { maskDatabaseUrl } from "./database-url";

const ident = (name: string) => {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`"${name}" is not a plain role name: use lower-case letters, digits and _`);
  return `"${name}"`;
};

/** Creates `role` if missing and grants it row access only. Returns the URL the app should use. */
export async function grantAppRole(ownerUrl: string, role: string, password?: string): Promise<string> {
  const r = ident(role);
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const exists = (await client.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [role])).rowCount;
    const secret = password ? ` PASSWORD ${client.escapeLiteral(password)}` : "";
    await client.query(exists ? `ALTER ROLE ${r} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE${secret}` : `CREATE ROLE ${r} LOGIN${secret}`);
    const db = (await client.query<{ db: string }>(`SELECT current_database() AS db`)).rows[0]!.db;
    await client.query(`GRANT CONNECT ON DATABASE "${db.replaceAll('"', '""')}" TO ${r}`);
    await client.query(`GRANT USAGE ON SCHEMA public TO ${r}`);
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`);
    await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`);
    await client.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${r}`);
    await client.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${r}`);
    // The job queue's tables (lib/jobs/queue.ts): rows only, the schema and each queue's table made by migrations.
    await client.query(`GRANT USAGE ON SCHEMA ${QUEUE_SCHEMA} TO ${r}`);
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${QUEUE_SCHEMA} TO ${r}`);
    await client.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${QUEUE_SCHEMA} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${r}`);
    await client.query(`REVOKE UPDATE, DELETE, TRUNCATE ON "AuditEvent" FROM ${r}`);
    await client.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "_prisma_migrations" FROM ${r}`);
  } finally {
    await client.end();
  }
  const url = new URL(ownerUrl);
  url.username = role;
  url.password = password ?? "";
  return url.toString();
}

/** Drops a role made for a test run (after its database is gone, it owns and holds nothing). */
export async function dropRole(serverUrl: string, role: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP ROLE IF EXISTS ${ident(role)}`);
  } finally {
    await client.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const role = process.argv[2];
  const ownerUrl = process.env.DATABASE_URL;
  if (!role || !ownerUrl) {
    console.error("usage: DATABASE_URL=<owner's URL> KEYED_APP_ROLE_PASSWORD=… npm run db:app-role -- ROLE");
    process.exit(2);
  }
  grantAppRole(ownerUrl, role, process.env.KEYED_APP_ROLE_PASSWORD).then(
    (url) => console.log(`db:app-role: ${role} may read and write rows (audit log: read and append only). Run the app with DATABASE_URL=${maskDatabaseUrl(url)}`),
    (err: Error) => {
      console.error(`db:app-role: ${err.message}`);
      process.exit(1);
    },
  );
}
