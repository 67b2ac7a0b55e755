// Spec test vectors: the vendor's and the spec's own ccvRec examples, the simulator's encoder
// against the client's decoder, the reply parser's edge cases and the AVS/CVV tables.
import { describe, expect, it } from "vitest";
import { encodeCcvRec } from "../../../sandbox/roverpay/ccvrec";
import { decodeCcvRec, describeCcvRec } from "./ccvrec";
import { avsResult, classifyFailure, cvvResult } from "./codes";
import { errorMessageOf, parseReply } from "./wire";

/** BLTOKENSALE page example reply (vendor docs, spec §4.1). */
const VENDOR_TOKENSALE =
  "NCoqKioqKioqMDA3Nv4xMjIy/v5QUFM2MTP+MjAzMTExMTYzNTI4/v5FTkNSWVBURUT+Vv5WaXNh/v5Q/v5bRDIwXSBDaGFyZ2UgQWNjZXB0ZWQu/v7+/v7+MSoxOTU2MioxMTAqcmM3ODMqMTH+/v7+/v7+/v7+/v4xMDD+/v7+/v7+/lRPS0VOLVNBTEX+OTQ3ODg0ODcxODY1MDA3Nv5CT0xU/v7+/v7+/v7+/v7+/v7+/v7+/v7+/v7+/v7+Wv5Y/nJjNzgyNQ==";
/** Spec §6.2 decline example and §5.3 refund example. */
const SPEC_DECLINE =
  "NCoqKioqKioqMTExMf4xMjI4/v7+/v5FTkNSWVBURUT+Vv5WaXNh/v5Q/v5bRDMwXSBDaGFyZ2UgRGVjbGluZWQu/v7+/v7+/v7+/v7+/v7+/v7+MjUwMf7+/v7+/v7+VE9LRU4tU0FMRf45NDExMjMwMDEyMzQxMTEx/kJPTFT+/v7+/v7+/v7+/v7+/v7+/v7+/v7+/v7+/v7+/klOVi0xMDA0";
const SPEC_REFUND =
  "NCoqKioqKioqMTExMf4xMjI4/v5QUFMyMjH+MDczMDUyMjE5MDg3/v5FTkNSWVBURUT+Vv5WaXNh/v5Q/v5bRDIwXSBDaGFyZ2UgQWNjZXB0ZWQu/v7+/v7+MSoyMDg5MyoxMTAqNTEyMzAqM/7+/v7+/v7+/v7+/i0xMDAw/v7+/v7+/v5UT0tFTi1SRVRVUk7+OTQxMTIzMDAxMjM0MTExMf5CT0xU/v7+/v7+MSoyMDg5MyoxMTAqNTEyMzAqMv7+/v7+/v7+/v7+/v7+/v7+/v7+/v7+SU5WLTEwMDM=";

const http = (status: number, text: string) => ({ status, text, headers: new Headers(), durationMs: 5 });

