import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { testDb } from "../../testing/db";
import { onFreshPaymentWorld, saleInput, type PaymentWorld } from "../../testing/payment-world";
import { ForbiddenError, ServiceError, ValidationError } from "../errors";
import { captureTransaction, refundTransaction, runSale, voidTransaction } from "./index";

const db = testDb();
let world: PaymentWorld;
// BluePay approves odd whole dollars; distinct amounts keep tests apart in the sandbox's ledger.
let dollars = 11;
const nextAmount = () => `${(dollars += 2)}.00`;

onFreshPaymentWorld(db, (w) => (world = w));

interface LedgerEntry {
  gatewayTransactionId: string;
  kind: string;
  status: string;
  amount: unknown;
}

const ledger = async (gateway: string): Promise<LedgerEntry[]> => ((await (await fetch(`${world.sandbox.url}/_sandbox/ledger/${gateway}`)).json()) as { entries: LedgerEntry[] }).entries;

async function approvedSale(opts: { settle?: boolean; intent?: "sale" | "auth" } = {}) {
  const amount = nextAmount();
  const { transactionId } = await runSale(world.clerk, saleInput(world.accounts.bluepay, { amount, intent: opts.intent ?? "sale" }));
  const tx = await db.transaction.findUniqueOrThrow({ where: { id: transactionId } });
  expect(tx.status).toBe("approved");
  if (opts.settle) world.sandbox.settle("bluepay");
  return { id: transactionId, amount, minor: tx.amount };
}

const refund = (id: string, amount: string, idempotencyKey = randomUUID()) =>
  refundTransaction(world.manager, { transactionId: id, idempotencyKey, amount, reason: "Customer returned the goods" });

describe("refunds", () => {
  it("two managers refunding the remaining amount at once: exactly one refund goes through", async () => {
    const sale = await approvedSale({ settle: true });
    const results = await Promise.allSettled([refund(sale.id, sale.amount), refund(sale.id, sale.amount)]);
    const approved = results.filter((r) => r.status === "fulfilled" && r.value.status === "approved");
    const refused = results.filter((r) => r.status === "rejected");
    expect(approved).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(ValidationError);
    const parent = await db.transaction.findUniqueOrThrow({ where: { id: sale.id } });
    expect(parent.refundedAmount).toBe(sale.minor);
    expect(await db.transaction.count({ where: { parentId: sale.id, kind: "refund" } })).toBe(1);
    const gatewayRefunds = (await ledger("bluepay")).filter((e) => e.kind.toLowerCase().includes("refund") && e.gatewayTransactionId && e.status !== "declined");
    expect(gatewayRefunds.filter((e) => Number(String(e.amount).replace(/[^\d]/g, "")) === sale.minor || Number(e.amount) === sale.minor / 100)).toHaveLength(1);
  });

  it("partial refunds add up to the amount, and a third refund is refused with the reason", async () => {
    const sale = await approvedSale({ settle: true });
    const half = Math.floor(sale.minor / 2);
    expect((await refund(sale.id, (half / 100).toFixed(2))).status).toBe("approved");
    await expect(refund(sale.id, (sale.minor / 100).toFixed(2))).rejects.toThrow(/At most \$\d+\.\d\d can still be refunded/);
    expect((await refund(sale.id, ((sale.minor - half) / 100).toFixed(2))).status).toBe("approved");
    await expect(refund(sale.id, "0.01")).rejects.toThrow(/refunded in full already/);
    expect((await db.transaction.findUniqueOrThrow({ where: { id: sale.id } })).refundedAmount).toBe(sale.minor);
  });

  it("repeating a refund with the same key returns the first result and refunds once", async () => {
    const sale = await approvedSale({ settle: true });
    const key = randomUUID();
    const first = await refund(sale.id, "1.00", key);
    const again = await refund(sale.id, "1.00", key);
    expect(again).toMatchObject({ transactionId: first.transactionId, replayed: true });
    expect((await db.transaction.findUniqueOrThrow({ where: { id: sale.id } })).refundedAmount).toBe(100);
  });

  it("an unsettled sale cannot be refunded on a gateway that voids: it says to void instead", async () => {
    const sale = await approvedSale();
    await expect(refund(sale.id, "1.00")).rejects.toThrow(/void it instead/);
  });

  it("a clerk cannot refund: ForbiddenError and nothing changes", async () => {
    const sale = await approvedSale({ settle: true });
    const rowsBefore = await db.transaction.count();
    await expect(refundTransaction(world.clerk, { transactionId: sale.id, idempotencyKey: randomUUID(), amount: "1.00", reason: "x" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(voidTransaction(world.clerk, { transactionId: sale.id, idempotencyKey: randomUUID() })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.transaction.count()).toBe(rowsBefore);
    expect((await db.transaction.findUniqueOrThrow({ where: { id: sale.id } })).refundedAmount).toBe(0);
  });
});

describe("voids", () => {
  it("voids an unsettled sale; the sale then reads voided and cannot be voided or refunded again", async () => {
    const sale = await approvedSale();
    const outcome = await voidTransaction(world.manager, { transactionId: sale.id, idempotencyKey: randomUUID() });
    expect(outcome.status).toBe("approved");
    expect((await db.transaction.findUniqueOrThrow({ where: { id: sale.id } })).voidedAt).not.toBeNull();
    await expect(voidTransaction(world.manager, { transactionId: sale.id, idempotencyKey: randomUUID() })).rejects.toThrow(/already been voided/);
    world.sandbox.settle("bluepay");
    await expect(refund(sale.id, "1.00")).rejects.toThrow(/voided/);
  });

  it("a settled sale cannot be voided: the message says to refund instead", async () => {
    const sale = await approvedSale({ settle: true });
    const err = await voidTransaction(world.manager, { transactionId: sale.id, idempotencyKey: randomUUID() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceError);
    expect((err as Error).message).toMatch(/settled.*refund it instead/);
    expect(await db.transaction.count({ where: { parentId: sale.id } })).toBe(0);
  });
});

describe("captures", () => {
  it("captures at most what was authorized", async () => {
    const auth = await approvedSale({ intent: "auth" });
    const capture = (amount: string) => captureTransaction(world.manager, { transactionId: auth.id, idempotencyKey: randomUUID(), amount });
    await expect(capture(((auth.minor + 1) / 100).toFixed(2))).rejects.toThrow(/At most \$\d+\.\d\d can be captured/);
    const done = await capture(((auth.minor - 100) / 100).toFixed(2));
    expect(done.status).toBe("approved");
    const child = await db.transaction.findUniqueOrThrow({ where: { id: done.transactionId } });
    expect(child).toMatchObject({ kind: "capture", parentId: auth.id, amount: auth.minor - 100 });
    expect((await db.transaction.findUniqueOrThrow({ where: { id: auth.id } })).capturedAmount).toBe(auth.minor - 100);
  });
});
