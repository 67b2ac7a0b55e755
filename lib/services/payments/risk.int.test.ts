import { describe, expect, it } from "vitest";
import { unknownOutcome } from "../../gateways/results";
import { testDb } from "../../testing/db";
import { BILLING, onFreshPaymentWorld, saleInput, type PaymentWorld } from "../../testing/payment-world";
import { historyFiltersSchema } from "../../validation/history";
import { clientForAccount } from "../gateway-accounts";
import { listTransactions } from "../transactions/list";
import type { PaymentContext } from "./context";
import { reconcileOpen, runSale } from "./index";
import { acknowledgeRisk, pendingRiskWarning } from "./risk";

const db = testDb();
let world: PaymentWorld;

onFreshPaymentWorld(db, (w) => (world = w));

/** The BluePay sandbox returns the first letter of address line 1 as AVS and of line 2 as CVV2 (spec §7.3). */
const forced = (avs: string, cvv: string, lastName: string) => ({ billing: { ...BILLING, lastName, address1: `${avs}orth Road 1`, address2: `${cvv}o. 2` } });
const keyed = { type: "new" as const, card: { number: "4111111111111111", expiry: "12/30", cvv: "123", holderName: "Jane Doe", save: false } };

async function setRules(accountId: string, riskRules: object, repeatWindowSeconds = 0) {
  await db.gatewayAccount.update({ where: { id: accountId }, data: { riskRules, repeatWindowSeconds } });
}

