import { describe, expect, it } from "vitest";
import { testDb } from "../../testing/db";
import { onFreshPaymentWorld, saleInput, waitFor, type PaymentWorld } from "../../testing/payment-world";
import { callbackSignature } from "../../gateways/paycore/signature";
import { DEMO_CREDENTIALS as paycoreDemo } from "../../../sandbox/paycore/accounts";
import { handleGatewayCallback } from "../webhooks";
import { ValidationError } from "../errors";
import { checkTransaction, reconcileOpen, runSale } from "./index";
import { finish } from "./sale";

const db = testDb();
let world: PaymentWorld;

onFreshPaymentWorld(db, (w) => (world = w));

interface LedgerEntry {
  reference?: string;
  kind: string;
  status: string;
}

const ledger = async (gateway: string): Promise<{ entries: LedgerEntry[] }> =>
  (await fetch(`${world.sandbox.url}/_sandbox/ledger/${gateway}`)).json() as Promise<{ entries: LedgerEntry[] }>;

describe("what a sale writes (in SQL, read back through Prisma)", () => {
  it("one row with UTC timestamps, the card saved, and one audit event per write with the result's details", async () => {
    const startedAt = Date.now();
    const { transactionId } = await runSale(world.clerk, { ...saleInput(world.accounts.bluepay), amount: "7.00", orderId: "PO-7" });
    const tx = await db.transaction.findUniqueOrThrow({ where: { id: transactionId } });
    expect(tx.id).toMatch(/^c[0-9a-z]{24}$/);
    expect(tx).toMatchObject({ status: "approved", kind: "sale", amount: 700, currency: "USD", orderId: "PO-7", userId: world.clerk.actor.id });
    // Stored as UTC wall time like Prisma's own writes, whatever the server's time zone.
    expect(Math.abs(tx.createdAt.getTime() - startedAt)).toBeLessThan(30_000);
    expect(tx.updatedAt.getTime()).toBeGreaterThanOrEqual(tx.createdAt.getTime());

    const events = await db.auditEvent.findMany({ where: { OR: [{ targetId: transactionId }, { targetId: tx.paymentMethodId! }] }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.action).sort()).toEqual(["card.saved", "payment.sale"]);
    const payment = events.find((e) => e.action === "payment.sale")!;
    expect(payment).toMatchObject({ actorId: world.clerk.actor.id, targetType: "Transaction" });
    expect(payment.details).toMatchObject({ amount: 700, currency: "USD", status: "approved", orderId: "PO-7", gatewayTransactionId: tx.gatewayTransactionId });
  });

  it("a result never lands twice: finishing an already final row changes nothing and records nothing", async () => {
    const { transactionId } = await runSale(world.clerk, saleInput(world.accounts.bluepay));
    const tx = await db.transaction.findUniqueOrThrow({ where: { id: transactionId } });
    const late = { status: "declined" as const, message: "late", raw: { request: null, response: null }, durationMs: 1 };
    expect(await finish(world.clerk, tx, late)).toBe(false);
    expect((await db.transaction.findUniqueOrThrow({ where: { id: transactionId } })).status).toBe("approved");
    expect(await db.auditEvent.count({ where: { targetId: transactionId, action: "payment.sale" } })).toBe(1);
  });
});

describe("sale from a new card (BluePay)", () => {
  it("tokenizes into the vault, charges the token, and stores AVS/CVV with meanings — never the PAN or CVV", async () => {
    const { transactionId, replayed } = await runSale(world.clerk, saleInput(world.accounts.bluepay, { billing: { ...saleInput("").billing, address2: "Match 2" } }));
    expect(replayed).toBe(false);
    const tx = await db.transaction.findUniqueOrThrow({ where: { id: transactionId }, include: { paymentMethod: true } });
    expect(tx.status).toBe("approved");
    expect(tx.amount).toBe(300);
    expect(tx.authCode).toBeTruthy();
    expect(tx.avsCode).toBe("M");
    expect(tx.avsMeaning).toMatch(/\w/);
    expect(tx.cvvCode).toBe("M");
    expect(tx.paymentMethod).toMatchObject({ last4: "1111", brand: "visa", expMonth: 12, expYear: 2030 });
    expect(tx.paymentMethod!.token).toBeTruthy();
    const everything = JSON.stringify(await db.transaction.findMany()) + JSON.stringify(await db.paymentMethod.findMany()) + JSON.stringify(await db.auditEvent.findMany());
    expect(everything).not.toContain("4111111111111111");
    expect(everything).not.toMatch(/"(cvv|cvv2|CARD_CVV2)":"123"/);
  });

  it("charges a saved card, and an even dollar amount is declined with the gateway's message", async () => {
    const first = await runSale(world.clerk, saleInput(world.accounts.bluepay));
    const saved = await db.transaction.findUniqueOrThrow({ where: { id: first.transactionId } });
    const second = await runSale(world.clerk, {
      ...saleInput(world.accounts.bluepay),
      customerId: saved.customerId!,
      amount: "4.00",
      payment: { type: "saved", paymentMethodId: saved.paymentMethodId! },
    });
    const tx = await db.transaction.findUniqueOrThrow({ where: { id: second.transactionId } });
    expect(tx.status).toBe("declined");
    expect(tx.message).toMatch(/decline/i);
    expect(tx.paymentMethodId).toBe(saved.paymentMethodId);
  });
});

