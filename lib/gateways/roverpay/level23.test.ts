// Level 2/3 data on the wire (spec §7): the documented shape with cents strings, and the
// `level23Errors` warnings coming back on a payment the gateway processed anyway.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../../../sandbox/app";
import { DEMO_CREDENTIALS } from "../../../sandbox/roverpay/accounts";
import { sandboxClient } from "../../testing/sandbox-client";
import type { BillingDetails, GatewayClient, Level23Data } from "../types";
import { roverpayDefinition } from "./index";
import { level23Warnings, level23Wire } from "./level23";
import { VENDOR_LEVEL23_EXAMPLE, VENDOR_LEVEL23_WIRE } from "../../testing/level23";

describe("level23Wire", () => {
  it("builds the vendor example's level23 object: every amount a cents string, line numbers from 1", () => {
    expect(level23Wire(VENDOR_LEVEL23_EXAMPLE)).toEqual(VENDOR_LEVEL23_WIRE);
  });

  it("sends Level 2 alone without any Level 3 field, and a tax-exempt sale as Y with tax 0", () => {
    expect(level23Wire({ poNumber: "PO-1", taxAmount: 1234, taxExempt: false })).toEqual({ ponumber: "PO-1", taxamnt: "1234", taxexempt: "N" });
    expect(level23Wire({ taxAmount: 0, taxExempt: true })).toEqual({ taxamnt: "0", taxexempt: "Y" });
  });

  it("sends ZIP+4 as 9 digits (the gateway takes 5 or 9 digits)", () => {
    const order = { ...VENDOR_LEVEL23_EXAMPLE.order!, shipToPostalCode: "92614-1234", shipFromPostalCode: "85284 0001" };
    expect(level23Wire({ ...VENDOR_LEVEL23_EXAMPLE, order })).toMatchObject({ shiptozip: "926141234", shipfromzip: "852840001" });
  });
});

describe("level23Warnings", () => {
  it("splits the comma-joined reply field; absent or empty means none", () => {
    expect(level23Warnings(undefined)).toEqual([]);
    expect(level23Warnings("")).toEqual([]);
    expect(level23Warnings("orderdate is required for Level 3, shiptozip is required for Level 3")).toEqual([
      "orderdate is required for Level 3",
      "shiptozip is required for Level 3",
    ]);
  });
});

describe("Rover Pay client ↔ simulator with Level 2/3 data", () => {
  let sandbox: Sandbox;
  let seq = 0;
  const ref = () => `L23${Date.now().toString(36)}${++seq}`;
  const billing: BillingDetails = { firstName: "Pat", lastName: "Tester", address1: "1 Main St", city: "Irvine", state: "CA", postalCode: "92614", country: "US" };
  const card = { number: "4111111111111111", expMonth: 12, expYear: 2030, cvv: "", holderName: "Pat Tester" };
  let c: GatewayClient;
  let token: string;

  beforeAll(async () => {
    sandbox = await createSandbox({ port: 0, dailyCutoff: false });
    c = sandboxClient(roverpayDefinition, sandbox.url, { currency: "USD", credentials: DEMO_CREDENTIALS, timeoutMs: 3000 });
    const tok = await c.tokenize({ card, billing, currency: "USD", orderId: "O-1", reference: ref() });
    token = tok.token!;
  });
  afterAll(async () => {
    await sandbox.close();
  });

  const sale = (level23: Level23Data, amount = 1230) =>
    c.sale({ source: { type: "token", token }, amount: { amount, currency: "USD" }, billing, orderId: "O-2", reference: ref(), level23 });

  it("a token sale carries the level23 object and comes back approved without warnings", async () => {
    const r = await sale(VENDOR_LEVEL23_EXAMPLE);
    expect(r.status).toBe("approved");
    expect(r.level23Warnings).toBeUndefined();
    expect((r.raw.request as { level23?: unknown }).level23).toEqual(level23Wire(VENDOR_LEVEL23_EXAMPLE));
  });

  it("data that breaks the rules still gets the payment approved, with the gateway's warnings", async () => {
    const items = VENDOR_LEVEL23_EXAMPLE.order!.items.map((i) => ({ ...i, taxAmount: 10 }));
    const r = await sale({ ...VENDOR_LEVEL23_EXAMPLE, order: { ...VENDOR_LEVEL23_EXAMPLE.order!, shipFromPostalCode: "8528", items } });
    expect(r.status).toBe("approved");
    expect(r.gatewayTransactionId).toBeTruthy();
    expect(r.level23Warnings).toEqual(["shipfromzip must be 5 or 9 digits for Level 3", "taxamnt must equal the sum of the items' taxamnt for Level 3"]);
  });

  it("a declined sale keeps its warnings too (the payment was processed, and declined)", async () => {
    const r = await sale({ taxAmount: 0, taxExempt: false }, 1201);
    expect(r.status).toBe("declined");
    expect(r.level23Warnings).toEqual(["taxamnt is required for Level 2"]);
  });

  it("a keyed sale (BLSALE) carries it as well", async () => {
    const r = await c.sale({ source: { type: "card", card }, amount: { amount: 1230, currency: "USD" }, billing, orderId: "O-3", reference: ref(), level23: { poNumber: "PO-9", taxAmount: 80, taxExempt: false } });
    expect(r.status).toBe("approved");
    expect((r.raw.request as { level23?: unknown }).level23).toEqual({ ponumber: "PO-9", taxamnt: "80", taxexempt: "N" });
  });

  it("refuses Level 2/3 data on a saved card's authorization (BLTOKENAUTH does not take it) rather than drop it", async () => {
    const before = await fetch(`${sandbox.url}/_sandbox/ledger/roverpay`).then((r) => r.json() as Promise<{ entries: unknown[] }>);
    const r = await c.authorize({ source: { type: "token", token }, amount: { amount: 1230, currency: "USD" }, billing, orderId: "O-4", reference: ref(), level23: VENDOR_LEVEL23_EXAMPLE });
    expect(r).toMatchObject({ status: "error", errorKind: "rejected", fault: "request" });
    const after = await fetch(`${sandbox.url}/_sandbox/ledger/roverpay`).then((r) => r.json() as Promise<{ entries: unknown[] }>);
    expect(after.entries.length).toBe(before.entries.length);
  });
});
