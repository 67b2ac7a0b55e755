// The simulator's own validation, seen on the wire (raw JSON, no client in between).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../../../sandbox/app";
import { DEMO_CREDENTIALS } from "../../../sandbox/roverpay/accounts";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox({ port: 0, dailyCutoff: false });
});
afterAll(async () => {
  await sandbox.close();
});

async function post(endpoint: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${sandbox.url}/roverpay/api/${endpoint}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, string> | null };
}

const common = { ...DEMO_CREDENTIALS, date: "", tran: "", debug: "0" };

describe("Rover Pay simulator wire rules", () => {
  it("answers business errors with HTTP 200, verified 0 and the §6.2 codes", async () => {
    expect((await post("bltokensale", { ...common, invoice: "a", ctoken: "9", expiry: "1230", amount: "10.00" })).body).toMatchObject({ verified: "0", errorCode: "REQ02" });
    expect((await post("bltokensale", { ...common, invoice: "a", ctoken: "9", expiry: "1230", amount: 1000 })).body).toMatchObject({ errorCode: "REQ01" });
    expect((await post("bltokensale", { ...common, invoice: "a", ctoken: "9", expiry: "1330", amount: "1000" })).body).toMatchObject({ errorCode: "REQ03" });
    expect((await post("bltokensale", { ...common, invoice: "a", expiry: "1230", amount: "1000" })).body).toMatchObject({ errorCode: "REQ01", errorMessage: "ctoken is required" });
    expect((await post("bltokenize", { ...common, invoice: "" })).body).toMatchObject({ errorCode: "REQ01", errorMessage: "invoice is required" });
    expect((await post("bltokenize", { ...common, atoken: "nope", invoice: "x" })).body).toMatchObject({ errorCode: "AUTH01" });
    expect((await post("blinquire", "{not json")).body).toMatchObject({ verified: "0", errorCode: "REQ00" });
  });

  it("default tran = seconds of the day, resultId = store*date*reg*tran*seq, token keeps the last four", async () => {
    const r = await post("bltokenize", { ...common, invoice: "INV-1" }, { "X-Sim-Card": "5454545454545454;0130" });
    expect(r.body).toMatchObject({ verified: "1", cardType: "M", expiry: "0130" });
    expect(r.body?.resultId).toMatch(/^1\*\d{5}\*110\*\d{1,5}\*\d+$/);
    expect(r.body?.token).toMatch(/^9\d{11}5454$/);
  });

  it("next-card control endpoint and /_sim/settle", async () => {
    await fetch(`${sandbox.url}/roverpay/api/_sim/nextcard`, { method: "POST", body: JSON.stringify({ entity: "DEMO", reg: "110", card: "4000000000009995;1230" }) });
    const d = await post("blsale", { ...common, invoice: "INV-2", amount: "1000", manual: "1" });
    expect(d.body).toMatchObject({ verified: "0", errorCode: "DEC02" });
    const ok = await post("blsale", { ...common, invoice: "INV-3", amount: "1000", manual: "1" });
    expect(ok.body).toMatchObject({ verified: "1" });
    const settled = await fetch(`${sandbox.url}/roverpay/api/_sim/settle`, { method: "POST" });
    expect(((await settled.json()) as { settled: number }).settled).toBeGreaterThan(0);
    const inq = await post("blinquire", { ...common, invoice: "INV-3", reqid: "", reference: "" });
    expect(inq.body).toMatchObject({ verified: "1", simStatus: "settled", simSettled: "1", amount: "1000" });
  });

  it("refund amount may be negative or positive, zero is refused", async () => {
    const sale = await post("blsale", { ...common, tran: "r1", invoice: "INV-4", amount: "3000", manual: "1" });
    const reqid = sale.body?.resultId ?? "";
    expect((await post("bltokenrefund", { ...common, invoice: "INV-5", reqid, amount: "0" })).body).toMatchObject({ errorCode: "REQ02" });
    expect((await post("bltokenrefund", { ...common, invoice: "INV-6", reqid, amount: "-1000" })).body).toMatchObject({ verified: "1" });
    expect((await post("bltokenrefund", { ...common, invoice: "INV-7", reqid, amount: "1000" })).body).toMatchObject({ verified: "1" });
    expect((await post("bltokenrefund", { ...common, invoice: "INV-8", reqid, amount: "-1001" })).body).toMatchObject({ errorCode: "REF02" });
  });
});