describe("idempotency", () => {
  it("two concurrent submits with one key charge once and return the same transaction", async () => {
    const input = saleInput(world.accounts.bluepay, { amount: "5.00", payment: { type: "new", card: { number: "4111111111111111", expiry: "12/30", cvv: "123", holderName: "Jane Doe", save: false } } });
    const [a, b] = await Promise.all([runSale(world.clerk, input), runSale(world.clerk, input)]);
    expect(a.transactionId).toBe(b.transactionId);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    expect(await db.transaction.count({ where: { idempotencyKey: input.idempotencyKey } })).toBe(1);
    const tx = await db.transaction.findUniqueOrThrow({ where: { id: a.transactionId } });
    const entries = (await ledger("bluepay")).entries.filter((e) => e.reference === tx.reference);
    expect(entries).toHaveLength(1);
    const again = await runSale(world.clerk, input);
    expect(again).toEqual({ transactionId: a.transactionId, replayed: true });
  });
});

describe("unknown outcomes are never guessed", () => {
  it("a malformed reply after the gateway charged is unknown, never declined; the reconciler resolves it", async () => {
    world.sandbox.faults.add({ gateway: "bepaid", mode: "malformed", count: 1, pathIncludes: "payments" });
    const input = saleInput(world.accounts.bepaid, { amount: "6.23", payment: { type: "new", card: { number: "4200000000000000", expiry: "12/30", cvv: "111", holderName: "Jane Doe", save: false } } });
    const { transactionId } = await runSale(world.clerk, input);
    expect((await db.transaction.findUniqueOrThrow({ where: { id: transactionId } })).status).toBe("unknown");
    await reconcileOpen({ db }, { minAgeMs: 0 });
    expect((await db.transaction.findUniqueOrThrow({ where: { id: transactionId } })).status).toBe("approved");
  });

  it("a reply whose seal cannot be verified (BluePay, Location cut short) is unknown, never approved; the reconciler resolves it", async () => {
    world.sandbox.faults.add({ gateway: "bluepay", mode: "malformed", count: 1, pathIncludes: "bp10emu" });
    const input = saleInput(world.accounts.bluepay, { amount: "17.00", payment: { type: "new", card: { number: "4111111111111111", expiry: "12/30", cvv: "123", holderName: "Jane Doe", save: false } } });
    const { transactionId } = await runSale(world.clerk, input);
    const unknown = await db.transaction.findUniqueOrThrow({ where: { id: transactionId } });
    expect(unknown.status).toBe("unknown");
    expect(unknown.authCode).toBeNull();
    await reconcileOpen({ db }, { minAgeMs: 0 });
    expect((await db.transaction.findUniqueOrThrow({ where: { id: transactionId } })).status).toBe("approved");
  });

  it("a timeout after the gateway charged leaves the sale unknown; an inquiry resolves it to approved", async () => {
    world.sandbox.faults.add({ gateway: "bluepay", mode: "timeout", count: 1, pathIncludes: "bp10emu" });
    const input = saleInput(world.accounts.bluepay, { amount: "7.00", payment: { type: "new", card: { number: "4111111111111111", expiry: "12/30", cvv: "123", holderName: "Jane Doe", save: false } } });
    const { transactionId } = await runSale(world.clerk, input);
    const unknown = await db.transaction.findUniqueOrThrow({ where: { id: transactionId } });
    expect(unknown.status).toBe("unknown");
    expect(unknown.message).toMatch(/don't know yet whether the card was charged/);
    expect(await checkTransaction(world.clerk, transactionId)).toBe("resolved");
    expect((await db.transaction.findUniqueOrThrow({ where: { id: transactionId } })).status).toBe("approved");
  });

  it("re-running a sale whose outcome is unknown needs an explicit acceptance of the double-charge risk", async () => {
    world.sandbox.faults.add({ gateway: "bluepay", mode: "timeout-before", count: 1, pathIncludes: "bp10emu" });
    const noSave = { type: "new" as const, card: { number: "4111111111111111", expiry: "12/30", cvv: "123", holderName: "Jane Doe", save: false } };
    const first = await runSale(world.clerk, saleInput(world.accounts.bluepay, { amount: "15.00", payment: noSave }));
    expect((await db.transaction.findUniqueOrThrow({ where: { id: first.transactionId } })).status).toBe("unknown");
    const again = saleInput(world.accounts.bluepay, { amount: "15.00", payment: noSave, retryOf: first.transactionId });
    await expect(runSale(world.clerk, again)).rejects.toMatchObject({ field: "acceptDoubleChargeRisk" });
    expect(await db.transaction.count({ where: { idempotencyKey: again.idempotencyKey } })).toBe(0);
    const accepted = await runSale(world.clerk, { ...again, acceptDoubleChargeRisk: true });
    expect((await db.transaction.findUniqueOrThrow({ where: { id: accepted.transactionId } })).status).toBe("approved");
    expect(await db.auditEvent.count({ where: { targetId: first.transactionId, action: "payment.rerun_despite_unknown" } })).toBe(1);
    // The first attempt never reached the gateway: asking resolves it to "nothing was charged".
    await checkTransaction(world.clerk, first.transactionId);
    expect((await db.transaction.findUniqueOrThrow({ where: { id: first.transactionId } })).status).toBe("error");
  });

  it("a request the gateway never processed (5xx) resolves to 'nothing was charged', not to declined", async () => {
    world.sandbox.faults.add({ gateway: "bepaid", mode: "5xx", count: 1, pathIncludes: "payments" });
    const input = saleInput(world.accounts.bepaid, { amount: "8.17", payment: { type: "new", card: { number: "4200000000000000", expiry: "12/30", cvv: "111", holderName: "Jane Doe", save: false } } });
    const { transactionId } = await runSale(world.clerk, input);
    expect((await db.transaction.findUniqueOrThrow({ where: { id: transactionId } })).status).toBe("unknown");
    await checkTransaction(world.clerk, transactionId);
    const tx = await db.transaction.findUniqueOrThrow({ where: { id: transactionId } });
    expect(tx.status).toBe("error");
    expect(tx.message).toMatch(/no record/);
  });

  it("a sale still waiting for its gateway is not reconciled under it: the charge that lands is recorded, not 'nothing was charged'", async () => {
    await db.gatewayAccount.update({ where: { id: world.accounts.bluepay }, data: { timeoutMs: 3_000 } });
    try {
      world.sandbox.faults.add({ gateway: "bluepay", mode: "latency", latencyMs: 1_500, count: 1, pathIncludes: "bp10emu" });
      const input = saleInput(world.accounts.bluepay, { amount: "19.00", payment: { type: "new", card: { number: "4111111111111111", expiry: "12/30", cvv: "123", holderName: "Jane Doe", save: false } } });
      const sale = runSale(world.clerk, input);
      const pending = await waitFor(() => db.transaction.findUnique({ where: { idempotencyKey: input.idempotencyKey } }));
      expect(pending.status).toBe("pending");
      // Another instance's reconciler, however eager, while the gateway is still working on it.
      await reconcileOpen({ db }, { minAgeMs: 0 });
      const { transactionId } = await sale;
      const tx = await db.transaction.findUniqueOrThrow({ where: { id: transactionId } });
      expect(tx.status).toBe("approved");
      expect(await db.auditEvent.count({ where: { targetId: transactionId, action: "payment.reconciled" } })).toBe(0);
      expect((await ledger("bluepay")).entries.filter((e) => e.reference === tx.reference && e.status === "approved")).toHaveLength(1);
    } finally {
      await db.gatewayAccount.update({ where: { id: world.accounts.bluepay }, data: { timeoutMs: 1_500 } });
    }
  });

  it("concurrent reconcilers resolve each open transaction exactly once", async () => {
    const ids: string[] = [];
    for (const amount of ["9.00", "11.00", "13.00"]) {
      world.sandbox.faults.add({ gateway: "bluepay", mode: "timeout", count: 1, pathIncludes: "bp10emu" });
      const input = saleInput(world.accounts.bluepay, { amount, payment: { type: "new", card: { number: "4111111111111111", expiry: "12/30", cvv: "123", holderName: "Jane Doe", save: false } } });
      ids.push((await runSale(world.clerk, input)).transactionId);
    }
    const passes = await Promise.all([reconcileOpen({ db }, { minAgeMs: 0 }), reconcileOpen({ db }, { minAgeMs: 0 }), reconcileOpen({ db }, { minAgeMs: 0 })]);
    expect(passes.reduce((n, p) => n + p.resolved, 0)).toBe(3);
    for (const id of ids) {
      expect((await db.transaction.findUniqueOrThrow({ where: { id } })).status).toBe("approved");
      expect(await db.auditEvent.count({ where: { targetId: id, action: "payment.reconciled" } })).toBe(1);
    }
  });
});

describe("the customer typed in with a sale (issue 14, item 4)", () => {
  const noSave = { type: "new" as const, card: { number: "4111111111111111", expiry: "12/30", cvv: "123", holderName: "Ivan Petrov", save: false } };
  const ivan = (lastName: string) => ({ ...saleInput("").billing, firstName: "Ivan", lastName });
  const customersNamed = (lastName: string) => db.customer.count({ where: { lastName } });

  it("is written only when the sale is approved: a declined attempt leaves none behind to duplicate", async () => {
    const lastName = `Petrov${Date.now()}`;
    const declined = await runSale(world.clerk, saleInput(world.accounts.bluepay, { amount: "4.00", billing: ivan(lastName), payment: noSave }));
    const failed = await db.transaction.findUniqueOrThrow({ where: { id: declined.transactionId } });
    expect(failed).toMatchObject({ status: "declined", customerId: null });
    expect(failed.billing).toMatchObject({ lastName });
    expect(await customersNamed(lastName)).toBe(0);

    const approved = await runSale(world.clerk, saleInput(world.accounts.bluepay, { amount: "5.00", billing: ivan(lastName), payment: noSave, retryOf: declined.transactionId }));
    const tx = await db.transaction.findUniqueOrThrow({ where: { id: approved.transactionId }, include: { customer: true } });
    expect(tx.status).toBe("approved");
    expect(tx.customer).toMatchObject({ firstName: "Ivan", lastName, createdById: world.clerk.actor.id });
    expect(await customersNamed(lastName)).toBe(1);
  });

  it("a failed save of the card stops the sale, says so, and writes no customer", async () => {
    const lastName = `Saveless${Date.now()}`;
    world.sandbox.faults.add({ gateway: "bepaid", mode: "5xx", count: 1, pathIncludes: "tokenizations" });
    const card = { number: "4200000000000000", expiry: "12/30", cvv: "111", holderName: "Ivan Petrov", save: true };
    const { transactionId } = await runSale(world.clerk, saleInput(world.accounts.bepaid, { amount: "6.00", billing: ivan(lastName), payment: { type: "new", card } }));
    const tx = await db.transaction.findUniqueOrThrow({ where: { id: transactionId } });
    expect(tx).toMatchObject({ status: "error", fault: "gateway", customerId: null, paymentMethodId: null });
    expect(tx.extra).toMatchObject({ saveFailed: true });
    expect(tx.message).toMatch(/saving the card, so nothing was charged/);
    expect(await customersNamed(lastName)).toBe(0);
  });

  it("a sale whose outcome was unknown writes its customer once the reconciler finds it approved", async () => {
    const lastName = `Later${Date.now()}`;
    world.sandbox.faults.add({ gateway: "bluepay", mode: "timeout", count: 1, pathIncludes: "bp10emu" });
    const { transactionId } = await runSale(world.clerk, saleInput(world.accounts.bluepay, { amount: "19.00", billing: ivan(lastName), payment: noSave }));
    expect(await db.transaction.findUniqueOrThrow({ where: { id: transactionId } })).toMatchObject({ status: "unknown", customerId: null });
    await checkTransaction(world.clerk, transactionId);
    const tx = await db.transaction.findUniqueOrThrow({ where: { id: transactionId }, include: { customer: true } });
    expect(tx.status).toBe("approved");
    // Written by the reconciler, but on behalf of the clerk who keyed the sale.
    expect(tx.customer).toMatchObject({ lastName, createdById: world.clerk.actor.id });
  });
});

describe("asynchronous gateway (PayCore)", () => {
  it("a pending sale becomes approved by the signed callback, keeps the card, and a replayed callback changes nothing", async () => {
    const input = saleInput(world.accounts.paycore, { amount: "12.00", card: { number: "5519283812030000", cvv: "123" } });
    const { transactionId } = await runSale(world.clerk, input);
    expect((await db.transaction.findUniqueOrThrow({ where: { id: transactionId } })).status).toBe("pending");
    const approved = await waitFor(async () => {
      const tx = await db.transaction.findUniqueOrThrow({ where: { id: transactionId }, include: { paymentMethod: true } });
      return tx.status === "approved" && tx;
    }, 15_000);
    expect(approved.paymentMethod).toMatchObject({ last4: "0000" });
    const last = world.callbacks.last!;
    const replay = await handleGatewayCallback(db, "paycore", last.headers, last.body, null);
    expect(replay).toEqual({ status: 200, outcome: "ignored" });
    expect(await db.paymentMethod.count({ where: { customerId: approved.customerId! } })).toBe(1);
  });

  it("a late 'processing' callback, correctly signed, never moves an approved payment backwards", async () => {
    const last = world.callbacks.last!;
    const late = last.body.replace(/"status":"processed"/, '"status":"processing"');
    expect(late).not.toBe(last.body);
    const headers = new Headers({ "content-type": "application/json", "X-Signature": callbackSignature(paycoreDemo.callbackSecret, late) });
    const handled = await handleGatewayCallback(db, "paycore", headers, late, null);
    expect(handled).toEqual({ status: 200, outcome: "ignored" });
    const approved = await db.transaction.findMany({ where: { gatewayAccountId: world.accounts.paycore, status: "approved" } });
    expect(approved.length).toBeGreaterThan(0);
    expect(await db.transaction.count({ where: { gatewayAccountId: world.accounts.paycore, status: "pending" } })).toBe(0);
  });

  it("a callback with a tampered body is refused with 401 and changes nothing", async () => {
    const last = world.callbacks.last!;
    const tampered = last.body.replace(/"status":"\w+"/, '"status":"processed"').replace("12.00", "1.00") + " ";
    const handled = await handleGatewayCallback(db, "paycore", last.headers, tampered, null);
    expect(handled.status).toBe(401);
    expect(await db.auditEvent.count({ where: { action: "webhook.rejected" } })).toBeGreaterThan(0);
  });
});

describe("input the gateway must never see", () => {
  it("refuses a saved card with no customer named, instead of charging it under a new customer (issue 13, finding 7)", async () => {
    const saved = await runSale(world.clerk, saleInput(world.accounts.bluepay, { amount: "15.00" }));
    const owner = await db.transaction.findUniqueOrThrow({ where: { id: saved.transactionId } });
    expect(owner.paymentMethodId).toBeTruthy();
    const customers = await db.customer.count();
    const transactions = await db.transaction.count();
    const forged = saleInput(world.accounts.bluepay, { amount: "17.00", customerId: "", payment: { type: "saved", paymentMethodId: owner.paymentMethodId! } });
    await expect(runSale(world.clerk, forged)).rejects.toMatchObject({ field: "payment.paymentMethodId" });
    expect(await db.customer.count()).toBe(customers);
    expect(await db.transaction.count()).toBe(transactions);
  });

  it("refuses a sale above the account's 'confirm above' amount that was not confirmed (issue 14, item 1)", async () => {
    await db.gatewayAccount.update({ where: { id: world.accounts.bluepay }, data: { confirmAbove: 10_000 } });
    try {
      const before = await db.transaction.count();
      await expect(runSale(world.clerk, saleInput(world.accounts.bluepay, { amount: "101.00" }))).rejects.toMatchObject({ field: "amount", message: expect.stringMatching(/Confirm \$101\.00/) });
      expect(await db.transaction.count()).toBe(before);
      const input = saleInput(world.accounts.bluepay, { amount: "101.00", amountConfirmed: true });
      const first = await runSale(world.clerk, input);
      expect((await db.transaction.findUniqueOrThrow({ where: { id: first.transactionId } })).status).toBe("approved");
      // The confirmed submit repeated is the same sale, not a second one.
      expect(await runSale(world.clerk, input)).toEqual({ transactionId: first.transactionId, replayed: true });
      expect((await runSale(world.clerk, saleInput(world.accounts.bluepay, { amount: "99.00" }))).replayed).toBe(false);
    } finally {
      await db.gatewayAccount.update({ where: { id: world.accounts.bluepay }, data: { confirmAbove: null } });
    }
  });

  it("refuses authorize-only where the gateway cannot, and amounts over the account maximum", async () => {
    await expect(runSale(world.clerk, saleInput(world.accounts.paycore, { intent: "auth" }))).rejects.toBeInstanceOf(ValidationError);
    await db.gatewayAccount.update({ where: { id: world.accounts.bluepay }, data: { maxAmount: 10_000 } });
    await expect(runSale(world.clerk, saleInput(world.accounts.bluepay, { amount: "101.00" }))).rejects.toMatchObject({ field: "amount" });
    await db.gatewayAccount.update({ where: { id: world.accounts.bluepay }, data: { maxAmount: 1_000_000 } });
  });
});
