// The app's database role can read and write rows and nothing else (issue 13, finding 7): the audit
// log stays append-only even against the app's own connection.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { createDb } from "../db";
import { defineJob } from "../jobs/define";
import { startQueue } from "../jobs/queue";
import { JOBS } from "../jobs/registry";
import { waitFor } from "../testing/payment-world";
import { dropRole, grantAppRole } from "./app-role";

const embedded = inject("embeddedDatabase");
const role = `keyed_it_app_${randomBytes(3).toString("hex")}`;
let app: pg.Client;
let appUrl: string;

describe.skipIf(embedded)("the app's database role", () => {
  beforeAll(async () => {
    const url = (appUrl = await grantAppRole(inject("databaseUrl"), role, randomBytes(12).toString("hex")));
    app = new pg.Client({ connectionString: url });
    await app.connect();
  });
  afterAll(async () => {
    await app?.end();
    const owner = new pg.Client({ connectionString: inject("databaseUrl") });
    await owner.connect();
    await owner.query(`DROP OWNED BY "${role}"`);
    await owner.end();
    await dropRole(inject("databaseUrl"), role);
  });

  it("is not a superuser and writes ordinary rows", async () => {
    expect((await app.query(`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`)).rows).toEqual([{ rolsuper: false }]);
    const id = `it-${randomBytes(4).toString("hex")}`;
    await app.query(`INSERT INTO "Customer" (id, "firstName", "lastName", address1, city, "postalCode", country, "updatedAt") VALUES ($1, 'Row', 'Writer', '1 Main St', 'Springfield', '62701', 'US', now())`, [id]);
    await app.query(`UPDATE "Customer" SET "lastName" = 'Changed' WHERE id = $1`, [id]);
    await app.query(`DELETE FROM "Customer" WHERE id = $1`, [id]);
    await app.query(`INSERT INTO "AuditEvent" (id, action, details) VALUES ($1, 'it.append', '{}')`, [id]);
  });

  it("starts the job queue and runs a job without DDL, on a queue a migration made", async () => {
    const ran: string[] = [];
    // The reconcile queue's definition, with a payload and work of the test's own.
    const job = defineJob({ ...JOBS.find((j) => j.name === "reconcile")!, everySeconds: undefined, pollingSeconds: 0.5, payload: z.object({ ref: z.string() }), run: async ({ ref }) => void ran.push(ref) });
    const db = createDb(appUrl);
    const queue = await startQueue(db, [job]);
    try {
      await queue.enqueue(job, { ref: "as-app-role" });
      await waitFor(async () => ran.length > 0, 10_000);
      expect(ran).toEqual(["as-app-role"]);
    } finally {
      await queue.stop({ timeoutMs: 1_000 });
      await db.$disconnect();
    }
  });

  it.each([
    [`UPDATE "AuditEvent" SET action = 'rewritten'`, /permission denied/],
    [`DELETE FROM "AuditEvent"`, /permission denied/],
    [`TRUNCATE "AuditEvent"`, /permission denied/],
    [`ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL`, /must be owner/],
    [`DROP TABLE "Transaction"`, /must be owner/],
    [`DELETE FROM "_prisma_migrations"`, /permission denied/],
    [`SELECT pgboss.create_queue('made-by-the-app', '{}')`, /permission denied|must be owner/],
  ])("is refused: %s", async (sql, error) => {
    await expect(app.query(sql)).rejects.toThrow(error);
  });
});
