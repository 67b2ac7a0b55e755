import { describe, expect, it } from "vitest";
import { DEFAULT_RISK_RULES, describeFindings, effectiveRiskRules, evaluateRisk, voidsMostSales } from "./risk-rules";

describe("AVS/CVV rules", () => {
  it("stored rules override the defaults category by category; anything garbled takes the default", () => {
    expect(effectiveRiskRules(null)).toEqual(DEFAULT_RISK_RULES);
    const rules = effectiveRiskRules({ avs: { no_match: "void", partial: "block", match: 3 }, cvv: "void" });
    expect(rules.avs).toEqual({ ...DEFAULT_RISK_RULES.avs, no_match: "void" });
    expect(rules.cvv).toEqual(DEFAULT_RISK_RULES.cvv);
  });

  it("the strictest action wins, and every check that was not allowed is named", () => {
    expect(evaluateRisk(DEFAULT_RISK_RULES, { avs: "no_match", cvv: "no_match" })).toEqual({
      action: "void",
      findings: [
        { check: "avs", category: "no_match", action: "warn" },
        { check: "cvv", category: "no_match", action: "void" },
      ],
    });
    expect(evaluateRisk(DEFAULT_RISK_RULES, { avs: "partial", cvv: "match" })).toEqual({ action: "allow", findings: [] });
    // A gateway that returns no code at all is never held against the sale.
    expect(evaluateRisk(effectiveRiskRules({ avs: { unavailable: "void" } }), {})).toEqual({ action: "allow", findings: [] });
  });

  it("says what did not match in words, and flags rules that void on results most sales get", () => {
    expect(describeFindings([{ check: "avs", category: "no_match" }, { check: "cvv", category: "no_match" }])).toBe(
      "the billing address did not match and the security code (CVV) did not match",
    );
    expect(voidsMostSales(DEFAULT_RISK_RULES)).toEqual([]);
    expect(voidsMostSales(effectiveRiskRules({ avs: { unavailable: "void" }, cvv: { not_checked: "void" } }))).toEqual(["Address (AVS) unavailable", "Security code (CVV) not checked"]);
  });
});
