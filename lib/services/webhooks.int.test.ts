// Forged gateway callbacks (issue 13, finding 1): a callback signed with one account's secret — the
// sandbox account's is public — must not touch another account's transactions, and even a correctly
// signed "approved" is applied only when the gateway itself says so on inquiry.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CREDENTIALS as paycoreDemo } from "../../sandbox/paycore/accounts";
import { GATEWAYS } from "../gateways";
import { callbackSignature } from "../gateways/paycore/signature";
import { resetDatabase, testDb } from "../testing/db";
import { createPaymentWorld, saleInput, waitFor, type PaymentWorld } from "../testing/payment-world";
import { sealCredentials } from "./gateway-accounts";
import { runSale } from "./payments";
import { handleGatewayCallback } from "./webhooks";

const db = testDb();
let world: PaymentWorld;
const ATTACKER_SECRET = "sk_test_attackers_own_account";

beforeAll(async () => {
  await resetDatabase(db);
  world = await createPaymentWorld(db);
  // Another active PayCore account whose secret the attacker knows.
  const { settings, secrets } = sealCredentials("paycore", { ...paycoreDemo, commerceAccountId: "coma_Attacker00000001", callbackSecret: ATTACKER_SECRET }, "test");
  await db.gatewayAccount.create({
    data: { label: "attacker", kind: "paycore", mode: "test", baseUrl: GATEWAYS.paycore.sandboxBaseUrl(world.sandbox.url), currency: "USD", settings, secrets: secrets as object },
  });
});
afterAll(async () => {
  await world?.close();
  await db.$disconnect();
});

/** A real, approving callback document of an earlier sale, rewritten to name the victim's invoice. */
async function forgedApproval(victim: { gatewayTransactionId: string | null; reference: string }): Promise<string> {
  const template = await runSale(world.clerk, saleInput(world.accounts.paycore, { amount: "12.00", card: { number: "5519283812030000", cvv: "123" } }));
  const approved = await waitFor(async () => {
    const tx = await db.transaction.findUniqueOrThrow({ where: { id: template.transactionId } });
    return tx.status === "approved" && tx;
  }, 15_000);
  const body = world.callbacks.last!.body;
  expect(body).toContain('"processed"');
  return body.replaceAll(approved.gatewayTransactionId!, victim.gatewayTransactionId!).replaceAll(approved.reference, victim.reference);
}

const signed = (secret: string, body: string) => new Headers({ "content-type": "application/json", "X-Signature": callbackSignature(secret, body) });

describe("forged PayCore callbacks", () => {
  it("cannot approve a pending sale of another account, nor one the gateway still has pending", async () => {
    // .13 waits at the gateway (sandbox rule S7): the sale stays pending.
    const victim = await runSale(world.clerk, saleInput(world.accounts.paycore, { amount: "5.13", card: { number: "5519283812030000", cvv: "123" } }));
    const pending = await db.transaction.findUniqueOrThrow({ where: { id: victim.transactionId } });
    expect(pending.status).toBe("pending");
    const forged = await forgedApproval(pending);

    const byOtherAccount = await handleGatewayCallback(db, "paycore", signed(ATTACKER_SECRET, forged), forged, "203.0.113.9");
    expect(byOtherAccount).toEqual({ status: 200, outcome: "unknown_transaction" });

    // Even with the victim account's own secret, the gateway is asked, and it says pending.
    const withVictimSecret = await handleGatewayCallback(db, "paycore", signed(paycoreDemo.callbackSecret, forged), forged, "203.0.113.9");
    expect(withVictimSecret).toEqual({ status: 200, outcome: "unconfirmed" });

    const after = await db.transaction.findUniqueOrThrow({ where: { id: victim.transactionId } });
    expect(after.status).toBe("pending");
    expect(after.authCode).toBe(pending.authCode);
  });
});