describe("ccvRec decoding (spec §4)", () => {
  it("decodes the vendor's BLTOKENSALE example", () => {
    const rec = decodeCcvRec(VENDOR_TOKENSALE);
    expect(rec?.attributes).toHaveLength(70);
    expect(describeCcvRec(rec!)).toEqual({
      account: "4********0076",
      expiry: "1222",
      authCode: "PPS613",
      reference: "203111163528",
      msrType: "ENCRYPTED",
      cardType: "V",
      cardDesc: "Visa",
      source: "P",
      message: "[D20] Charge Accepted.",
      reqId: "1*19562*110*rc783*11",
      amount: "100",
      vaultAction: "TOKEN-SALE",
      token: "9478848718650076",
      vaultFile: "BOLT",
      avsResult: "Z",
      cvvResult: "X",
      invoice: "rc7825",
    });
  });

  it("decodes the spec's decline and refund examples", () => {
    const d = decodeCcvRec(SPEC_DECLINE)!;
    expect([d.get("message"), d.get("amount"), d.get("reqId"), d.get("authCode"), d.get("invoice")]).toEqual(["[D30] Charge Declined.", "2501", "", "", "INV-1004"]);
    const r = decodeCcvRec(SPEC_REFUND)!;
    expect([r.get("amount"), r.get("vaultAction"), r.get("originalReqId"), r.get("reqId")]).toEqual(["-1000", "TOKEN-RETURN", "1*20893*110*51230*2", "1*20893*110*51230*3"]);
  });

  it("reads the first value of a multi-valued attribute and Latin-1 text", () => {
    const raw = Buffer.from(["4********1111", "", "J\u00fcrgen\u00fdSecond"].join("\u00fe"), "latin1").toString("base64");
    expect(decodeCcvRec(raw)?.get("name")).toBe("J\u00fcrgen");
  });

  it("rejects a corrupted record", () => {
    expect(decodeCcvRec("not base64!")).toBeNull();
    expect(decodeCcvRec(VENDOR_TOKENSALE.slice(0, 41))).toBeNull();
  });

  it("the simulator's encoder reproduces the vendor example byte for byte", () => {
    const encoded = encodeCcvRec({
      account: "4********0076",
      expiry: "1222",
      authCode: "PPS613",
      reference: "203111163528",
      msrType: "ENCRYPTED",
      cardType: "V",
      cardDesc: "Visa",
      source: "P",
      message: "[D20] Charge Accepted.",
      reqId: "1*19562*110*rc783*11",
      amount: "100",
      vaultAction: "TOKEN-SALE",
      token: "9478848718650076",
      vaultFile: "BOLT",
      avs: "Z",
      cvv: "X",
      invoice: "rc7825",
    });
    expect(encoded).toBe(VENDOR_TOKENSALE);
  });
});

describe("reply parsing", () => {
  it("accepts a well-formed reply and falls back to errMessage", () => {
    const p = parseReply(http(200, JSON.stringify({ verified: "0", errorCode: "X1", errMessage: "old name" })));
    expect(p.ok && errorMessageOf(p.reply)).toBe("old name");
  });

  it("5xx, unreadable 2xx, missing verified and bad ccvRec are unknown outcomes; a bare 4xx is a refusal", () => {
    const outcome = (status: number, text: string) => {
      const p = parseReply(http(status, text));
      return p.ok ? "ok" : p.outcome;
    };
    expect(outcome(503, "<html>")).toBe("unknown");
    expect(outcome(200, '{"verified":"1","resultId":"1*')).toBe("unknown");
    expect(outcome(200, '{"resultId":"1*2*3*4*5"}')).toBe("unknown");
    expect(outcome(200, '{"verified":"yes"}')).toBe("unknown");
    expect(outcome(200, '{"verified":"1","ccvRec":"%%%"}')).toBe("unknown");
    expect(outcome(404, "Not Found")).toBe("refused");
  });
});

describe("AVS / CVV tables and failure classes", () => {
  it("maps codes to the common vocabulary with meanings", () => {
    expect(avsResult("Y")).toMatchObject({ category: "match" });
    expect(avsResult("z")).toMatchObject({ code: "Z", category: "partial" });
    expect(avsResult("N")).toMatchObject({ category: "no_match", meaning: "Neither street address nor ZIP match" });
    expect(avsResult("U")?.category).toBe("unavailable");
    expect(avsResult("")).toBeUndefined();
    expect(avsResult("Q")).toMatchObject({ code: "Q", category: "unavailable" });
    expect(cvvResult("M")?.category).toBe("match");
    expect(cvvResult("N")?.category).toBe("no_match");
    expect(cvvResult("X")?.category).toBe("not_checked");
  });

  it("classifies verified:0 replies", () => {
    expect(classifyFailure("DEC02", "")).toBe("declined");
    expect(classifyFailure("", "[D31] Insufficient Funds.")).toBe("declined");
    expect(classifyFailure("AUTH01", "")).toBe("rejected");
    expect(classifyFailure("REF02", "")).toBe("rejected");
    expect(classifyFailure("DUP01", "[D10] A charge for this transaction, and amount already exists!")).toBe("rejected");
  });
});
