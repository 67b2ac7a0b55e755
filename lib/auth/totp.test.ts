import { describe, expect, it } from "vitest";
import { codeAt, matchingStep, newTotpSecret, otpauthUri, timeStep } from "./totp";

describe("TOTP (RFC 6238)", () => {
  it("matches the RFC's SHA-1 test vector", () => {
    // RFC 6238 appendix B: secret "12345678901234567890", T = 59 s → 94287082 (8 digits); 6 digits → 287082.
    const secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    expect(codeAt(secret, timeStep(59_000))).toBe("287082");
    expect(matchingStep(secret, "287082", 59_000)).toBe(1);
  });

  it("accepts one step of clock drift either side, no more", () => {
    const secret = newTotpSecret();
    const now = Date.UTC(2026, 11, 2, 12, 0, 10);
    const step = timeStep(now);
    expect(matchingStep(secret, codeAt(secret, step - 1), now)).toBe(step - 1);
    expect(matchingStep(secret, codeAt(secret, step + 1), now)).toBe(step + 1);
    expect(matchingStep(secret, codeAt(secret, step - 2), now)).toBeNull();
    expect(matchingStep(secret, codeAt(secret, step + 2), now)).toBeNull();
    expect(matchingStep(secret, "12345", now)).toBeNull();
    expect(matchingStep(secret, "abcdef", now)).toBeNull();
  });

  it("gives authenticator apps an otpauth URI naming Keyed and the user", () => {
    const uri = new URL(otpauthUri("JBSWY3DPEHPK3PXP", "casey@keyed.test"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.searchParams.get("issuer")).toBe("Keyed");
    expect(decodeURIComponent(uri.pathname)).toContain("casey@keyed.test");
  });
});
