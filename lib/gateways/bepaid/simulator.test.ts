// Wire-level checks of the simulator itself (shapes the client relies on, spec §2, §3.8, §6).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../../../sandbox/app";
import { DEMO_CREDENTIALS } from "../../../sandbox/bepaid/accounts";

let sandbox: Sandbox;
const auth = `Basic ${Buffer.from(`${DEMO_CREDENTIALS.shopId}:${DEMO_CREDENTIALS.secretKey}`).toString("base64")}`;

async function call(path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${sandbox.url}/bepaid${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { authorization: auth, accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const payment = (over: Record<string, unknown> = {}) => ({
  request: {
    amount: 100,
    currency: "BYN",
    description: "Order 1",
    tracking_id: "order-1",
    test: true,
    credit_card: { number: "4200000000000000", verification_value: "123", holder: "IVAN PETROV", exp_month: "07", exp_year: "2031" },
    ...over,
  },
});

beforeAll(async () => {
  sandbox = await createSandbox({ port: 0, dailyCutoff: false });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

describe("bePaid simulator wire format", () => {
  it("answers Access denied with 401 for bad credentials", async () => {
    const r = await call("/transactions/payments", payment(), { authorization: "Basic " + Buffer.from("21000:nope").toString("base64") });
    expect(r).toEqual({ status: 401, body: { response: { status: "error", message: "Access denied" } } });
  });

  it("answers request-level errors in the wrapped envelope", async () => {
    expect(await call("/transactions/payments", { amount: 1 })).toEqual({ status: 400, body: { response: { message: "Request section missing" } } });
    expect((await call("/transactions/payments", "{not json")).body).toEqual({ response: { message: "Invalid JSON" } });
    const empty = await call("/transactions/payments", { request: {} });
    expect(empty.status).toBe(422);
    expect(empty.body).toMatchObject({ response: { errors: { amount: ["must be greater than 0"], currency: ["can't be blank"], credit_card: { number: ["is invalid"] } } } });
    expect((await call("/transactions/payments", payment({ amount: 12.5 }))).body).toMatchObject({ response: { errors: { amount: ["must be an integer"] } } });
    expect((await call("/transactions/refunds", { request: { parent_uid: "x", amount: 1 } })).body).toMatchObject({ response: { message: "Reason can't be blank." } });
  });

  it("returns the payment shape and finds it by uid and tracking id; 404 Record not found otherwise", async () => {
    const p = await call("/transactions/payments", payment());
    expect(p.status).toBe(200);
    const tx = p.body.transaction as Record<string, unknown>;
    expect(tx).toMatchObject({ status: "successful", type: "payment", message: "Successfully processed", tracking_id: "order-1", test: true, settled_at: null });
    expect(tx.payment).toMatchObject({ auth_code: "654321", status: "successful", message: "Payment was approved" });
    expect(tx.credit_card).toMatchObject({ brand: "visa", last_4: "0000", bin: "420000", exp_month: 7, exp_year: 2031 });
    expect(JSON.stringify(sandbox.state.bepaid)).not.toContain("4200000000000000");

    expect((await call(`/transactions/${String(tx.uid)}`)).body).toEqual({ transaction: tx });
    const list = await call("/v2/transactions/tracking_id/order-1");
    expect(list.body.transactions).toEqual([tx]);
    expect((await call("/v2/transactions/tracking_id/none")).body).toEqual({ transactions: [] });
    expect(await call("/transactions/does-not-exist")).toEqual({ status: 404, body: { response: { message: "Record not found" } } });
  });

  it("refuses capture or void of a payment, and refund of an authorization (spec §8)", async () => {
    const p = (await call("/transactions/payments", payment())).body.transaction as { uid: string };
    const a = (await call("/transactions/authorizations", payment({ amount: 300 }))).body.transaction as { uid: string };
    expect((await call("/transactions/captures", { request: { parent_uid: p.uid, amount: 100 } })).body).toMatchObject({ response: { errors: { base: ["transaction can't be captured"] } } });
    expect((await call("/transactions/voids", { request: { parent_uid: p.uid, amount: 100 } })).body).toMatchObject({ response: { errors: { base: ["transaction can't be voided"] } } });
    expect((await call("/transactions/refunds", { request: { parent_uid: a.uid, amount: 100, reason: "x" } })).body).toMatchObject({ response: { errors: { base: ["transaction can't be refunded"] } } });
    expect((await call("/transactions/captures", { request: { parent_uid: a.uid, amount: 301 } })).body).toMatchObject({ response: { message: "Amount can't be greater than 300." } });
  });
});
