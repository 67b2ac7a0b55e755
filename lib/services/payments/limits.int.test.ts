import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Role } from "../../auth/roles";
import { createUser, testDb } from "../../testing/db";
import { BILLING, onFreshPaymentWorld, saleInput, type PaymentWorld } from "../../testing/payment-world";
import { spendingLimitSchema } from "../../validation/limits";
import { CARD_ATTEMPTS_KEY, getLimitSettings, updateSpendingLimit } from "../limits";
import type { PaymentContext } from "./context";
import { refundTransaction, runSale } from "./index";
import { approveOverride, listOverrideRequests } from "./limits";

const db = testDb();
let world: PaymentWorld;
onFreshPaymentWorld(db, (w) => (world = w));

const admin = () => world.manager.actor;

/** A user of their own, so one test's sales today never count against another's limits. */
async function ownUser(role: Role = "clerk"): Promise<PaymentContext> {
  const { user } = await createUser(db, { role });
  return { db, actor: { id: user.id, email: user.email, role } };
}

async function setLimits(scope: "role" | "user", subject: string, values: { maxSale?: string; maxDaily?: string; maxRefundCount?: string; maxRefundDaily?: string }) {
  const input = spendingLimitSchema({ currency: "USD", maxAmount: 1_000_000 }).parse({ scope, subject, currency: "USD", maxSale: "", maxDaily: "", maxRefundCount: "", maxRefundDaily: "", ...values });
  await updateSpendingLimit(db, admin(), input, null);
}

const ledgerSize = async () => ((await (await fetch(`${world.sandbox.url}/_sandbox/ledger/bluepay`)).json()) as { entries: unknown[] }).entries.length;
// BluePay's sandbox approves odd whole dollars.
const sale = (ctx: PaymentContext, amount: string, extra: Parameters<typeof saleInput>[1] = {}) =>
  runSale(ctx, saleInput(world.accounts.bluepay, { amount, card: { save: false }, ...extra }));

describe("daily limit", () => {
  it("a sale that would pass the user's daily total is refused before any gateway call, naming the limit and who can raise it", async () => {
    const clerk = await ownUser();
    await setLimits("user", clerk.actor.id, { maxDaily: "10.00" });
    await sale(clerk, "7.00");
    const calls = await ledgerSize();
    const refused = saleInput(world.accounts.bluepay, { amount: "5.00", card: { save: false } });
    await expect(runSale(clerk, refused)).rejects.toMatchObject({
      field: "amount",
      message: "This sale would take your sales today to $12.00, over your daily limit of $10.00 (set for you). A manager can approve this one sale under Approvals. An admin can raise the limit under Admin → Limits.",
    });
    expect(await ledgerSize()).toBe(calls);
    expect(await db.transaction.count({ where: { idempotencyKey: refused.idempotencyKey } })).toBe(0);
    expect(await db.auditEvent.count({ where: { actorId: clerk.actor.id, action: "limit.refused" } })).toBe(1);
    // Up to the limit exactly is allowed.
    await expect(sale(clerk, "3.00")).resolves.toMatchObject({ replayed: false });
  });

  it("two concurrent sales cannot pass a daily limit together: of five at once that each fit alone, exactly one goes through", async () => {
    const clerk = await ownUser();
    await setLimits("user", clerk.actor.id, { maxDaily: "10.00" });
    const results = await Promise.allSettled(["7.00", "7.00", "7.00", "7.00", "7.00"].map((a) => sale(clerk, a)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.message)).toEqual(
      Array(4).fill(expect.stringContaining("over your daily limit of $10.00")),
    );
    expect(await db.transaction.count({ where: { userId: clerk.actor.id } })).toBe(1);
  });

  it("a role's limit applies to its users; a user's own value replaces it; other currencies and roles are untouched", async () => {
    const clerk = await ownUser();
    const manager = await ownUser("manager");
    await setLimits("role", "clerk", { maxSale: "5.00" });
    try {
      await expect(sale(clerk, "7.00")).rejects.toThrow("$7.00 is over your single-sale limit of $5.00 (set for clerks).");
      await expect(sale(manager, "7.00")).resolves.toMatchObject({ replayed: false });
      await setLimits("user", clerk.actor.id, { maxSale: "9.00" });
      await expect(sale(clerk, "7.00")).resolves.toMatchObject({ replayed: false });
      const settings = await getLimitSettings(db);
      expect(settings.users.find((u) => u.id === clerk.actor.id)?.effective.USD).toMatchObject({ maxSale: 900, maxDaily: null });
    } finally {
      await setLimits("role", "clerk", {});
    }
  });

  it("a voided sale no longer counts; a declined one never did", async () => {
    const clerk = await ownUser();
    await setLimits("user", clerk.actor.id, { maxDaily: "10.00" });
    // BluePay's sandbox declines even whole dollars.
    const declined = await sale(clerk, "8.00");
    expect((await db.transaction.findUniqueOrThrow({ where: { id: declined.transactionId } })).status).toBe("declined");
    const first = await sale(clerk, "9.00");
    await expect(sale(clerk, "3.00")).rejects.toThrow(/over your daily limit/);
    await db.transaction.update({ where: { id: first.transactionId }, data: { voidedAt: new Date() } });
    await expect(sale(clerk, "3.00")).resolves.toMatchObject({ replayed: false });
  });
});

