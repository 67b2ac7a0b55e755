import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Prisma } from "../db";
import { createUser, resetDatabase, testDb } from "../testing/db";
import { historyFiltersSchema } from "../validation/history";
import { getDashboard } from "./dashboard";
import { getMerchantSettings, updateMerchantSettings } from "./settings";
import { listTransactions, transactionTotals } from "./transactions/list";

const db = testDb();
const NY = "America/New_York";
// 2026-03-08 is the day New York moves to daylight time (23 hours long).
const NOW = new Date("2026-03-10T15:00:00Z");

let seq = 0;
let accountA: string;
let accountB: string;
let clerk: string;

async function tx(data: Partial<Prisma.TransactionUncheckedCreateInput> & { createdAt: Date }) {
  seq++;
  return db.transaction.create({
    data: { kind: "sale", status: "approved", amount: 1000, currency: "USD", idempotencyKey: `it-dash-${seq}`, reference: `it-dash-ref-${seq}`, gatewayAccountId: accountA, userId: clerk, ...data },
  });
}

const rollup = () =>
  db.$queryRaw<unknown[]>`SELECT hour, "gatewayAccountId", currency, kind::text, status::text, voided, fault, count, amount::text, "avsChecked", "avsMismatch", "cvvChecked", "cvvMismatch"
    FROM "TransactionRollup" WHERE count <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7`;

/** The dashboard's days, with the amount as text and days as "YYYY-MM-DD" (comparable with toEqual). */
const days = () =>
  db.$queryRaw<{ day: string; amount: string }[]>`SELECT to_char(day, 'YYYY-MM-DD') AS day, "gatewayAccountId", currency, kind::text, status::text, voided, fault, count, amount::text, "avsChecked", "avsMismatch", "cvvChecked", "cvvMismatch"
    FROM "TransactionDailyRollup" WHERE count <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7`;
const rebuildDays = (zone: string | null) => db.$executeRaw`SELECT transaction_daily_rollup_rebuild(${zone})`;

async function historyTotals(from: string, to: string, timeZone: string) {
  const totals = await transactionTotals(db, historyFiltersSchema.parse({ from, to }), { timeZone, now: NOW });
  return Object.fromEntries(totals.map((t) => [t.currency, { sales: t.approvedVolume, refunds: t.refundedVolume }]));
}

async function dashboardTotals(from: string, to: string, timeZone: string) {
  const d = await getDashboard(db, { from, to }, { timeZone, now: NOW });
  return Object.fromEntries(d.totals.map((t) => [t.currency, { sales: t.current.salesAmount, refunds: t.current.refundsAmount }]));
}

beforeAll(async () => {
  await resetDatabase(db);
  const account = (label: string) => db.gatewayAccount.create({ data: { label, kind: "bluepay", baseUrl: "http://127.0.0.1:1/bluepay", currency: "USD" } });
  accountA = (await account("Account A")).id;
  accountB = (await account("Account B")).id;
  clerk = (await createUser(db, { role: "clerk" })).user.id;
});

afterAll(async () => {
  await db.$disconnect();
});

