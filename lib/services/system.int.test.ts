// The System page's figures, from rows of known shape: per account call counts, error and unknown
// rates and latency percentiles over the hour and the day; the reconciler's backlog; the queues.
import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createUser, resetDatabase, testDb } from "../testing/db";
import { systemOverview } from "./system";

const db = testDb();
afterAll(() => db.$disconnect());
beforeEach(() => resetDatabase(db));

describe("the system overview", () => {
  it("is empty, not failing, on a fresh install", async () => {
    const overview = await systemOverview(db);
    expect(overview.accounts).toEqual([]);
    expect(overview.backlog).toEqual([
      { status: "pending", open: 0, oldestAt: null },
      { status: "unknown", open: 0, oldestAt: null },
    ]);
    expect(overview.queues.map((q) => q.queue)).toContain("reconcile");
    expect(overview.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(overview.migrations).toMatchObject({ pending: 0, problem: false });
    expect(overview.migrations.latest).toMatch(/^\d{14}_/);
  });

  it("counts each account's calls over the hour and the day, with error and unknown rates and p50/p95 latency", async () => {
    const { user } = await createUser(db);
    const busy = await db.gatewayAccount.create({ data: { label: "Busy", kind: "bluepay", baseUrl: "http://127.0.0.1:1", currency: "USD" } });
    const idle = await db.gatewayAccount.create({ data: { label: "Idle", kind: "paycore", baseUrl: "http://127.0.0.1:1", currency: "USD" } });
    const tx = (status: "approved" | "error" | "unknown" | "declined" | "pending", ms: number | null, minutesAgo: number, wasUnknown = false) =>
      db.transaction.create({
        data: {
          kind: "sale", status, amount: 100, currency: "USD", idempotencyKey: randomUUID(), reference: randomUUID().slice(0, 20), gatewayAccountId: busy.id, userId: user.id,
          gatewayDurationMs: ms, unknownAt: wasUnknown ? new Date() : null, createdAt: new Date(Date.now() - minutesAgo * 60_000),
        },
      });
    // Last hour: 10 calls of 100…1000 ms: one error, one still unknown, one unknown then approved.
    for (let i = 1; i <= 7; i++) await tx("approved", i * 100, 5);
    await tx("error", 800, 10);
    await tx("unknown", 900, 20, true);
    await tx("approved", 1000, 30, true);
    // Earlier today: two declines; two days ago: one approval (outside both windows); one that never reached the gateway.
    await tx("declined", 2000, 180);
    await tx("declined", 3000, 300);
    await tx("approved", 50, 2 * 24 * 60);
    await tx("pending", null, 1);

    const overview = await systemOverview(db);
    const account = overview.accounts.find((a) => a.id === busy.id)!;
    expect(account.hour).toEqual({ calls: 10, errorRate: 0.1, unknownRate: 0.2, p50Ms: 550, p95Ms: 955 });
    expect(account.day).toMatchObject({ calls: 12, errorRate: 1 / 12, unknownRate: 2 / 12 });
    expect(Date.now() - account.lastSuccessAt!.getTime()).toBeGreaterThanOrEqual(5 * 60_000 - 1_000);
    expect(Date.now() - account.lastSuccessAt!.getTime()).toBeLessThan(6 * 60_000);
    expect(overview.accounts.find((a) => a.id === idle.id)).toMatchObject({ lastSuccessAt: null, hour: { calls: 0, errorRate: null, p50Ms: null }, day: { calls: 0 } });
    const unknownBacklog = overview.backlog.find((b) => b.status === "unknown")!;
    expect(unknownBacklog.open).toBe(1);
    expect(Date.now() - unknownBacklog.oldestAt!.getTime()).toBeGreaterThanOrEqual(20 * 60_000 - 1_000);
    expect(overview.backlog.find((b) => b.status === "pending")!.open).toBe(1);
  });

  it("lists the failed jobs with their error, newest first", async () => {
    await db.sql.query(`SELECT pgboss.create_queue('it-system', '{"policy":"standard"}')`);
    await db.sql.query(`INSERT INTO pgboss.job (name, data, state, output, completed_on) VALUES
      ('it-system', '{}', 'failed', '{"message":"older failure"}', now() - interval '1 hour'),
      ('it-system', '{}', 'failed', '{"message":"newer failure"}', now())`);
    const overview = await systemOverview(db);
    expect(overview.failedJobs.filter((j) => j.queue === "it-system").map((j) => j.error)).toEqual(["newer failure", "older failure"]);
    expect(overview.queues.find((q) => q.queue === "it-system")).toMatchObject({ failed: 2, queued: 0, active: 0 });
  });
});
