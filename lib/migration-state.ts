// Whether the database has exactly the migrations this version of Keyed ships: checked by a start,
// by `npm run doctor` (lib/cli/production-checks.ts) and by /api/ready.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import type pg from "pg";

export interface MigrationState {
  pending: string[];
  unknown: string[];
  failed: string[];
}

/** The migrations in prisma/migrations compared with what the database recorded as applied. */
export async function migrationState(client: Pick<pg.Client, "query">, root = process.cwd()): Promise<MigrationState> {
  const dir = join(root, "prisma", "migrations");
  const local = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const exists = await client.query<{ t: string | null }>(`SELECT to_regclass('public._prisma_migrations')::text AS t`);
  if (!exists.rows[0]?.t) return { pending: local, unknown: [], failed: [] };
  const { rows } = await client.query<{ name: string; finished: boolean; rolledBack: boolean }>(
    `SELECT migration_name AS name, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS "rolledBack" FROM _prisma_migrations`,
  );
  const applied = new Set(rows.filter((r) => r.finished && !r.rolledBack).map((r) => r.name));
  return {
    pending: local.filter((m) => !applied.has(m)),
    unknown: [...applied].filter((m) => !local.includes(m)).sort(),
    failed: rows.filter((r) => !r.finished && !r.rolledBack).map((r) => r.name),
  };
}

/** One line about the migration state, or undefined when the database is current. */
export function migrationProblem(state: MigrationState, howToApply: string): string | undefined {
  if (state.failed.length) return `migration ${state.failed[0]} failed part-way: fix the database by hand (see prisma/migrations/${state.failed[0]}), mark it with \`npx prisma migrate resolve\`, then start again`;
  if (state.unknown.length)
    return `the database has ${state.unknown.length} migration(s) this version of Keyed does not know (${state.unknown[0]}…): it was used by a newer version — run that version, or restore a backup`;
  if (state.pending.length) return `the database lacks ${state.pending.length} migration(s) (${state.pending[0]}…): ${howToApply}`;
  return undefined;
}