describe("manager override", () => {
  it("a manager's approval lets that one refused submit through once, audited; the next is refused again", async () => {
    const clerk = await ownUser();
    await setLimits("user", clerk.actor.id, { maxDaily: "10.00" });
    await sale(clerk, "9.00");
    const input = saleInput(world.accounts.bluepay, { amount: "3.00", card: { save: false } });
    await expect(runSale(clerk, input)).rejects.toThrow(/over your daily limit/);
    const request = (await listOverrideRequests(db)).find((r) => r.userEmail === clerk.actor.email)!;
    expect(request).toMatchObject({ amount: 300, currency: "USD", limitName: "maxDaily", approvedAt: null });
    expect(await db.auditEvent.findFirst({ where: { action: "limit.refused", targetId: request.id } })).toMatchObject({ actorId: clerk.actor.id });

    // The clerk cannot approve their own; nor can another clerk.
    await expect(approveOverride({ ...clerk, actor: { ...clerk.actor, role: "manager" } }, request.id)).rejects.toThrow("Another manager must approve your own sale.");
    await expect(approveOverride(await ownUser(), request.id)).rejects.toMatchObject({ status: 403 });
    // Before approval the same submit is still refused.
    await expect(runSale(clerk, input)).rejects.toThrow(/over your daily limit/);

    await approveOverride(world.manager, request.id);
    // Another amount on the same form is not what the manager approved.
    await expect(runSale(clerk, { ...input, amount: "5.00" })).rejects.toThrow(/over your daily limit/);
    await expect(runSale(clerk, input)).rejects.toThrow(/over your daily limit/);
    await approveOverride(world.manager, request.id);
    const through = await runSale(clerk, input);
    expect(through.replayed).toBe(false);
    expect((await db.transaction.findUniqueOrThrow({ where: { id: through.transactionId } })).status).toBe("approved");
    expect(await db.auditEvent.findFirst({ where: { action: "limit.override_approved", targetId: request.id } })).toMatchObject({ actorId: world.manager.actor.id });
    expect(await db.auditEvent.findFirst({ where: { action: "limit.override_used", targetId: through.transactionId } })).toMatchObject({ actorId: clerk.actor.id });

    // Used once: the approval does not carry over to another sale.
    await expect(sale(clerk, "3.00")).rejects.toThrow(/over your daily limit/);
    await expect(runSale(clerk, input)).resolves.toMatchObject({ replayed: true, transactionId: through.transactionId });
  });
});