describe("AVS/CVV rules", () => {
  it("by default, a CVV mismatch voids the approved sale at once: an audited void follow-up with the reason", async () => {
    await setRules(world.accounts.bluepay, {});
    const { transactionId } = await runSale(world.clerk, saleInput(world.accounts.bluepay, { ...forced("N", "N", "Avoid"), payment: keyed }));
    const sale = await db.transaction.findUniqueOrThrow({ where: { id: transactionId }, include: { children: true } });
    expect(sale).toMatchObject({ status: "approved", avsCategory: "no_match", cvvCategory: "no_match", riskAction: "void" });
    expect(sale.voidedAt).not.toBeNull();
    expect(sale.children).toHaveLength(1);
    expect(sale.children[0]).toMatchObject({ kind: "void", status: "approved", userId: world.clerk.actor.id });
    expect(sale.children[0]!.reason).toMatch(/security code \(CVV\) did not match/);
    const actions = (await db.auditEvent.findMany({ where: { targetId: { in: [sale.id, sale.children[0]!.id] } }, orderBy: { createdAt: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["payment.sale", "risk.auto_void", "payment.void"]);
  });

  it("an AVS mismatch alone only warns; the clerk's next sale is refused until they acknowledge it (audited)", async () => {
    await setRules(world.accounts.bluepay, {});
    const first = await runSale(world.clerk, saleInput(world.accounts.bluepay, { ...forced("N", "M", "Warned"), payment: keyed }));
    const sale = await db.transaction.findUniqueOrThrow({ where: { id: first.transactionId } });
    expect(sale).toMatchObject({ status: "approved", riskAction: "warn", voidedAt: null, riskAcknowledgedAt: null });
    expect((await pendingRiskWarning(db, world.clerk.actor.id))?.findings).toEqual([{ check: "avs", category: "no_match", action: "warn" }]);

    const next = saleInput(world.accounts.bluepay, { ...forced("M", "M", "Next"), payment: keyed });
    await expect(runSale(world.clerk, next)).rejects.toMatchObject({ field: "riskAcknowledgement", message: expect.stringMatching(/^Acknowledge the AVS\/CVV warning on your sale at \d/) });
    expect(await db.transaction.count({ where: { idempotencyKey: next.idempotencyKey } })).toBe(0);
    // Another clerk's warning is not this one's to clear; the manager may.
    await expect(acknowledgeRisk({ ...world.clerk, actor: { ...world.clerk.actor, id: world.manager.actor.id, role: "clerk" } }, sale.id)).rejects.toMatchObject({ status: 403 });

    await acknowledgeRisk(world.clerk, sale.id);
    expect(await db.auditEvent.count({ where: { targetId: sale.id, action: "risk.acknowledged" } })).toBe(1);
    expect((await db.transaction.findUniqueOrThrow({ where: { id: (await runSale(world.clerk, next)).transactionId } })).status).toBe("approved");
  });

  it("rules set to allow let the same mismatch through untouched", async () => {
    await setRules(world.accounts.bluepay, { avs: { no_match: "allow" }, cvv: { no_match: "allow" } });
    const { transactionId } = await runSale(world.clerk, saleInput(world.accounts.bluepay, { ...forced("N", "N", "Allowed"), payment: keyed }));
    expect(await db.transaction.findUniqueOrThrow({ where: { id: transactionId } })).toMatchObject({ status: "approved", riskAction: null, voidedAt: null });
  });

  it("a void whose outcome is unknown stays open and the reconciler resolves it like any other", async () => {
    await setRules(world.accounts.bluepay, {});
    // The void reaches the gateway, but the answer is lost on the way back.
    const lossy: PaymentContext = {
      ...world.clerk,
      clientFor: (account) => {
        const client = clientForAccount(account);
        return new Proxy(client, {
          get: (target, prop) =>
            prop === "void"
              ? async (...args: Parameters<typeof client.void>) => {
                  await target.void(...args);
                  return unknownOutcome("timed out", { request: null, response: null }, 0);
                }
              : (Reflect.get(target, prop) as unknown),
        });
      },
    };
    const { transactionId } = await runSale(lossy, saleInput(world.accounts.bluepay, { ...forced("M", "N", "Lossy"), payment: keyed }));
    const open = await db.transaction.findFirstOrThrow({ where: { parentId: transactionId } });
    expect(open).toMatchObject({ kind: "void", status: "unknown" });
    expect(await db.transaction.findUniqueOrThrow({ where: { id: transactionId } })).toMatchObject({ riskAction: "void", voidedAt: null });
    await reconcileOpen({ db }, { minAgeMs: 0 });
    expect((await db.transaction.findUniqueOrThrow({ where: { id: open.id } })).status).toBe("approved");
    expect((await db.transaction.findUniqueOrThrow({ where: { id: transactionId } })).voidedAt).not.toBeNull();
  });
});

describe("AVS/CVV rules on a late approval", () => {
  it("a sale whose approval the reconciler finds later meets the same rules, in the name of the clerk who ran it", async () => {
    await setRules(world.accounts.bluepay, {});
    world.sandbox.faults.add({ gateway: "bluepay", mode: "timeout", count: 1, pathIncludes: "bp10emu" });
    const { transactionId } = await runSale(world.clerk, saleInput(world.accounts.bluepay, { ...forced("M", "N", "Late"), amount: "17.00", payment: keyed }));
    expect(await db.transaction.findUniqueOrThrow({ where: { id: transactionId } })).toMatchObject({ status: "unknown", riskAction: null });
    await reconcileOpen({ db }, { minAgeMs: 0 });
    const sale = await db.transaction.findUniqueOrThrow({ where: { id: transactionId }, include: { children: true } });
    expect(sale).toMatchObject({ status: "approved", cvvCategory: "no_match", riskAction: "void" });
    expect(sale.voidedAt).not.toBeNull();
    expect(sale.children.map((c) => [c.kind, c.status, c.userId])).toEqual([["void", "approved", world.clerk.actor.id]]);
  });
});

describe("history filters", () => {
  it("finds the sales approved with a mismatch, and those a rule voided", async () => {
    const ids = async (risk: string) =>
      (await listTransactions(db, historyFiltersSchema.parse({ risk }), { timeZone: "UTC", pageSize: 100 })).rows.map((r) => r.id);
    const voided = await db.transaction.findMany({ where: { riskAction: "void" }, select: { id: true } });
    const allowed = await db.transaction.findFirstOrThrow({ where: { billing: { path: ["lastName"], equals: "Allowed" } } });
    const warned = await db.transaction.findFirstOrThrow({ where: { riskAction: "warn" } });
    expect((await ids("auto_voided")).sort()).toEqual(voided.map((v) => v.id).sort());
    const mismatched = await ids("mismatch");
    expect(mismatched).toEqual(expect.arrayContaining([allowed.id, warned.id]));
    for (const v of voided) expect(mismatched).not.toContain(v.id);
  });
});

describe("repeat window", () => {
  it("holds the same card, amount and customer within the window until the clerk confirms (audited)", async () => {
    await setRules(world.accounts.bluepay, {}, 120);
    const billing = { ...BILLING, lastName: "Repeat" };
    const first = await runSale(world.clerk, saleInput(world.accounts.bluepay, { amount: "9.00", billing, payment: keyed }));
    const again = saleInput(world.accounts.bluepay, { amount: "9.00", billing, payment: keyed });
    await expect(runSale(world.clerk, again)).rejects.toMatchObject({
      field: "repeatConfirmed",
      message: expect.stringMatching(/^This looks like a repeat of the sale at \d{1,2}:\d{2} [AP]M — charge again\?$/),
    });
    expect(await db.transaction.count({ where: { idempotencyKey: again.idempotencyKey } })).toBe(0);

    // Another amount, or another card, is not a repeat.
    await runSale(world.clerk, saleInput(world.accounts.bluepay, { amount: "11.00", billing, payment: keyed }));
    await runSale(world.clerk, saleInput(world.accounts.bluepay, { amount: "9.00", billing, payment: { ...keyed, card: { ...keyed.card, number: "4242424242424242" } } }));

    const confirmed = await runSale(world.clerk, { ...again, repeatConfirmed: true });
    expect(confirmed.replayed).toBe(false);
    expect(await db.auditEvent.count({ where: { targetId: first.transactionId, action: "payment.repeat_confirmed" } })).toBe(1);
  });

  it("a window of 0 holds nothing", async () => {
    await setRules(world.accounts.bluepay, {}, 0);
    const billing = { ...BILLING, lastName: "NoWindow" };
    await runSale(world.clerk, saleInput(world.accounts.bluepay, { amount: "13.00", billing, payment: keyed }));
    await expect(runSale(world.clerk, saleInput(world.accounts.bluepay, { amount: "13.00", billing, payment: keyed }))).resolves.toMatchObject({ replayed: false });
  });
});
