// Property-based tests for each gateway kind's credentials schema (the admin form's per-kind fields).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectCleanPrototype, expectHumanIssues, hostileString, hostileValue, huge, RUNS, timed, withPrototypeKeys } from "../testing/fuzz";
import { GATEWAYS } from "./index";

const VALID: Record<string, Record<string, string>> = {
  bluepay: { accountId: "100200300400", secretKey: "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345" },
  bepaid: { shopId: "361", secretKey: "b8647b68898b084b836474ed8d61ffe117c9a01168d867f24953b776ddcb134d" },
  roverpay: { atoken: "tok", entity: "DEMO", store: "1", reg: "110" },
  paycore: { commerceAccountId: "coma_abc", apiKey: "key", callbackSecret: "sk_test_x" },
};

describe.each(Object.values(GATEWAYS))("$kind credentialsSchema", (def) => {
  const keys = Object.keys(def.credentialsSchema.shape);

  it("accepts the valid example; hostile values never throw, and accepted values are trimmed non-empty strings", () => {
    expect(def.credentialsSchema.safeParse(VALID[def.kind]).success).toBe(true);
    const input = fc
      .subarray(keys, { minLength: 1 })
      .chain((ks) => fc.tuple(...ks.map((k) => fc.oneof(hostileString(80), hostileValue()).map((v) => [k, v] as const))))
      .map((pairs) => ({ ...VALID[def.kind], ...Object.fromEntries(pairs) }));
    fc.assert(
      fc.property(input, fc.boolean(), (creds, proto) => {
        const parsed = def.credentialsSchema.safeParse(proto ? withPrototypeKeys(creds) : creds);
        expectCleanPrototype();
        if (!parsed.success) return expectHumanIssues(parsed.error, { pathRequired: true });
        for (const [k, v] of Object.entries(parsed.data)) {
          expect(typeof v).toBe("string");
          expect(v).toBe(v.trim());
          expect(keys).toContain(k);
        }
        expect(Object.getPrototypeOf(parsed.data)).toBe(Object.prototype);
      }),
      { numRuns: RUNS.schema },
    );
    // The first kind's run also pays fast-check's warm-up: ~5 s on a loaded two-core machine.
  }, 20_000);

  it.each(keys)("parses a 1 MB %s quickly", (key) => {
    const { ms } = timed(() => def.credentialsSchema.safeParse({ ...VALID[def.kind], [key]: huge() }));
    expect(ms).toBeLessThan(500);
  });
});
