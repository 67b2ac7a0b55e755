// Saved-card tokens at rest: sealed in the vault, in clear nowhere else in the database, and still
// charging. The attack: read the database (a backup, a read-only role, a SQL injection) for a token
// that charges the card at its gateway.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ciphertextKeyId, currentKey, decrypt, generateKeyBase64, keyFromBase64 } from "../crypto";
import type { GatewayKind } from "../gateways/types";
import { testDb } from "../testing/db";
import { onFreshPaymentWorld, saleInput, waitFor, type PaymentWorld } from "../testing/payment-world";
import { tokenSecrets } from "../testing/vault";
import { checkTransaction, refundTransaction, runSale, voidTransaction } from "./payments";
import { openToken, sealStoredTokens } from "./vault-tokens";

const db = testDb();
let world: PaymentWorld;

onFreshPaymentWorld(db, (w) => (world = w));

/** A card each sandbox approves and keeps. */
const CARDS: Record<GatewayKind, { number: string; amount: string }> = {
  bluepay: { number: "4111111111111111", amount: "3.00" },
  bepaid: { number: "4200000000000000", amount: "3.00" },
  roverpay: { number: "5454545454545454", amount: "3.00" },
  paycore: { number: "5519283812030000", amount: "3.00" },
};

/**
 * Every text and JSON value in the database, but the vault's own token column, that contains one of `secrets`.
 * The audit log keeps every earlier test's rows (it refuses TRUNCATE), and a sandbox's transaction ids restart
 * with each sandbox, so an earlier file's BluePay sale can carry this token's digits as its own id: audit rows
 * count from `since`.
 */
async function whereStored(secrets: string[], since: Date): Promise<string[]> {
  const columns = await db.$queryRaw<{ table_name: string; column_name: string }[]>`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')`;
  const hits: string[] = [];
  for (const c of columns) {
    if (c.table_name === "PaymentMethod" && c.column_name === "token") continue;
    const fromThisTest = c.table_name === "AuditEvent" ? ` AND "createdAt" >= $1` : "";
    const rows = await db.$queryRawUnsafe<{ v: string }[]>(
      `SELECT "${c.column_name}"::text AS v FROM "${c.table_name}" WHERE "${c.column_name}" IS NOT NULL${fromThisTest}`,
      ...(fromThisTest ? [since] : []),
    );
    for (const { v } of rows) for (const s of secrets) if (v.includes(s)) hits.push(`${c.table_name}.${c.column_name}`);
  }
  return hits;
}

async function saveCard(kind: GatewayKind): Promise<{ customerId: string; paymentMethodId: string }> {
  const card = CARDS[kind];
  const { transactionId } = await runSale(world.clerk, saleInput(world.accounts[kind], { amount: card.amount, card: { number: card.number } }));
  // PayCore approves by callback, and keeps the card then.
  const tx = await waitFor(async () => {
    const row = await db.transaction.findUniqueOrThrow({ where: { id: transactionId } });
    return row.status !== "pending" && row;
  }, 15_000);
  expect(tx.status).toBe("approved");
  expect(tx.paymentMethodId).toBeTruthy();
  return { customerId: tx.customerId!, paymentMethodId: tx.paymentMethodId! };
}

async function chargeSaved(kind: GatewayKind, saved: { customerId: string; paymentMethodId: string }, amount = "5.00") {
  const { transactionId } = await runSale(world.clerk, {
    ...saleInput(world.accounts[kind], { amount }),
    customerId: saved.customerId,
    payment: { type: "saved", paymentMethodId: saved.paymentMethodId },
  });
  return waitFor(async () => {
    const row = await db.transaction.findUniqueOrThrow({ where: { id: transactionId } });
    return row.status !== "pending" && row;
  }, 15_000);
}

const storedToken = async (paymentMethodId: string) => (await db.paymentMethod.findUniqueOrThrow({ where: { id: paymentMethodId } })).token;

