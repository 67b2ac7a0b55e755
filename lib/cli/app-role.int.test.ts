// The app's database role can read and write rows and nothing else (issue 13, finding 7): the audit
// log stays append-only even against the app's own connection.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { dropRole, grantAppRole } from "./app-role";

const embedded = inject("embeddedDatabase");
const role = `keyed_it_app_${randomBytes(3).toString("hex")}`;
let app: pg.Client;

describe.skipIf(embedded)("the app's database role", () => {
  beforeAll(async () => {
    const url = await grantAppRole(inject("databaseUrl"), role, randomBytes(12).toString("hex"));
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

  it.each([
    [`UPDATE "AuditEvent" SET action = 'rewritten'`, /permission denied/],
    [`DELETE FROM "AuditEvent"`, /permission denied/],
    [`TRUNCATE "AuditEvent"`, /permission denied/],
    [`ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL`, /must be owner/],
    [`DROP TABLE "Transaction"`, /must be owner/],
    [`DELETE FROM "_prisma_migrations"`, /permission denied/],
  ])("is refused: %s", async (sql, error) => {
    await expect(app.query(sql)).rejects.toThrow(error);
  });
});
