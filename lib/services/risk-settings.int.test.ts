import { describe, expect, it } from "vitest";
import { DEFAULT_RISK_RULES } from "../risk-rules";
import { testDb } from "../testing/db";
import { onFreshPaymentWorld, type PaymentWorld } from "../testing/payment-world";
import { riskSettingsSchema } from "../validation/risk";
import { getRiskSettings, updateRiskSettings } from "./risk-settings";

const db = testDb();
let world: PaymentWorld;
onFreshPaymentWorld(db, (w) => (world = w));

const admin = () => world.manager.actor;

describe("risk settings", () => {
  it("an account with nothing stored has the default rules; a change is audited with what it was and what it became", async () => {
    const id = world.accounts.bepaid;
    expect((await getRiskSettings(db, id)).rules).toEqual(DEFAULT_RISK_RULES);
    const input = riskSettingsSchema.parse({ accountId: id, rules: { ...DEFAULT_RISK_RULES, avs: { ...DEFAULT_RISK_RULES.avs, partial: "warn" } }, repeatWindowSeconds: "300" });
    await updateRiskSettings(db, admin(), input, "127.0.0.1");
    expect(await getRiskSettings(db, id)).toMatchObject({ rules: input.rules, repeatWindowSeconds: 300 });
    const events = await db.auditEvent.findMany({ where: { targetId: id, action: "gateway_account.risk_rules" } });
    expect(events.map((e) => e.details)).toEqual([
      { changes: { "avs.partial": { from: "allow", to: "warn" }, repeatWindowSeconds: { from: 0, to: 300 } }, confirmedVoidMost: false },
    ]);
    // Saving the same values again changes nothing and records nothing.
    await updateRiskSettings(db, admin(), input, "127.0.0.1");
    expect(await db.auditEvent.count({ where: { targetId: id, action: "gateway_account.risk_rules" } })).toBe(1);
  });

  it("rules that void on 'unavailable' or 'not checked' are refused until the admin confirms them", async () => {
    const id = world.accounts.roverpay;
    const input = riskSettingsSchema.parse({ accountId: id, rules: { ...DEFAULT_RISK_RULES, avs: { ...DEFAULT_RISK_RULES.avs, unavailable: "void" } }, repeatWindowSeconds: 120 });
    await expect(updateRiskSettings(db, admin(), input, null)).rejects.toMatchObject({ field: "confirmVoidMost", message: expect.stringContaining("Address (AVS) unavailable") });
    expect((await getRiskSettings(db, id)).rules.avs.unavailable).toBe("allow");
    await updateRiskSettings(db, admin(), { ...input, confirmVoidMost: true }, null);
    expect((await getRiskSettings(db, id)).rules.avs.unavailable).toBe("void");
  });

  it("limits outside the field's range are refused at the field", () => {
    for (const bad of ["-1", "1.5", "86401", "abc"]) {
      const parsed = riskSettingsSchema.safeParse({ accountId: "a", rules: DEFAULT_RISK_RULES, repeatWindowSeconds: bad });
      expect(parsed.success, bad).toBe(false);
      expect(parsed.error!.issues[0]!.path).toEqual(["repeatWindowSeconds"]);
    }
  });
});