describe("saved-card tokens at rest", () => {
  it.each(["bluepay", "bepaid", "roverpay", "paycore"] as const)(
    "%s: the vault holds the token sealed, a sale from the saved card charges it, and no other column holds it",
    async (kind) => {
      const since = new Date();
      const saved = await saveCard(kind);
      const stored = await storedToken(saved.paymentMethodId);
      expect(stored).toMatch(/^v1\.[0-9a-f]{12}\./);
      expect(ciphertextKeyId(stored)).toBe(currentKey().id);
      const token = decrypt(stored);
      expect(token.length).toBeGreaterThan(8);
      for (const part of tokenSecrets(token)) expect(stored).not.toContain(part);

      const sale = await chargeSaved(kind, saved);
      expect(sale.status).toBe("approved");
      expect(sale.paymentMethodId).toBe(saved.paymentMethodId);
      if (kind === "roverpay") {
        // Rover Pay's refund sends the card's token again (the token is read back for a follow-up too).
        world.sandbox.settle("roverpay");
        const refund = await refundTransaction(world.manager, { transactionId: sale.id, idempotencyKey: randomUUID(), amount: "1.00", reason: "Returned" });
        expect(refund.status).toBe("approved");
      } else if (kind !== "paycore") {
        const voided = await voidTransaction(world.manager, { transactionId: sale.id, idempotencyKey: randomUUID() });
        expect(voided.status).toBe("approved");
      }
      if (kind === "bluepay") {
        // BluePay's inquiry names the token as the charge's master: a lost reply, resolved by inquiry.
        world.sandbox.faults.add({ gateway: "bluepay", mode: "timeout", count: 1, pathIncludes: "bp10emu" });
        const unknown = await chargeSaved(kind, saved, "15.00");
        expect(unknown.status).toBe("unknown");
        expect(await checkTransaction(world.clerk, unknown.id)).toBe("resolved");
        expect((await db.transaction.findUniqueOrThrow({ where: { id: unknown.id } })).status).toBe("approved");
      }
      expect(await whereStored(tokenSecrets(token), since)).toEqual([]);
    },
  );

  it("a token an earlier release stored in clear still charges, and the start seals it", async () => {
    const saved = await saveCard("bluepay");
    const token = decrypt(await storedToken(saved.paymentMethodId));
    await db.paymentMethod.update({ where: { id: saved.paymentMethodId }, data: { token } });

    expect((await chargeSaved("bluepay", saved, "7.00")).status).toBe("approved");
    const report = await sealStoredTokens(db);
    expect(report.sealed).toBeGreaterThanOrEqual(1);
    expect(report.failed).toEqual([]);
    const stored = await storedToken(saved.paymentMethodId);
    expect(stored).not.toContain(token);
    expect(openToken(stored)).toBe(token);
    expect((await chargeSaved("bluepay", saved, "9.00")).status).toBe("approved");
    expect(await sealStoredTokens(db)).toEqual({ sealed: 0, reencrypted: 0, failed: [] });
    expect(await db.auditEvent.count({ where: { action: "vault.tokens_sealed" } })).toBeGreaterThanOrEqual(1);
  });

  it("keys:rotate re-seals tokens under the new key, seals any left in clear, and names those it cannot read", async () => {
    const underOld = await saveCard("bluepay");
    const inClear = await saveCard("bluepay");
    const clearToken = decrypt(await storedToken(inClear.paymentMethodId));
    await db.paymentMethod.update({ where: { id: inClear.paymentMethodId }, data: { token: clearToken } });
    const oldKey = process.env.APP_ENCRYPTION_KEY!;
    const newKey = generateKeyBase64();
    process.env.APP_ENCRYPTION_KEY = newKey;
    process.env.APP_ENCRYPTION_KEYS_OLD = `old:${oldKey}`;
    try {
      const report = await sealStoredTokens(db, { rotate: true });
      expect(report.failed).toEqual([]);
      expect(report.sealed).toBe(1);
      expect(report.reencrypted).toBe(await db.paymentMethod.count() - 1);
      for (const pm of await db.paymentMethod.findMany()) expect(ciphertextKeyId(pm.token)).toBe(keyFromBase64(newKey).id);
      expect((await chargeSaved("bluepay", underOld, "11.00")).status).toBe("approved");
      expect((await chargeSaved("bluepay", inClear, "13.00")).status).toBe("approved");

      // A token under a key nobody configured is reported, not lost.
      process.env.APP_ENCRYPTION_KEY = generateKeyBase64();
      delete process.env.APP_ENCRYPTION_KEYS_OLD;
      const unreadable = await sealStoredTokens(db, { rotate: true });
      expect(unreadable.failed).toHaveLength(await db.paymentMethod.count());
      expect(ciphertextKeyId(await storedToken(underOld.paymentMethodId))).toBe(keyFromBase64(newKey).id);
    } finally {
      process.env.APP_ENCRYPTION_KEY = oldKey;
      delete process.env.APP_ENCRYPTION_KEYS_OLD;
    }
    // Back under the key the gateway accounts were sealed with: re-seal for any test that follows.
    process.env.APP_ENCRYPTION_KEYS_OLD = `new:${newKey}`;
    await sealStoredTokens(db, { rotate: true });
    delete process.env.APP_ENCRYPTION_KEYS_OLD;
  });
});