describe("dashboard", () => {
  it("shows zeros and no 500 on an empty database", async () => {
    const d = await getDashboard(db, { from: "2026-03-04", to: "2026-03-10" }, { timeZone: NY, now: NOW });
    expect(d.totals).toEqual([]);
    expect(d.series).toEqual([]);
    expect(d.attention.map((a) => a.count)).toEqual([0, 0, 0, 0, 0]);
  });

  it("totals equal the history's for the same days, across a DST change, per currency, with the period before", async () => {
    // New York: 2026-03-07 23:30 (EST), 2026-03-08 00:30 (EST), 2026-03-08 23:30 (EDT), 2026-03-09 00:30 (EDT).
    await tx({ createdAt: new Date("2026-03-08T04:30:00Z"), amount: 1100 });
    await tx({ createdAt: new Date("2026-03-08T05:30:00Z"), amount: 2200, avsCategory: "no_match", cvvCategory: "match" });
    await tx({ createdAt: new Date("2026-03-09T03:30:00Z"), amount: 3300, avsCategory: "match", cvvCategory: "no_match", gatewayAccountId: accountB });
    await tx({ createdAt: new Date("2026-03-09T04:30:00Z"), amount: 4400, kind: "capture" });
    await tx({ createdAt: new Date("2026-03-08T12:00:00Z"), amount: 900, currency: "EUR" });
    await tx({ createdAt: new Date("2026-03-08T13:00:00Z"), amount: 500, kind: "refund" });
    await tx({ createdAt: new Date("2026-03-08T14:00:00Z"), amount: 700, status: "declined", fault: "card" });
    await tx({ createdAt: new Date("2026-03-08T15:00:00Z"), amount: 800, status: "error", fault: "gateway", gatewayAccountId: accountB });
    await tx({ createdAt: new Date("2026-03-01T15:00:00Z"), amount: 5000 }); // the week before
    // A sale voided later: the trigger moves it out of the sales when voidedAt is set.
    const voided = await tx({ createdAt: new Date("2026-03-08T16:00:00Z"), amount: 9900 });
    await tx({ createdAt: new Date("2026-03-08T17:00:00Z"), amount: 9900, kind: "void", parentId: voided.id });
    await db.transaction.update({ where: { id: voided.id }, data: { voidedAt: new Date("2026-03-08T17:00:00Z") } });

    for (const [from, to] of [
      ["2026-03-08", "2026-03-08"],
      ["2026-03-07", "2026-03-08"],
      ["2026-03-04", "2026-03-10"],
    ] as const) {
      expect(await dashboardTotals(from, to, NY), `${from}..${to}`).toEqual(await historyTotals(from, to, NY));
    }
    const day = await getDashboard(db, { from: "2026-03-08", to: "2026-03-08" }, { timeZone: NY, now: NOW });
    const usd = day.totals.find((t) => t.currency === "USD")!;
    expect(usd.current).toEqual({ salesCount: 2, salesAmount: 5500, refundsCount: 1, refundsAmount: 500, voidsCount: 1, net: 5000 });
    expect(usd.previous.salesAmount).toBe(1100);
    expect(day.granularity).toBe("hour");
    expect(day.series.find((s) => s.currency === "USD")!.points).toHaveLength(24);
    const week = await getDashboard(db, { from: "2026-03-04", to: "2026-03-10" }, { timeZone: NY, now: NOW });
    expect(week.totals.find((t) => t.currency === "USD")!.previous.salesAmount).toBe(5000);
    expect(week.series.find((s) => s.currency === "USD")!.points.find((p) => p.label === "2026-03-08")).toEqual({ label: "2026-03-08", sales: 5500, refunds: 500 });
    expect(week.failures).toEqual([
      { fault: "card", count: 1 },
      { fault: "gateway", count: 1 },
    ]);
    expect(week.avs).toEqual({ checked: 2, mismatch: 1 });
    expect(week.cvv).toEqual({ checked: 2, mismatch: 1 });
    const b = week.accounts.find((a) => a.label === "Account B")!;
    expect([b.approved, b.decided]).toEqual([1, 2]);
  });

  it("is exact in a zone whose midnight falls inside a rollup hour (UTC+5:30)", async () => {
    // 18:15Z is 23:45 in Kolkata, 18:45Z is 00:15 the next day: the same UTC hour.
    await tx({ createdAt: new Date("2026-03-05T18:15:00Z"), amount: 1234 });
    await tx({ createdAt: new Date("2026-03-05T18:45:00Z"), amount: 4321 });
    for (const [from, to] of [
      ["2026-03-05", "2026-03-05"],
      ["2026-03-06", "2026-03-06"],
      ["2026-03-01", "2026-03-10"],
    ] as const) {
      expect(await dashboardTotals(from, to, "Asia/Kolkata"), `${from}..${to}`).toEqual(await historyTotals(from, to, "Asia/Kolkata"));
    }
  });

  it("keeps the rollup equal to a recount after inserts, updates and deletes", async () => {
    const t = await tx({ createdAt: new Date("2026-03-09T10:00:00Z"), status: "unknown" });
    await db.transaction.update({ where: { id: t.id }, data: { status: "approved", avsCategory: "partial" } });
    const gone = await tx({ createdAt: new Date("2026-03-09T11:00:00Z") });
    await db.transaction.delete({ where: { id: gone.id } });
    const kept = await rollup();
    await db.$executeRaw`SELECT transaction_rollup_rebuild()`;
    expect(kept).toEqual(await rollup());
  });

  it("reads a period of days from the days counted in the merchant's zone, equal to summing hours, in New York and in Kolkata", async () => {
    const periods = [
      ["2026-03-07", "2026-03-08"],
      ["2026-03-04", "2026-03-10"],
      ["2026-03-01", "2026-03-31"],
    ] as const;
    const dashboards = (timeZone: string) => Promise.all(periods.map(([from, to]) => getDashboard(db, { from, to }, { timeZone, now: NOW })));
    for (const zone of [NY, "Asia/Kolkata"]) {
      await rebuildDays(zone);
      const fromDays = await dashboards(zone);
      // The days are what is read: a change to one shows on the dashboard.
      await db.$executeRaw`UPDATE "TransactionDailyRollup" SET amount = amount + 1 WHERE day = '2026-03-08' AND kind = 'sale' AND status = 'approved' AND NOT voided AND currency = 'USD' AND "gatewayAccountId" = ${accountA}`;
      expect((await dashboards(zone))[0]!.totals.find((t) => t.currency === "USD")!.current.salesAmount, zone).toBe(fromDays[0]!.totals.find((t) => t.currency === "USD")!.current.salesAmount + 1);
      await rebuildDays(null);
      expect(await dashboards(zone), zone).toEqual(fromDays);
    }
    await rebuildDays(NY);
  });

  it("keeps the days equal to a recount after inserts, updates and deletes, and counts a payment written during a recount once", async () => {
    await rebuildDays(NY);
    const t = await tx({ createdAt: new Date("2026-03-09T10:00:00Z"), status: "unknown" });
    await db.transaction.update({ where: { id: t.id }, data: { status: "approved", voidedAt: new Date("2026-03-09T11:00:00Z") } });
    const gone = await tx({ createdAt: new Date("2026-03-09T11:00:00Z") });
    await db.transaction.delete({ where: { id: gone.id } });
    let kept = await days();
    await rebuildDays(NY);
    expect(kept).toEqual(await days());

    // A recount for Kolkata holds its lock while a payment is written: 20:00Z is 15:00 on the 5th in
    // New York and 01:30 on the 6th in Kolkata, so a payment counted in the old zone's day is caught.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let recounted!: () => void;
    const recountRan = new Promise<void>((resolve) => (recounted = resolve));
    const recount = db.$transaction(async (r) => {
      await r.$executeRaw`SELECT transaction_daily_rollup_rebuild('Asia/Kolkata')`;
      recounted();
      await held;
    });
    await recountRan;
    const payment = tx({ createdAt: new Date("2026-03-05T20:00:00Z"), amount: 777, currency: "GBP" });
    await new Promise((resolve) => setTimeout(resolve, 300)); // the payment's trigger is now waiting for the recount
    release();
    await Promise.all([recount, payment]);
    kept = await days();
    await rebuildDays("Asia/Kolkata");
    expect(kept).toEqual(await days());
    expect(kept).toContainEqual(expect.objectContaining({ day: "2026-03-06", currency: "GBP", amount: "777" }));
    await rebuildDays(NY);
  });

  it("recounts the days when the merchant's time zone is saved", async () => {
    const admin = (await createUser(db, { role: "admin" })).user;
    const settings = await getMerchantSettings(db);
    await updateMerchantSettings(db, { id: admin.id, email: admin.email }, { ...settings, timeZone: "Asia/Kolkata" });
    expect(await db.transactionDailyRollupZone.findMany()).toEqual([{ id: true, timeZone: "Asia/Kolkata" }]);
    const kept = await days();
    await rebuildDays("Asia/Kolkata");
    expect(kept).toEqual(await days());
    await updateMerchantSettings(db, { id: admin.id, email: admin.email }, { ...settings, timeZone: NY });
    expect(await db.transactionDailyRollupZone.findMany()).toEqual([{ id: true, timeZone: NY }]);
  });

  it("lists what needs attention with the count its history link shows", async () => {
    await tx({ createdAt: new Date("2026-03-01T10:00:00Z"), kind: "auth" }); // 9 days old, open
    await tx({ createdAt: new Date("2026-03-09T10:00:00Z"), kind: "auth" }); // too recent
    await tx({ createdAt: new Date("2026-02-20T10:00:00Z"), kind: "auth", capturedAmount: 1000 }); // captured
    await tx({ createdAt: new Date("2026-03-09T10:00:00Z"), status: "unknown" });
    await tx({ createdAt: new Date("2026-03-09T10:00:00Z"), kind: "refund", status: "declined", fault: "request" });
    const d = await getDashboard(db, { from: "2026-03-10", to: "2026-03-10" }, { timeZone: NY, now: NOW });
    const byKey = Object.fromEntries(d.attention.map((a) => [a.key, a]));
    expect(byKey.uncaptured!.count).toBe(1);
    expect(byKey.unknown!.count).toBe(1);
    expect(byKey.refund_declined!.count).toBe(1);
    for (const a of d.attention) {
      const params = Object.fromEntries(new URL(a.href, "http://x").searchParams);
      const page = await listTransactions(db, historyFiltersSchema.parse(params), { timeZone: NY, now: NOW });
      expect(page.rows.length, a.key).toBe(a.count);
    }
  });
});
