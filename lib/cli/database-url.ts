/** postgresql://user:secret@host/db → postgresql://user:****@host/db, for messages. */
export function maskDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "****";
    return u.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}

/** Resolves when a PostgreSQL server answers at `url`, or rejects with one line saying what to do. */
export async function checkDatabase(url: string): Promise<void> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("select 1");
  } catch (err) {
    throw new Error(
      `cannot reach the database at ${maskDatabaseUrl(url)} (${(err as Error).message}): start that server, fix DATABASE_URL, or unset it to use the embedded database`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}
