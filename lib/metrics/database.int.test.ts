// The figures read from the database at scrape time: open transactions and their age, per account.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createUser, testDb } from "../testing/db";
import { databaseMetrics } from "./database";

const db = testDb();
afterAll(() => db.$disconnect());

function sampleOf(scrape: string, name: string, labels: string): number | undefined {
  const line = scrape.split("\n").find((l) => l.startsWith(`${name}{`) && labels.split(",").every((p) => l.includes(p)));
  return line === undefined ? undefined : Number(line.split(" ").pop());
}

describe("database metrics", () => {
  it("count pending and unknown transactions per account with the oldest one's age, and zero for an account with none", async () => {
    const { user } = await createUser(db);
    const busy = await db.gatewayAccount.create({ data: { label: "Busy bePaid", kind: "bepaid", baseUrl: "http://127.0.0.1:1", currency: "USD" } });
    const idle = await db.gatewayAccount.create({ data: { label: "Idle PayCore", kind: "paycore", baseUrl: "http://127.0.0.1:1", currency: "USD" } });
    const open = (status: "pending" | "unknown" | "approved", ageSeconds: number) =>
      db.transaction.create({
        data: { kind: "sale", status, amount: 100, currency: "USD", idempotencyKey: randomUUID(), reference: randomUUID().slice(0, 20), gatewayAccountId: busy.id, userId: user.id, createdAt: new Date(Date.now() - ageSeconds * 1000) },
      });
    await open("pending", 30);
    await open("pending", 600);
    await open("unknown", 90);
    await open("approved", 5000);

    const scrape = await databaseMetrics(db.sql);
    expect(scrape).toContain("keyed_database_up 1");
    expect(sampleOf(scrape, "keyed_transactions_open", `status="pending",gateway="bepaid",account="${busy.id}"`)).toBe(2);
    expect(sampleOf(scrape, "keyed_transactions_open", `status="unknown",gateway="bepaid",account="${busy.id}"`)).toBe(1);
    expect(sampleOf(scrape, "keyed_transactions_open", `status="pending",gateway="paycore",account="${idle.id}"`)).toBe(0);
    const oldestPending = sampleOf(scrape, "keyed_transactions_open_oldest_age_seconds", `status="pending",account="${busy.id}"`)!;
    expect(oldestPending).toBeGreaterThanOrEqual(600);
    expect(oldestPending).toBeLessThan(660);
    expect(sampleOf(scrape, "keyed_transactions_open_oldest_age_seconds", `status="unknown",account="${idle.id}"`)).toBe(0);
    expect(scrape).toContain(`keyed_gateway_account_info{account="${busy.id}",gateway="bepaid",label="Busy bePaid",mode="test"} 1`);
  });

  it("show each job queue's waiting, running and failed jobs, and how long the oldest due one has waited", async () => {
    await db.sql.query(`SELECT pgboss.create_queue('it-metrics', '{"policy":"standard"}')`);
    await db.sql.query(`INSERT INTO pgboss.job (name, data, state, start_after) VALUES
      ('it-metrics', '{}', 'created', now() - interval '2 minutes'), ('it-metrics', '{}', 'created', now() + interval '1 hour'),
      ('it-metrics', '{}', 'active', now()), ('it-metrics', '{}', 'failed', now())`);
    const scrape = await databaseMetrics(db.sql);
    expect(sampleOf(scrape, "keyed_jobs_queued", `queue="it-metrics"`)).toBe(2);
    expect(sampleOf(scrape, "keyed_jobs_active", `queue="it-metrics"`)).toBe(1);
    expect(sampleOf(scrape, "keyed_jobs_failed", `queue="it-metrics"`)).toBe(1);
    const lag = sampleOf(scrape, "keyed_job_queue_lag_seconds", `queue="it-metrics"`)!;
    expect(lag).toBeGreaterThanOrEqual(120);
    expect(lag).toBeLessThan(180);
    expect(sampleOf(scrape, "keyed_job_queue_lag_seconds", `queue="reconcile"`)).toBe(0);
  });

  it("say the database could not be read instead of failing the scrape", async () => {
    const pool = new pg.Pool({ connectionString: "postgresql://postgres@127.0.0.1:1/keyed" });
    try {
      const scrape = await databaseMetrics(pool);
      expect(scrape).toContain("keyed_database_up 0");
      expect(scrape).not.toContain("keyed_transactions_open{");
    } finally {
      await pool.end();
    }
  });
});