describe("card attempts", () => {
  it("a card tried too often in the last hour, declines included, is refused, whoever keys it", async () => {
    const clerk = await ownUser();
    const other = await ownUser();
    const card = { number: "4000056655665556", save: false };
    await db.appSetting.upsert({ where: { key: CARD_ATTEMPTS_KEY }, create: { key: CARD_ATTEMPTS_KEY, value: 2 }, update: { value: 2 } });
    try {
      await sale(clerk, "8.00", { card }); // declined
      await sale(clerk, "5.00", { card });
      const calls = await ledgerSize();
      await expect(sale(other, "7.00", { card })).rejects.toMatchObject({
        field: "payment",
        message: expect.stringContaining("This card has been tried 2 times in the last hour, declines included: the limit is 2 an hour per card."),
      });
      expect(await ledgerSize()).toBe(calls);
      // Another card is another card.
      await expect(sale(other, "7.00", { card: { number: "4242424242424242", save: false } })).resolves.toMatchObject({ replayed: false });
      const stored = await db.transaction.findMany({ where: { userId: clerk.actor.id }, select: { cardFingerprint: true } });
      expect(stored.map((s) => s.cardFingerprint)).toEqual([expect.stringMatching(/^k1:[0-9a-f]{32}$/), stored[0]!.cardFingerprint]);
      expect(JSON.stringify(stored)).not.toContain("4000056655665556");
    } finally {
      await db.appSetting.delete({ where: { key: CARD_ATTEMPTS_KEY } });
    }
  });
});

describe("refund limits", () => {
  it("a manager's refunds per day are limited by count and by amount", async () => {
    const manager = await ownUser("manager");
    await setLimits("user", manager.actor.id, { maxRefundCount: "2", maxRefundDaily: "5.00" });
    const sales = [];
    for (const amount of ["3.00", "3.00", "3.00"]) sales.push((await sale(world.clerk, amount, { billing: { ...BILLING, lastName: `Refund${sales.length}` } })).transactionId);
    world.sandbox.settle("bluepay");
    const refund = (id: string, amount: string) => refundTransaction(manager, { transactionId: id, idempotencyKey: randomUUID(), amount, reason: "Returned" });
    expect((await refund(sales[0]!, "3.00")).status).toBe("approved");
    await expect(refund(sales[1]!, "3.00")).rejects.toMatchObject({ field: "amount", message: expect.stringContaining("over your daily refund limit of $5.00 (set for you)") });
    expect((await refund(sales[1]!, "2.00")).status).toBe("approved");
    await expect(refund(sales[2]!, "0.50")).rejects.toThrow("You have made 2 refunds today: your limit is 2 a day (set for you). An admin can raise the limit under Admin → Limits.");
    expect(await db.transaction.count({ where: { kind: "refund", userId: manager.actor.id } })).toBe(2);
  });
});

describe("limit settings", () => {
  it("a change is audited with what it was and what it became; zero, negative and above the account maximum are refused at the field", async () => {
    const clerk = await ownUser();
    await setLimits("user", clerk.actor.id, { maxSale: "50.00" });
    await setLimits("user", clerk.actor.id, { maxSale: "60.00", maxRefundCount: "3" });
    const events = await db.auditEvent.findMany({ where: { targetId: clerk.actor.id, action: "limits.update" }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.details)).toEqual([
      { currency: "USD", changes: { maxSale: { from: null, to: 5000 } } },
      { currency: "USD", changes: { maxSale: { from: 5000, to: 6000 }, maxRefundCount: { from: null, to: 3 } } },
    ]);
    const schema = spendingLimitSchema({ currency: "USD", maxAmount: 1_000_000 });
    const base = { scope: "user", subject: clerk.actor.id, currency: "USD", maxSale: "", maxDaily: "", maxRefundCount: "", maxRefundDaily: "" };
    for (const [field, bad] of [["maxSale", "0"], ["maxSale", "-5"], ["maxSale", "10000.01"], ["maxDaily", "0.00"], ["maxRefundCount", "0"], ["maxRefundCount", "1.5"], ["maxRefundDaily", "abc"]] as const) {
      const parsed = schema.safeParse({ ...base, [field]: bad });
      expect(parsed.success, `${field}=${bad}`).toBe(false);
      expect(parsed.error!.issues.map((i) => i.path.join("."))).toEqual([field]);
    }
  });
});
