// Level 2/3 data on a sale: stored with the transaction, sent to Rover Pay in its documented shape,
// the gateway's warnings kept; refused for a gateway that does not take it.
import { describe, expect, it } from "vitest";
import type { Level23Data } from "../../gateways/types";
import { testDb } from "../../testing/db";
import { onFreshPaymentWorld, saleInput, type PaymentWorld } from "../../testing/payment-world";
import { ValidationError } from "../errors";
import { getTransactionView } from "../transactions/detail";
import { runSale } from "./index";
import { VENDOR_LEVEL23_EXAMPLE, VENDOR_LEVEL23_WIRE } from "../../testing/level23";

const db = testDb();
let world: PaymentWorld;

onFreshPaymentWorld(db, (w) => (world = w));

const ledgerSizes = () =>
  Promise.all(["bluepay", "bepaid", "paycore"].map(async (g) => ((await (await fetch(`${world.sandbox.url}/_sandbox/ledger/${g}`)).json()) as { entries: unknown[] }).entries.length));

describe("a Rover Pay sale with Level 2/3 data", () => {
  it("stores the data, sends it as the level23 object on the token sale, and shows it on the transaction's view", async () => {
    const { transactionId } = await runSale(world.clerk, saleInput(world.accounts.roverpay, { amount: "12.30", level23: VENDOR_LEVEL23_EXAMPLE }));
    const tx = await db.transaction.findUniqueOrThrow({ where: { id: transactionId } });
    expect(tx.status).toBe("approved");
    expect(tx.level23).toEqual(VENDOR_LEVEL23_EXAMPLE);
    expect(tx.level23Warnings).toEqual([]);
    // The new card was saved first, so the sale is BLTOKENSALE with the token and the level23 object.
    const sent = tx.rawRequest as { ctoken?: string; amount?: string; level23?: unknown };
    expect(sent.amount).toBe("1230");
    expect(sent.level23).toEqual(VENDOR_LEVEL23_WIRE);
    expect(tx.paymentMethodId).toBeTruthy();
    const view = await getTransactionView(db, transactionId);
    expect(view).toMatchObject({ level23: VENDOR_LEVEL23_EXAMPLE, level23Warnings: [] });
  });

  it("keeps the gateway's warnings on a payment it approved anyway", async () => {
    const flagged: Level23Data = { ...VENDOR_LEVEL23_EXAMPLE, order: { ...VENDOR_LEVEL23_EXAMPLE.order!, shipFromPostalCode: "8528" } };
    const { transactionId } = await runSale(world.clerk, saleInput(world.accounts.roverpay, { amount: "12.30", level23: flagged }));
    const tx = await db.transaction.findUniqueOrThrow({ where: { id: transactionId } });
    expect(tx.status).toBe("approved");
    expect(tx.level23Warnings).toEqual(["shipfromzip must be 5 or 9 digits for Level 3"]);
    expect((await getTransactionView(db, transactionId))?.level23Warnings).toEqual(["shipfromzip must be 5 or 9 digits for Level 3"]);
  });

  it("a sale without it stores none and sends none", async () => {
    const { transactionId } = await runSale(world.clerk, saleInput(world.accounts.roverpay, { amount: "12.30" }));
    const tx = await db.transaction.findUniqueOrThrow({ where: { id: transactionId } });
    expect(tx.level23).toBeNull();
    expect(tx.rawRequest).not.toHaveProperty("level23");
  });

  it("is refused with an authorization (Rover Pay's token authorization does not take it), before anything is written", async () => {
    const input = saleInput(world.accounts.roverpay, { intent: "auth", level23: VENDOR_LEVEL23_EXAMPLE });
    await expect(runSale(world.clerk, input)).rejects.toMatchObject({ field: "level23" });
    expect(await db.transaction.count({ where: { idempotencyKey: input.idempotencyKey } })).toBe(0);
  });
});

describe("an account whose gateway does not take Level 2/3 data", () => {
  it("refuses it on the server: nothing written, nothing sent", async () => {
    const before = await db.transaction.count();
    const ledgers = await ledgerSizes();
    for (const kind of ["bluepay", "bepaid", "paycore"] as const) {
      const attempt = runSale(world.clerk, saleInput(world.accounts[kind], { level23: VENDOR_LEVEL23_EXAMPLE }));
      await expect(attempt).rejects.toBeInstanceOf(ValidationError);
      await expect(attempt).rejects.toMatchObject({ field: "level23", message: "This account's gateway does not take tax, PO or line-item data" });
    }
    expect(await db.transaction.count()).toBe(before);
    expect(await ledgerSizes()).toEqual(ledgers);
  });
});
