// The simulator's Level 2/3 validation, rule by rule (spec §7 rules 1–8).
import { describe, expect, it } from "vitest";
import { createSandbox } from "../app";
import { DEMO_CREDENTIALS } from "./accounts";
import { level23Errors } from "./level23";

/** The vendor's documented example: valid under every rule. */
const example = () => ({
  ponumber: "PO-30100",
  taxamnt: "80",
  taxexempt: "N",
  frtamnt: "150",
  dutyamnt: "0",
  orderdate: "20260427",
  shiptozip: "92614",
  shipfromzip: "85284",
  shiptocountry: "US",
  items: [
    { lineno: "1", material: "WIDGET-100", description: "Blue widget", upc: "012345678905", quantity: "2", uom: "EA", unitcost: "500", netamnt: "1000", taxamnt: "80" } as Record<string, string>,
    { lineno: "2", description: "Ground shipping", quantity: "1", uom: "EA", unitcost: "150", netamnt: "150", taxamnt: "0" } as Record<string, string>,
  ],
});

describe("level23Errors", () => {
  it("no level23, or the vendor's example: no warnings", () => {
    expect(level23Errors(undefined)).toEqual([]);
    expect(level23Errors(example())).toEqual([]);
    expect(level23Errors({ taxamnt: "80" })).toEqual([]);
  });

  it("rule 1: tax-exempt means tax 0; otherwise Level 2 needs a tax amount", () => {
    expect(level23Errors({ taxamnt: "80", taxexempt: "Y" })).toEqual(["taxamnt must be 0 when taxexempt is Y for Level 2"]);
    expect(level23Errors({ taxamnt: "0", taxexempt: "Y" })).toEqual([]);
    expect(level23Errors({ taxamnt: "0", taxexempt: "N" })).toEqual(["taxamnt is required for Level 2"]);
    expect(level23Errors({ ponumber: "PO-1" })).toEqual(["taxamnt is required for Level 2"]);
    expect(level23Errors({ taxamnt: "8.00" })).toEqual(["taxamnt must be an amount in cents for Level 2"]);
  });

  it("rule 2: Level 3 needs the Level 2 tax amount", () => {
    const e = example();
    expect(level23Errors({ ...e, taxamnt: undefined, items: e.items.map((i) => ({ ...i, taxamnt: "0" })) })).toEqual(["taxamnt is required for Level 2", "taxamnt is required for Level 3"]);
  });

  it("rule 3: orderdate required, exactly 8 digits", () => {
    expect(level23Errors({ ...example(), orderdate: "" })).toEqual(["orderdate is required for Level 3"]);
    expect(level23Errors({ ...example(), orderdate: "2026-04-27" })).toEqual(["orderdate must be 8 digits (YYYYMMDD) for Level 3"]);
  });

  it("rule 4: both ZIPs required; for the US 5 or 9 digits, elsewhere any", () => {
    expect(level23Errors({ ...example(), shiptozip: undefined })).toEqual(["shiptozip is required for Level 3"]);
    expect(level23Errors({ ...example(), shipfromzip: "8528" })).toEqual(["shipfromzip must be 5 or 9 digits for Level 3"]);
    expect(level23Errors({ ...example(), shiptozip: "926141234" })).toEqual([]);
    expect(level23Errors({ ...example(), shiptocountry: "GB", shiptozip: "SW1A 1AA" })).toEqual([]);
  });

  it("rule 5: at least one item, each with description, quantity, uom, netamnt and taxamnt", () => {
    expect(level23Errors({ ...example(), frtamnt: "0", items: [] })).toEqual(["items is required for Level 3"]);
    const e = example();
    const first = { ...e.items[0]!, description: undefined, uom: undefined };
    expect(level23Errors({ ...e, items: [first, e.items[1]] })).toEqual(["item 1 description is required for Level 3", "item 1 uom is required for Level 3"]);
  });

  it("rule 6: a UPC is never all zeros", () => {
    const e = example();
    expect(level23Errors({ ...e, items: [{ ...e.items[0]!, upc: "000000000000" }, e.items[1]] })).toEqual(["item 1 upc must not be all zeros for Level 3"]);
  });

  it("rule 7: freight must be one of the items' net amounts", () => {
    expect(level23Errors({ ...example(), frtamnt: "175" })).toEqual(["frtamnt must equal an item's netamnt for Level 3"]);
  });

  it("rule 8: the items' tax adds up to the order's", () => {
    expect(level23Errors({ ...example(), taxamnt: "90" })).toEqual(["taxamnt must equal the sum of the items' taxamnt for Level 3"]);
  });

  it("never uses a comma inside a warning (the reply joins them with commas)", () => {
    const all = level23Errors({ taxamnt: "x", taxexempt: "Q", ponumber: 5, orderdate: "1", shiptozip: "1", shipfromzip: "", frtamnt: "9", items: [{ upc: "00", quantity: "z" }, 7] });
    expect(all.length).toBeGreaterThan(5);
    for (const w of all) expect(w).not.toContain(",");
  });
});

describe("the simulator's reply", () => {
  it("joins the warnings into level23Errors on an approved token sale, and omits the field when none", async () => {
    const sandbox = await createSandbox({ port: 0, dailyCutoff: false });
    try {
      const post = async (endpoint: string, body: unknown) =>
        (await (await fetch(`${sandbox.url}/roverpay/api/${endpoint}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })).json()) as Record<string, string>;
      const common = { ...DEMO_CREDENTIALS, date: "", debug: "0" };
      const tok = await post("bltokenize", { ...common, tran: "l1", invoice: "L23-1" });
      const sale = (tran: string, level23: unknown) => post("bltokensale", { ...common, tran, invoice: tran, ctoken: tok.token, expiry: tok.expiry, amount: "1230", level23 });
      const clean = await sale("l2", example());
      expect(clean.verified).toBe("1");
      expect(clean).not.toHaveProperty("level23Errors");
      const flagged = await sale("l3", { ...example(), orderdate: "", shiptozip: "" });
      expect(flagged).toMatchObject({ verified: "1", level23Errors: "orderdate is required for Level 3,shiptozip is required for Level 3" });
      // BLTOKENAUTH does not take level23: it is ignored there.
      const auth = await post("bltokenauth", { ...common, tran: "l4", invoice: "l4", ctoken: tok.token, expiry: tok.expiry, amount: "1230", level23: { taxamnt: "x" } });
      expect(auth.verified).toBe("1");
      expect(auth).not.toHaveProperty("level23Errors");
    } finally {
      await sandbox.close();
    }
  });
});
