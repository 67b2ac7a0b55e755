// An account's AVS/CVV rules and repeat window, as the admin page reads and saves them. Every change
// is audited with what it was and what it became; it applies to the next sale (a sale reads the
// account once, before it starts).
import type { Db } from "../db";
import { effectiveRiskRules, RISK_CHECKS, CODE_CATEGORIES, voidsMostSales, type RiskRules } from "../risk-rules";
import type { RiskSettings } from "../validation/risk";
import { recordAudit, type Actor } from "./audit";
import { NotFoundError, ValidationError } from "./errors";

export interface AccountRiskSettings {
  accountId: string;
  label: string;
  rules: RiskRules;
  repeatWindowSeconds: number;
}

export async function getRiskSettings(db: Db, accountId: string): Promise<AccountRiskSettings> {
  const a = await db.gatewayAccount.findUnique({ where: { id: accountId }, select: { id: true, label: true, riskRules: true, repeatWindowSeconds: true } });
  if (!a) throw new NotFoundError("That gateway account");
  return { accountId: a.id, label: a.label, rules: effectiveRiskRules(a.riskRules), repeatWindowSeconds: a.repeatWindowSeconds };
}

export function voidMostWarning(broad: string[]): string {
  return `These rules void every sale whose result is ${broad.join(" or ")} — on a gateway or issuer that does not check, that is nearly every sale. Confirm to save them anyway.`;
}

export async function updateRiskSettings(db: Db, actor: Actor, input: RiskSettings, ip: string | null): Promise<AccountRiskSettings> {
  const broad = voidsMostSales(input.rules);
  if (broad.length > 0 && !input.confirmVoidMost) throw new ValidationError(voidMostWarning(broad), "confirmVoidMost");
  return db.$transaction(async (tx) => {
    const before = await tx.gatewayAccount.findUnique({ where: { id: input.accountId }, select: { id: true, label: true, riskRules: true, repeatWindowSeconds: true } });
    if (!before) throw new NotFoundError("That gateway account");
    const old = effectiveRiskRules(before.riskRules);
    const changes: Record<string, { from: string | number; to: string | number }> = {};
    for (const check of RISK_CHECKS)
      for (const c of CODE_CATEGORIES) if (old[check][c] !== input.rules[check][c]) changes[`${check}.${c}`] = { from: old[check][c], to: input.rules[check][c] };
    if (before.repeatWindowSeconds !== input.repeatWindowSeconds) changes.repeatWindowSeconds = { from: before.repeatWindowSeconds, to: input.repeatWindowSeconds };
    if (Object.keys(changes).length > 0) {
      await tx.gatewayAccount.update({ where: { id: before.id }, data: { riskRules: input.rules, repeatWindowSeconds: input.repeatWindowSeconds } });
      await recordAudit(tx, { actor, action: "gateway_account.risk_rules", targetType: "GatewayAccount", targetId: before.id, details: { changes, confirmedVoidMost: broad.length > 0 }, ip });
    }
    return { accountId: before.id, label: before.label, rules: input.rules, repeatWindowSeconds: input.repeatWindowSeconds };
  });
}

