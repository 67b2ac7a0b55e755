import { describe, expect, it } from "vitest";
import { basicAuth } from "../http";
import { fromBepaidAmount, toBepaidAmount } from "./amount";
import { avsResult, cvcResult, normalizeStatus } from "./codes";
import { bepaidCredentialsSchema } from "./credentials";
import { parseReply } from "./wire";

const reply = (body: unknown) => parseReply({ text: typeof body === "string" ? body : JSON.stringify(body) });

describe("bePaid reply parser", () => {
  it("reads a transaction envelope (spec §3.2 recorded shape)", () => {
    const r = reply({
      transaction: {
        uid: "3596682-d0c9c1f588",
        status: "successful",
        type: "authorization",
        message: "Successfully processed",
        amount: 10,
        currency: "BYN",
        authorization: { auth_code: "654321", status: "successful", gateway_id: 5828 },
        avs_cvc_verification: { avs_verification: { result_code: "1" }, cvc_verification: { result_code: "1" } },
      },
    });
    expect(r.kind).toBe("transaction");
    if (r.kind === "transaction") expect(r.tx.authorization?.auth_code).toBe("654321");
  });

  it("reads both error envelopes (spec §6.2)", () => {
    const wrapped = reply({ response: { message: "Token does not exist.", errors: { credit_card: { token: ["does not exist"] } } } });
    expect(wrapped).toMatchObject({ kind: "error", message: "Token does not exist." });
    const flat = reply({ message: "transaction can't be refunded", errors: { base: ["transaction can't be refunded"] } });
    expect(flat).toMatchObject({ kind: "error", message: "transaction can't be refunded" });
    expect(reply({ response: { status: "error", message: "Access denied" } })).toMatchObject({ kind: "error", message: "Access denied" });
    expect(reply({ errors: { amount: ["must be greater than 0"] } })).toMatchObject({ kind: "error", message: "amount must be greater than 0" });
  });

  it("reads the tracking-id list and treats anything else as malformed, never throwing", () => {
    expect(reply({ transactions: [] })).toMatchObject({ kind: "list", txs: [] });
    expect(reply('{"transaction":{"uid":"x","sta').kind).toBe("malformed");
    expect(reply("<html>503</html>").kind).toBe("malformed");
    expect(reply({ transaction: { status: "successful" } }).kind).toBe("malformed");
    expect(reply({ hello: "world" }).kind).toBe("malformed");
    expect(reply("").kind).toBe("malformed");
  });
});

describe("bePaid codes and amounts", () => {
  it("maps AVS and CVC codes to meanings and categories", () => {
    expect(avsResult("M")).toEqual({ code: "M", meaning: "Street address and postal code match", category: "match" });
    expect(avsResult("N")?.category).toBe("no_match");
    expect(avsResult("B")?.category).toBe("partial");
    expect(avsResult("1")?.category).toBe("not_checked");
    expect(avsResult("AE6")?.category).toBe("match");
    expect(avsResult("ZZ")).toMatchObject({ category: "unavailable" });
    expect(avsResult(undefined)).toBeUndefined();
    expect(cvcResult("N")).toEqual({ code: "N", meaning: "Security code does not match", category: "no_match" });
    expect(cvcResult("U")?.category).toBe("unavailable");
  });

  it("maps transaction statuses (spec §10)", () => {
    expect(normalizeStatus("successful")).toBe("approved");
    expect(normalizeStatus("failed")).toBe("declined");
    expect(normalizeStatus("incomplete")).toBe("pending");
    expect(normalizeStatus("error")).toBeUndefined();
  });

  it("converts to bePaid minor units by bePaid's exponent table", () => {
    expect(toBepaidAmount({ amount: 1234, currency: "BYN" })).toBe(1234);
    expect(toBepaidAmount({ amount: 500, currency: "JPY" })).toBe(500);
    expect(toBepaidAmount({ amount: 1500, currency: "KWD" })).toBe(1500);
    expect(fromBepaidAmount(2599, "USD")).toBe(2599);
  });
});

describe("bePaid auth", () => {
  it("builds HTTP Basic from Shop ID and Secret key (spec §2)", () => {
    expect(basicAuth("361", "b8647b68898b084b836474ed8d61ffe117c9a01168d867f24953b776ddcb134d")).toBe(
      "Basic MzYxOmI4NjQ3YjY4ODk4YjA4NGI4MzY0NzRlZDhkNjFmZmUxMTdjOWEwMTE2OGQ4NjdmMjQ5NTNiNzc2ZGRjYjEzNGQ=",
    );
  });

  it("validates credentials", () => {
    expect(bepaidCredentialsSchema.safeParse({ shopId: "361", secretKey: "abc" }).success).toBe(true);
    expect(bepaidCredentialsSchema.safeParse({ shopId: "shop", secretKey: "abc" }).success).toBe(false);
    expect(bepaidCredentialsSchema.safeParse({ shopId: "361", secretKey: "" }).success).toBe(false);
  });
});
