// The reconciler as a job on the queue: it resolves a sale whose outcome was unknown, and queues its
// next run.
import { afterEach, describe, expect, it } from "vitest";
import { runSale } from "../services/payments";
import { testDb } from "../testing/db";
import { onFreshPaymentWorld, saleInput, waitFor, type PaymentWorld } from "../testing/payment-world";
import { QUEUE_SCHEMA } from "./define";
import { startQueue, type JobQueue } from "./queue";
import { reconcileJob } from "./reconcile";

const db = testDb();
let world: PaymentWorld;
let queue: JobQueue | undefined;
onFreshPaymentWorld(db, (w) => (world = w));

afterEach(async () => {
  await queue?.stop({ timeoutMs: 1_000 });
  delete process.env.RECONCILE_INTERVAL_MS;
});

describe("the reconcile job", () => {
  it("resolves an unknown sale by asking the gateway, and queues its next run", async () => {
    world.sandbox.faults.add({ gateway: "bepaid", mode: "malformed", count: 1, pathIncludes: "payments" });
    const input = saleInput(world.accounts.bepaid, { amount: "6.24", payment: { type: "new", card: { number: "4200000000000000", expiry: "12/30", cvv: "111", holderName: "Jane Doe", save: false } } });
    const { transactionId } = await runSale(world.clerk, input);
    const unknown = await db.transaction.findUniqueOrThrow({ where: { id: transactionId } });
    expect(unknown.status).toBe("unknown");
    expect(unknown.unknownAt).not.toBeNull();
    // The reconciler leaves alone rows touched in the last 5 s (a sale may still be finishing them).
    await db.$executeRaw`UPDATE "Transaction" SET "updatedAt" = now() - interval '1 minute' WHERE id = ${transactionId}`;

    process.env.RECONCILE_INTERVAL_MS = "60000";
    queue = await startQueue(db, [reconcileJob]);
    await waitFor(async () => (await db.transaction.findUniqueOrThrow({ where: { id: transactionId } })).status === "approved", 15_000);
    // The System page still counts it as unknown at first, with the sale's own call's duration.
    expect(await db.transaction.findUniqueOrThrow({ where: { id: transactionId } })).toMatchObject({ unknownAt: unknown.unknownAt, gatewayDurationMs: unknown.gatewayDurationMs });
    const { rows } = await db.sql.query<{ state: string; due: boolean }>(
      `SELECT state, start_after > now() + interval '30 seconds' AS due FROM ${QUEUE_SCHEMA}.job WHERE name = 'reconcile' AND state = 'created'`,
    );
    expect(rows).toEqual([{ state: "created", due: true }]);
  });

  it("is not run at all with RECONCILE_INTERVAL_MS=0", async () => {
    process.env.RECONCILE_INTERVAL_MS = "0";
    await db.sql.query(`DELETE FROM ${QUEUE_SCHEMA}.job WHERE name = 'reconcile'`);
    queue = await startQueue(db, [reconcileJob]);
    expect((await db.sql.query(`SELECT 1 FROM ${QUEUE_SCHEMA}.job WHERE name = 'reconcile'`)).rowCount).toBe(0);
    expect((await db.sql.query(`SELECT 1 FROM ${QUEUE_SCHEMA}.schedule WHERE name = 'reconcile'`)).rowCount).toBe(0);
  });
});
