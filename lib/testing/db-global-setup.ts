// Vitest global setup for the "integration" project: one fresh, migrated database for the run,
// dropped at the end. Test files reach it through process.env.DATABASE_URL (set here, before the
// test workers start, so `lib/db` works as-is) or `inject("databaseUrl")`.
import type { TestProject } from "vitest/node";
import { migrate } from "../cli/stack";
import { createScratchDatabase } from "./scratch-database";
import { TEST_ENCRYPTION_KEY } from "./keys";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    embeddedDatabase: boolean;
  }
}

const log = (line: string) => console.log(`integration: ${line}`);

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const database = await createScratchDatabase({ prefix: "keyed_it", embeddedPort: Number(process.env.IT_PGLITE_PORT ?? 54338), log });
  try {
    process.env.APP_ENCRYPTION_KEY ||= TEST_ENCRYPTION_KEY;
    process.env.DATABASE_URL = database.url;
    // The embedded database serves one query at a time; keep each client's pool small there.
    if (database.embedded) process.env.DATABASE_POOL_SIZE ??= "2";
    await migrate({ DATABASE_URL: database.url });
    log("migrations applied");
  } catch (err) {
    await database.drop();
    throw err;
  }
  project.provide("databaseUrl", database.url);
  project.provide("embeddedDatabase", database.embedded);
  return () => database.drop();
}
