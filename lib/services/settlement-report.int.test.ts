import { describe, expect, it } from "vitest";
import { testDb } from "../testing/db";
import { onFreshPaymentWorld, saleInput, waitFor, type PaymentWorld } from "../testing/payment-world";
import { dayIn } from "../time";
import { NotFoundError } from "./errors";
import { runSale } from "./payments";
import { settlementReport } from "./settlement-report";

const db = testDb();
let world: PaymentWorld;
onFreshPaymentWorld(db, (w) => (world = w));

const tz = "UTC";
const today = () => dayIn(new Date(), tz);
const report = (accountId: string, from = today(), to = today()) => settlementReport({ db }, { accountId, from, to }, { timeZone: tz });

const CARDS = {
  bluepay: { number: "4111111111111111", cvv: "123" },
  bepaid: { number: "4200000000000000", cvv: "123" },
  roverpay: { number: "4111111111111111", cvv: "123" },
  paycore: { number: "5519283812030000", cvv: "123" },
} as const;

async function approvedSale(kind: keyof typeof CARDS, amount: string) {
  const { transactionId } = await runSale(world.clerk, saleInput(world.accounts[kind], { amount, card: { ...CARDS[kind], save: false } }));
  // PayCore answers pending and approves by callback.
  return waitFor(async () => {
    const tx = await db.transaction.findUniqueOrThrow({ where: { id: transactionId } });
    return tx.status === "approved" && tx;
  }, 15_000);
}

describe("BluePay: from its transaction report (bpdailyreport2)", () => {
  it("records what settled with the gateway's date, totals the day, and flags the rows Keyed disagrees with", async () => {
    const a = await approvedSale("bluepay", "21.00");
    const b = await approvedSale("bluepay", "23.00");
    const lost = await approvedSale("bluepay", "25.00");
    const renamed = await approvedSale("bluepay", "27.00");
    world.sandbox.settle("bluepay");
    const open = await approvedSale("bluepay", "29.00");
    // Deliberate mismatches: Keyed lost one outcome (declined), and holds one under an id the gateway never issued.
    await db.transaction.update({ where: { id: lost.id }, data: { status: "declined" } });
    await db.transaction.update({ where: { id: renamed.id }, data: { gatewayTransactionId: "999999999999", reference: `${renamed.reference}-x` } });

    const r = await report(world.accounts.bluepay);
    expect(r.source).toBe("listing");
    expect(r.problems).toEqual([]);
    const day = r.days.find((d) => d.day === today())!;
    // Settled and approved in Keyed: a and b (the renamed row is not settled in Keyed).
    expect(day.sales).toBe(a.amount + b.amount);
    expect(day.count).toBe(2);
    expect(day.net).toBe(a.amount + b.amount);
    const reasons = day.flags.map((f) => [f.reason, f.gatewayTransactionId]);
    expect(reasons).toEqual(
      expect.arrayContaining([
        ["settled_not_approved", lost.gatewayTransactionId],
        ["missing_at_gateway", "999999999999"],
        ["gateway_only", renamed.gatewayTransactionId],
      ]),
    );
    expect(day.flags).toHaveLength(3);

    const settled = await db.transaction.findUniqueOrThrow({ where: { id: a.id } });
    const ledger = world.sandbox.state.bluepay as { txns: { id: string; settleDate: string }[] };
    const settleDate = ledger.txns.find((t) => t.id === a.gatewayTransactionId)!.settleDate;
    expect(settled.settledAt?.toISOString()).toBe(new Date(`${settleDate.replace(" ", "T")}Z`).toISOString());
    expect((await db.transaction.findUniqueOrThrow({ where: { id: open.id } })).settledAt).toBeNull();
    // The declined row keeps Keyed's status: the report flags, it does not rewrite outcomes.
    expect((await db.transaction.findUniqueOrThrow({ where: { id: lost.id } })).status).toBe("declined");

    // A day later, with no cut-off in between, the open sale is flagged: the gateway should have settled it.
    const tomorrow = new Date(Date.now() + 86_400_000);
    const later = await settlementReport({ db }, { accountId: world.accounts.bluepay, from: today(), to: today() }, { timeZone: tz, now: tomorrow });
    const laterFlags = later.days[0]!.flags.filter((f) => f.reason === "unsettled_after_cutoff").map((f) => f.transactionId);
    expect(laterFlags).toEqual([open.id]);
  });

  it("the gateway not answering is said, not a crash; Keyed's own settled rows still count", async () => {
    world.sandbox.faults.add({ gateway: "bluepay", mode: "5xx", pathIncludes: "bpdailyreport2", count: 1 });
    const r = await report(world.accounts.bluepay);
    expect(r.problems).toEqual([expect.stringMatching(/BluePay's transaction report was not in the expected format \(HTTP 503\)/)]);
    expect(r.totals.count).toBe(2);
    expect(r.totals.flags).toBe(0);
  });
});

describe.each(["bepaid", "roverpay", "paycore"] as const)("%s: by inquiry of each open transaction", (kind) => {
  it("a sale the gateway settled reads settled and counts on its day; an unknown one it settled is flagged", async () => {
    const sale = await approvedSale(kind, "31.00");
    const unknown = await approvedSale(kind, "33.00");
    world.sandbox.settle(kind);
    await db.transaction.update({ where: { id: unknown.id }, data: { status: "unknown" } });

    const r = await report(world.accounts[kind]);
    expect(r.source).toBe("inquiry");
    expect(r.problems).toEqual([]);
    const day = r.days.find((d) => d.day === today())!;
    expect(day.sales).toBe(sale.amount);
    expect(day.count).toBe(1);
    expect(day.flags.map((f) => [f.reason, f.transactionId, f.keyedStatus])).toEqual([["settled_not_approved", unknown.id, "unknown"]]);
    const row = await db.transaction.findUniqueOrThrow({ where: { id: sale.id } });
    expect(row.settledAt).not.toBeNull();
    if (kind === "bepaid") {
      const state = world.sandbox.state.bepaid as { transactions: Record<string, { settledAt: string | null }> };
      expect(row.settledAt!.toISOString()).toBe(state.transactions[sale.gatewayTransactionId!]!.settledAt);
    }
  });
});

describe("a slow gateway", () => {
  it("inquiries stop at the report's time budget, and the report says how many were not asked", async () => {
    for (const amount of ["41.00", "43.00", "45.00", "47.00", "49.00"]) await approvedSale("bepaid", amount);
    world.sandbox.faults.add({ gateway: "bepaid", mode: "latency", latencyMs: 50 });
    try {
      const r = await settlementReport({ db }, { accountId: world.accounts.bepaid, from: today(), to: today() }, { timeZone: tz, budgetMs: 10 });
      // Six open rows (these five and the earlier test's unknown one): one round of four is asked, two are not.
      expect(r.problems).toEqual(["The gateway answered slowly: 2 open transactions were not checked; run the report again later."]);
    } finally {
      world.sandbox.faults.clear();
    }
  });
});

describe("bad input", () => {
  it("an account that does not exist is refused by name", async () => {
    await expect(report("no-such-account")).rejects.toThrow(NotFoundError);
  });

  it("a period with nothing in it: every day present, all zero, nothing flagged", async () => {
    const r = await report(world.accounts.roverpay, "2020-01-01", "2020-01-03");
    expect(r.days.map((d) => d.day)).toEqual(["2020-01-01", "2020-01-02", "2020-01-03"]);
    expect(r.totals).toEqual({ sales: 0, refunds: 0, voids: 0, net: 0, count: 0, flags: 0 });
  });
});
