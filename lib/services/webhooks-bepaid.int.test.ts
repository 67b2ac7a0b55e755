// bePaid webhooks end to end through the callback handler (issue 19): on for an account whose
// public key is set; a bad Content-Signature is refused with 401, counted, and changes nothing.
import { generateKeyPairSync, sign } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CREDENTIALS as bepaidDemo } from "../../sandbox/bepaid/accounts";
import { basicAuth } from "../gateways/http";
import { metrics } from "../metrics";
import { resetDatabase, testDb } from "../testing/db";
import { createPaymentWorld, saleInput, waitFor, type PaymentWorld } from "../testing/payment-world";
import { sealCredentials } from "./gateway-accounts";
import { runSale } from "./payments";
import { handleGatewayCallback } from "./webhooks";

const db = testDb();
let world: PaymentWorld;
const shop = generateKeyPairSync("rsa", { modulusLength: 2048 });
const stranger = generateKeyPairSync("rsa", { modulusLength: 2048 });
const PUBLIC_KEY = shop.publicKey.export({ format: "der", type: "spki" }).toString("base64");

beforeAll(async () => {
  await resetDatabase(db);
  world = await createPaymentWorld(db);
});
afterAll(async () => {
  await world?.close();
  await db.$disconnect();
});

async function useKey(webhookPublicKey: string) {
  const { settings } = sealCredentials("bepaid", { ...bepaidDemo, webhookPublicKey }, "test");
  await db.gatewayAccount.update({ where: { id: world.accounts.bepaid }, data: { settings } });
}

async function counted(outcome: string): Promise<number> {
  const { values } = await metrics.webhookCallbacks.get();
  return values.find((v) => v.labels.gateway === "bepaid" && v.labels.outcome === outcome)?.value ?? 0;
}

function headers(body: string, key = shop.privateKey) {
  return new Headers({
    "content-type": "application/json",
    authorization: basicAuth(bepaidDemo.shopId, bepaidDemo.secretKey),
    "content-signature": sign("sha256", Buffer.from(body), key).toString("base64"),
  });
}

describe("bePaid webhooks", () => {
  it("a notification signed with another key: 401, counted, the transaction untouched; the shop's signature is accepted", async () => {
    // Made before webhooks are on, so the simulator sends no notification of its own for it.
    const sale = await runSale(world.clerk, saleInput(world.accounts.bepaid, { amount: "12.00" }));
    const before = await db.transaction.findUniqueOrThrow({ where: { id: sale.transactionId } });
    // The admin pastes the shop's public key (here one made by the test): webhooks are on for this account.
    await useKey(PUBLIC_KEY);
    expect(before.status).toBe("approved");
    // The gateway's own word on it, turned into a "failed" notification by someone without the shop's key.
    const body = JSON.stringify({ transaction: { uid: before.gatewayTransactionId, status: "failed", type: "payment", message: "Payment was declined", tracking_id: before.reference, amount: 1200, currency: "USD" } });

    const rejectedBefore = await counted("rejected");
    const forged = await handleGatewayCallback(db, "bepaid", headers(body, stranger.privateKey), body, "198.51.100.7");
    expect(forged).toEqual({ status: 401, reason: "Missing or invalid Content-Signature" });
    expect(await counted("rejected")).toBe(rejectedBefore + 1);
    const after = await db.transaction.findUniqueOrThrow({ where: { id: sale.transactionId } });
    expect(after).toEqual(before);
    expect(await db.auditEvent.count({ where: { action: "webhook.rejected" } })).toBeGreaterThan(0);

    const acceptedBefore = await counted("accepted");
    const genuine = await handleGatewayCallback(db, "bepaid", headers(body), body, "198.51.100.7");
    // Accepted, but an approved sale is final: a later "failed" changes nothing (forward-only rules).
    expect(genuine).toEqual({ status: 200, outcome: "ignored" });
    expect(await counted("accepted")).toBe(acceptedBefore + 1);
    expect(await db.transaction.findUniqueOrThrow({ where: { id: sale.transactionId } })).toEqual(before);
  });

  it("the simulator's signed notification of a sale is accepted once the account holds the simulator's public key", async () => {
    const res = await fetch(`${world.sandbox.url}/_sandbox/bepaid/webhook-key`);
    await useKey(((await res.json()) as { publicKey: string }).publicKey);
    const acceptedBefore = await counted("accepted");

    const sale = await runSale(world.clerk, saleInput(world.accounts.bepaid, { amount: "14.00" }));
    const tx = await db.transaction.findUniqueOrThrow({ where: { id: sale.transactionId } });
    await waitFor(async () => (world.callbacks.last?.body.includes(tx.gatewayTransactionId!) ?? false) && (await counted("accepted")) > acceptedBefore, 10_000);
    expect(world.callbacks.last).toMatchObject({ kind: "bepaid" });
    expect(world.callbacks.last!.headers.get("content-signature")).toBeTruthy();
  });

  it("an account without a public key takes no webhooks, even with its Basic credentials", async () => {
    await useKey("");
    const body = JSON.stringify({ transaction: { uid: "x-1", status: "successful", type: "payment", amount: 100, currency: "USD" } });
    expect(await handleGatewayCallback(db, "bepaid", headers(body), body, "198.51.100.8")).toMatchObject({ status: 401 });
  });
});
