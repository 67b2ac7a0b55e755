import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { testDb } from "../../testing/db";
import { BILLING, onFreshPaymentWorld, type PaymentWorld } from "../../testing/payment-world";
import type { SaveCardInput } from "../../validation/payment";
import { ValidationError } from "../errors";
import { findPaymentAccount, saveCardOnly } from "./index";

const db = testDb();
let world: PaymentWorld;

onFreshPaymentWorld(db, (w) => (world = w));

function input(lastName: string, over: Partial<SaveCardInput> = {}): SaveCardInput {
  return {
    idempotencyKey: randomUUID(),
    gatewayAccountId: world.accounts.bluepay,
    customerId: "",
    billing: { ...BILLING, lastName },
    card: { number: "4111111111111111", expiry: "12/30", cvv: "123", holderName: `Jane ${lastName}`, save: true },
    ...over,
  };
}

const account = async (id: string) => (await findPaymentAccount(db, id))!;

describe("save card only (issue 14, item 8)", () => {
  it("tokenizes the card into a new customer's vault without a payment; a repeated submit returns the same card", async () => {
    const lastName = `Vault${Date.now()}`;
    const request = input(lastName);
    const saved = await saveCardOnly(world.clerk, request, await account(world.accounts.bluepay));
    expect(saved).toMatchObject({ status: "saved", customerName: `Jane ${lastName}`, brand: "visa", last4: "1111", expMonth: 12, expYear: 2030, replayed: false });
    if (saved.status !== "saved") throw new Error("not saved");
    const pm = await db.paymentMethod.findUniqueOrThrow({ where: { id: saved.paymentMethodId }, include: { customer: true } });
    expect(pm).toMatchObject({ gatewayAccountId: world.accounts.bluepay, holderName: `Jane ${lastName}`, createdById: world.clerk.actor.id });
    expect(pm.token).toBeTruthy();
    expect(pm.customer).toMatchObject({ lastName, createdById: world.clerk.actor.id });
    expect(await db.transaction.count({ where: { customerId: pm.customerId } })).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "card.saved", targetId: pm.id } })).toBe(1);

    expect(await saveCardOnly(world.clerk, request, await account(world.accounts.bluepay))).toEqual({ ...saved, replayed: true });
    expect(await db.paymentMethod.count({ where: { customer: { lastName } } })).toBe(1);
  });

  it("two concurrent submits with one key save one card under one customer", async () => {
    const lastName = `Twice${Date.now()}`;
    const request = input(lastName);
    const acc = await account(world.accounts.bluepay);
    const [a, b] = await Promise.all([saveCardOnly(world.clerk, request, acc), saveCardOnly(world.clerk, request, acc)]);
    expect(a.status === "saved" && b.status === "saved" && a.paymentMethodId === b.paymentMethodId).toBe(true);
    expect(await db.paymentMethod.count({ where: { customer: { lastName } } })).toBe(1);
    expect(await db.customer.count({ where: { lastName } })).toBe(1);
  });

  it("adds the card to a chosen customer", async () => {
    const lastName = `Known${Date.now()}`;
    const first = await saveCardOnly(world.clerk, input(lastName), await account(world.accounts.bluepay));
    if (first.status !== "saved") throw new Error("not saved");
    const second = await saveCardOnly(world.clerk, input(lastName, { customerId: first.customerId, card: { ...input("").card, number: "5454545454545454" } }), await account(world.accounts.roverpay));
    expect(second).toMatchObject({ status: "saved", customerId: first.customerId, last4: "5454" });
    expect(await db.customer.count({ where: { lastName } })).toBe(1);
  });

  it("a refused save says why, writes nothing but an audit event, and never keeps the card number", async () => {
    const lastName = `Refused${Date.now()}`;
    world.sandbox.faults.add({ gateway: "bepaid", mode: "5xx", count: 1, pathIncludes: "tokenizations" });
    const request = input(lastName, { gatewayAccountId: world.accounts.bepaid, card: { ...input("").card, number: "4200000000000000" } });
    const outcome = await saveCardOnly(world.clerk, request, await account(world.accounts.bepaid));
    expect(outcome).toMatchObject({ status: "failed", fault: "gateway" });
    expect(await db.customer.count({ where: { lastName } })).toBe(0);
    const events = await db.auditEvent.findMany({ where: { action: "card.save_failed", targetId: world.accounts.bepaid } });
    expect(events.at(-1)!.details).toMatchObject({ last4: "0000", fault: "gateway" });
    expect(JSON.stringify(events)).not.toContain("4200000000000000");
  });

  it("is refused where the gateway saves a card only with a payment (PayCore)", async () => {
    await expect(saveCardOnly(world.clerk, input("Nope", { gatewayAccountId: world.accounts.paycore }), await account(world.accounts.paycore))).rejects.toBeInstanceOf(ValidationError);
  });
});
