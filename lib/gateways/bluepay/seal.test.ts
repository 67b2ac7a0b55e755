import { describe, expect, it } from "vitest";
import { BP10EMU_SEAL_FIELDS, tamperProofSeal, tpsDigest, verifyStamp } from "./seal";

// Spec §3.3 worked examples (made-up credentials).
const SECRET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
const saleA = { MERCHANT: "100123456789", TRANSACTION_TYPE: "SALE", AMOUNT: "3.00", MODE: "TEST" };

describe("BluePay TAMPER_PROOF_SEAL", () => {
  it("reproduces Example A for every hash type", () => {
    const expected = {
      HMAC_SHA512: "6e042db386864cb1f0e8892f0c52714c82c5e8ca71aac362dd4ae85820976c8524e77929d9a48779a5b20cb468974ae888612a04e61222640db90b14cd26486f",
      HMAC_SHA256: "60177e32c6a2f1798b9da1da1c29d407c470c3fa4d646ba9a13af665c3779e97",
      SHA512: "a9d2697c11e8167bc815ac0a0a96f3124c0264ba4aa4f82aa9e594078a0ede69fce4fba4f098c7e44d59b74e6d8710e87cabb8aa7ea6eecda30a9e4ba8315436",
      SHA256: "348c834a6c846e902a99ed5ba31717f4fc1bb36e464c26bedaa8b47ca1178780",
      MD5: "6c0cf732a49a9ca13ec90e1cf8279068",
    } as const;
    for (const [type, seal] of Object.entries(expected)) {
      expect(tamperProofSeal(SECRET, saleA, BP10EMU_SEAL_FIELDS, type as keyof typeof expected)).toBe(seal);
    }
  });

  it("reproduces Example A2 (partial refund with RRNO)", () => {
    const fields = { MERCHANT: "100123456789", TRANSACTION_TYPE: "REFUND", AMOUNT: "1.75", RRNO: "100000000042", MODE: "TEST" };
    expect(tamperProofSeal(SECRET, fields, BP10EMU_SEAL_FIELDS, "HMAC_SHA512")).toBe(
      "e8f024f4b53a40d9246e4d2922fffcccb75701363a6a34cb439e4bb52147901fb9617de212331b3436f5e723d58b244382b35f5a9deb18b93addb97bae8aca0f",
    );
  });

  it("reproduces Example B (bp20post default list) and Example C (TPS_DEF)", () => {
    const b = { ACCOUNT_ID: "100123456789", TRANS_TYPE: "SALE", AMOUNT: "3.00", NAME1: "Bob", PAYMENT_ACCOUNT: "4111111111111111" };
    const list = ["ACCOUNT_ID", "TRANS_TYPE", "AMOUNT", "MASTER_ID", "NAME1", "PAYMENT_ACCOUNT"];
    expect(tamperProofSeal(SECRET, b, list, "MD5")).toBe("2f4c935b7282f494fabee44161690c23");
    expect(tamperProofSeal(SECRET, b, list, "HMAC_SHA256")).toBe("d2b32b5db58845ad4fa18b26398372f0fd2d44bf218d4271373aaa246dfa8e7e");
    const c = { MERCHANT: "100123456789", TRANSACTION_TYPE: "CAPTURE", AMOUNT: "3.00", RRNO: "100000000042", MODE: "TEST" };
    expect(tamperProofSeal(SECRET, c, "MERCHANT TRANSACTION_TYPE AMOUNT RRNO MODE".split(" "), "HMAC_SHA512")).toBe(
      "dab093bc2b2da8040302f2ffec4cb340e819995be4addc25057ebf6f28da46866073f1114265b6b1876c28d788529f595a4757e878db96c69f9840402067a881",
    );
  });

  it("matches the official document's own MD5 examples (§3.2)", () => {
    expect(tpsDigest("raouhc.jbefiougb", "demoSALE10.00", "MD5")).toBe("9515409f78817e9da5ee396fb24fea7d");
    expect(tpsDigest("raouhc.jbefiougb", "demoAUTH1.0011 MONTH1 MONTH39.99", "MD5")).toBe("cffd8d5f89f97dee29fbd233472422eb");
    expect(tpsDigest("sakldjhflaskjfhasllsdkjfhdemo", "AUTH10.0011 MONTH1 MONTH115.00", "MD5")).toBe("22d2a28d4e683c7c8d753cfbf3c91b7c");
  });
});

describe("BluePay BP_STAMP", () => {
  const reply = { RRNO: "100000000043", ISSUE_DATE: "2024-01-15 10:30:00.123456", Result: "APPROVED" };
  const def = "RRNO ISSUE_DATE Result";
  it("verifies Example D (HMAC_SHA512 and MD5, upper-case hex)", () => {
    const stamp = "EB7136D5B1791344593E71E7C4C69A45BB86017FCA90B51C72D3D2D3321D9F87478615DBCCE852B6246084844C571A1E43AE809D1A3C786E61F23712FC5A0FB2";
    expect(verifyStamp(SECRET, reply, def, "HMAC_SHA512", stamp)).toBe(true);
    expect(verifyStamp(SECRET, reply, def, "MD5", "83B8B76ECF6C7F3D7B04C40A9F92BF50")).toBe(true);
  });
  it("rejects a stamp over altered fields or a different key", () => {
    const stamp = "EB7136D5B1791344593E71E7C4C69A45BB86017FCA90B51C72D3D2D3321D9F87478615DBCCE852B6246084844C571A1E43AE809D1A3C786E61F23712FC5A0FB2";
    expect(verifyStamp(SECRET, { ...reply, Result: "DECLINED" }, def, "HMAC_SHA512", stamp)).toBe(false);
    expect(verifyStamp("X".repeat(32), reply, def, "HMAC_SHA512", stamp)).toBe(false);
  });
});
