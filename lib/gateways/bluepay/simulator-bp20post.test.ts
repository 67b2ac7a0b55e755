import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../../../sandbox/app";
import { DEMO_CREDENTIALS } from "../../../sandbox/bluepay/accounts";
import { tamperProofSeal } from "./seal";

// The simulator also serves bp20post (body reply, default seal list, MD5 when no TPS_HASH_TYPE).
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox({ port: 0, dailyCutoff: false });
});
afterAll(() => sandbox.close());

async function post(fields: Record<string, string>, secret: string = DEMO_CREDENTIALS.secretKey) {
  const list = ["ACCOUNT_ID", "TRANS_TYPE", "AMOUNT", "MASTER_ID", "NAME1", "PAYMENT_ACCOUNT"];
  const body = new URLSearchParams({ ...fields, TAMPER_PROOF_SEAL: tamperProofSeal(secret, fields, list, "MD5").toUpperCase() });
  const res = await fetch(`${sandbox.url}/bluepay/interfaces/bp20post`, { method: "POST", body });
  return { status: res.status, fields: Object.fromEntries(new URLSearchParams(await res.text())) };
}

describe("BluePay simulator bp20post", () => {
  const sale = { ACCOUNT_ID: DEMO_CREDENTIALS.accountId, TRANS_TYPE: "SALE", AMOUNT: "3.00", NAME1: "Bob", PAYMENT_ACCOUNT: "4111111111111111", CARD_EXPIRE: "1299", MODE: "TEST" };
  it("approves odd dollars with an upper-case MD5 seal, declines even", async () => {
    const ok = await post(sale);
    expect(ok.status).toBe(200);
    expect(ok.fields).toMatchObject({ STATUS: "1", MESSAGE: "Approved Sale", TRANS_TYPE: "SALE" });
    const no = await post({ ...sale, AMOUNT: "22.00" });
    expect(no.fields).toMatchObject({ STATUS: "0", MESSAGE: "Declined Sale" });
    const refund = await post({ ACCOUNT_ID: sale.ACCOUNT_ID, TRANS_TYPE: "REFUND", MASTER_ID: ok.fields.TRANS_ID ?? "", MODE: "TEST" });
    expect(refund.fields).toMatchObject({ STATUS: "1", TRANS_TYPE: "VOID", MESSAGE: "Approved Void" });
  });
  it("answers a wrong seal with HTTP 400 SECURITY ERROR", async () => {
    const bad = await post(sale, "X".repeat(32));
    expect(bad).toMatchObject({ status: 400, fields: { STATUS: "E", MESSAGE: "SECURITY ERROR", TRANS_ID: "" } });
  });
});
