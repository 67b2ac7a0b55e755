// A gateway account that fails for a configuration reason is flagged (and its payments say the
// account, not the card, is the problem) until a connection test passes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CREDENTIALS as bluepay } from "../../sandbox/bluepay/accounts";
import { GATEWAYS } from "../gateways";
import { createUser, resetDatabase, testDb } from "../testing/db";
import { createPaymentWorld, saleInput, type PaymentWorld } from "../testing/payment-world";
import type { Actor } from "./audit";
import { getGatewayAccount, sealCredentials, testSavedGatewayAccount } from "./gateway-accounts";
import { checkTransaction, runSale } from "./payments";

const db = testDb();
let world: PaymentWorld;
let admin: Actor;

const WRONG = { ...bluepay, secretKey: "X".repeat(32) };
const noSave = { type: "new" as const, card: { number: "4111111111111111", expiry: "12/30", cvv: "123", holderName: "Jane Doe", save: false } };

async function setCredentials(id: string, credentials: Record<string, string>) {
  const { settings, secrets } = sealCredentials("bluepay", credentials, "test");
  await db.gatewayAccount.update({ where: { id }, data: { settings, secrets: secrets as object } });
}

async function bluepayAccount(credentials: Record<string, string>): Promise<string> {
  const { settings, secrets } = sealCredentials("bluepay", credentials, "test");
  const row = await db.gatewayAccount.create({
    data: { label: `BluePay ${Math.random()}`, kind: "bluepay", mode: "test", baseUrl: GATEWAYS.bluepay.sandboxBaseUrl(world.sandbox.url), currency: "USD", timeoutMs: 1500, settings, secrets: secrets as object },
  });
  return row.id;
}

beforeAll(async () => {
  await resetDatabase(db);
  world = await createPaymentWorld(db);
  const { user } = await createUser(db, { role: "admin" });
  admin = { id: user.id, email: user.email };
});
afterAll(async () => {
  await world.close();
  await db.$disconnect();
});

describe("an account failing for its configuration", () => {
  it("a sale with a wrong secret key names the account, not the card, and flags it until a connection test passes", async () => {
    const id = await bluepayAccount(WRONG);
    const { transactionId } = await runSale(world.clerk, saleInput(id)); // saving the card: tokenizes first
    const tx = await db.transaction.findUniqueOrThrow({ where: { id: transactionId } });
    expect(tx).toMatchObject({ status: "error", fault: "merchant" });
    expect(tx.message).toContain("SECURITY ERROR");
    expect(tx.message).not.toMatch(/card could not be saved/);
    expect((await getGatewayAccount(db, id)).configFailure?.message).toContain("SECURITY ERROR");

    expect((await testSavedGatewayAccount(db, admin, id)).outcome).toBe("bad_credentials");
    expect((await getGatewayAccount(db, id)).configFailure?.message).toMatch(/refused the credentials/);
    // Fixed but not yet tested: still flagged.
    await setCredentials(id, bluepay);
    expect((await getGatewayAccount(db, id)).configFailure).not.toBeNull();
    expect((await testSavedGatewayAccount(db, admin, id)).outcome).toBe("connected");
    expect((await getGatewayAccount(db, id)).configFailure).toBeNull();
  });

  it("a decline is the card's and flags nothing; an unreachable gateway flags nothing either", async () => {
    const id = await bluepayAccount(bluepay);
    const declined = await runSale(world.clerk, saleInput(id, { amount: "4.00", payment: noSave }));
    expect(await db.transaction.findUniqueOrThrow({ where: { id: declined.transactionId } })).toMatchObject({ status: "declined", fault: "card" });
    world.sandbox.faults.add({ gateway: "bluepay", mode: "5xx", count: 1, pathIncludes: "bp10emu" });
    const failed = await runSale(world.clerk, saleInput(id, { amount: "5.00", payment: noSave }));
    expect(await db.transaction.findUniqueOrThrow({ where: { id: failed.transactionId } })).toMatchObject({ status: "unknown", fault: "gateway" });
    expect((await getGatewayAccount(db, id)).configFailure).toBeNull();
  });

  it("an unknown sale whose inquiry is refused for the account's credentials stays unknown: that is no evidence nothing was charged", async () => {
    const id = await bluepayAccount(bluepay);
    world.sandbox.faults.add({ gateway: "bluepay", mode: "timeout", count: 1, pathIncludes: "bp10emu" });
    const { transactionId } = await runSale(world.clerk, saleInput(id, { amount: "7.00", payment: noSave }));
    expect((await db.transaction.findUniqueOrThrow({ where: { id: transactionId } })).status).toBe("unknown");

    await setCredentials(id, WRONG);
    expect(await checkTransaction(world.clerk, transactionId)).toBe("still_open");
    expect((await db.transaction.findUniqueOrThrow({ where: { id: transactionId } })).status).toBe("unknown");
    expect((await getGatewayAccount(db, id)).configFailure).not.toBeNull();

    await setCredentials(id, bluepay);
    expect(await checkTransaction(world.clerk, transactionId)).toBe("resolved");
    expect((await db.transaction.findUniqueOrThrow({ where: { id: transactionId } })).status).toBe("approved");
  });
});
