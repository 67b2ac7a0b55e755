// AVS and CVV rules of a gateway account: what happens to an approved sale, by the normalized
// category of its AVS and CVV results (lib/gateways/types.ts CodeCategory). Shared by the payments
// service, the result screen and the admin form, so it imports nothing from the server.
import type { CodeCategory } from "./gateways/types";

export const RISK_ACTIONS = ["allow", "warn", "void"] as const;
export type RiskAction = (typeof RISK_ACTIONS)[number];
export const RISK_CHECKS = ["avs", "cvv"] as const;
export type RiskCheck = (typeof RISK_CHECKS)[number];
export const CODE_CATEGORIES = ["match", "partial", "no_match", "not_checked", "unavailable"] as const satisfies readonly CodeCategory[];

export type RiskRules = Record<RiskCheck, Record<CodeCategory, RiskAction>>;

/**
 * Like Authorize.Net's filters out of the box: a CVV that does not match voids the sale, an address
 * that does not match is approved with a warning, everything else goes through.
 */
export const DEFAULT_RISK_RULES: RiskRules = {
  avs: { match: "allow", partial: "allow", no_match: "warn", not_checked: "allow", unavailable: "allow" },
  cvv: { match: "allow", partial: "allow", no_match: "void", not_checked: "allow", unavailable: "allow" },
};

export const CHECK_LABELS: Record<RiskCheck, string> = { avs: "Address (AVS)", cvv: "Security code (CVV)" };
export const CATEGORY_LABELS: Record<CodeCategory, string> = {
  match: "Match",
  partial: "Partial match",
  no_match: "No match",
  not_checked: "Not checked",
  unavailable: "Unavailable",
};
export const ACTION_LABELS: Record<RiskAction, string> = { allow: "Allow", warn: "Warn the clerk", void: "Void automatically" };

/** The stored rules over the defaults: a category the stored JSON leaves out (or garbles) takes its default. */
export function effectiveRiskRules(stored: unknown): RiskRules {
  const out: RiskRules = { avs: { ...DEFAULT_RISK_RULES.avs }, cvv: { ...DEFAULT_RISK_RULES.cvv } };
  if (!stored || typeof stored !== "object") return out;
  for (const check of RISK_CHECKS) {
    const given = (stored as Record<string, unknown>)[check];
    if (!given || typeof given !== "object") continue;
    for (const category of CODE_CATEGORIES) {
      const action = (given as Record<string, unknown>)[category];
      if ((RISK_ACTIONS as readonly unknown[]).includes(action)) out[check][category] = action as RiskAction;
    }
  }
  return out;
}

export interface RiskFinding {
  check: RiskCheck;
  category: CodeCategory;
  action: RiskAction;
}

const SEVERITY: Record<RiskAction, number> = { allow: 0, warn: 1, void: 2 };

/** What the rules do with an approved sale's results: the strictest action, and every check that was not allowed. */
export function evaluateRisk(rules: RiskRules, results: Partial<Record<RiskCheck, CodeCategory | null | undefined>>): { action: RiskAction; findings: RiskFinding[] } {
  const findings: RiskFinding[] = [];
  for (const check of RISK_CHECKS) {
    const category = results[check];
    if (!category) continue;
    const action = rules[check][category];
    if (action !== "allow") findings.push({ check, category, action });
  }
  const action = findings.reduce<RiskAction>((worst, f) => (SEVERITY[f.action] > SEVERITY[worst] ? f.action : worst), "allow");
  return { action, findings };
}

const WHAT: Record<RiskCheck, Partial<Record<CodeCategory, string>>> = {
  avs: { no_match: "the billing address did not match", partial: "the billing address matched only in part", unavailable: "the address could not be checked", not_checked: "the address was not checked" },
  cvv: { no_match: "the security code (CVV) did not match", partial: "the security code matched only in part", unavailable: "the security code could not be checked", not_checked: "the security code was not checked" },
};

/** "the billing address did not match and the security code (CVV) did not match". */
export function describeFindings(findings: Pick<RiskFinding, "check" | "category">[]): string {
  return findings.map((f) => WHAT[f.check][f.category] ?? `${CHECK_LABELS[f.check]}: ${CATEGORY_LABELS[f.category]}`).join(" and ");
}

/**
 * Categories a gateway may return for most sales (issuers that do not take part, networks that do
 * not check): voiding on them voids nearly everything, so the admin is asked to confirm.
 */
export function voidsMostSales(rules: RiskRules): string[] {
  const broad: CodeCategory[] = ["not_checked", "unavailable"];
  return RISK_CHECKS.flatMap((check) => broad.filter((c) => rules[check][c] === "void").map((c) => `${CHECK_LABELS[check]} ${CATEGORY_LABELS[c].toLowerCase()}`));
}

/** What the customer is told nobody can undo at once: a void or refund leaves the authorization hold in place for a while. */
export const HOLD_SENTENCE = "The customer may still see a temporary hold for this amount on their card for a few days, until their bank releases it.";

/** The idempotency key of a sale's automatic void (or refund): one per sale, whatever retries it. */
export const riskVoidKey = (saleId: string) => `risk-void:${saleId}`;

/** The findings a sale's `extra` keeps from when its rules ran (the rules may have changed since). */
export function findingsOf(extra: unknown): RiskFinding[] {
  const findings = (extra as { risk?: { findings?: unknown } } | null)?.risk?.findings;
  return Array.isArray(findings) ? (findings as RiskFinding[]) : [];
}
