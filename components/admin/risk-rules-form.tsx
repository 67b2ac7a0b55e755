"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { saveRiskSettingsAction } from "@/app/(app)/admin/gateways/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { InputField } from "@/components/ui/field";
import { ScrollBox } from "@/components/ui/scroll-box";
import { useAction } from "@/components/ui/use-action";
import {
  ACTION_LABELS,
  CATEGORY_LABELS,
  CHECK_LABELS,
  CODE_CATEGORIES,
  DEFAULT_RISK_RULES,
  RISK_ACTIONS,
  RISK_CHECKS,
  voidsMostSales,
  type RiskAction,
  type RiskRules,
} from "@/lib/risk-rules";
import type { AccountRiskSettings } from "@/lib/services/risk-settings";

const selectClass =
  "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100";

/** An account's AVS/CVV rules and repeat window, filled with what is in force now. */
export function RiskRulesForm({ settings }: { settings: AccountRiskSettings }) {
  const router = useRouter();
  const [rules, setRules] = useState<RiskRules>(settings.rules);
  const [windowSeconds, setWindowSeconds] = useState(String(settings.repeatWindowSeconds));
  const [confirmVoidMost, setConfirmVoidMost] = useState(false);
  const { busy, error, run } = useAction();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const broad = voidsMostSales(rules);

  function set(check: (typeof RISK_CHECKS)[number], category: (typeof CODE_CATEGORIES)[number], action: RiskAction) {
    setRules((r) => ({ ...r, [check]: { ...r[check], [category]: action } }));
    setSaved(false);
  }

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setFieldErrors({});
    setSaved(false);
    await run(
      () => saveRiskSettingsAction({ accountId: settings.accountId, rules, repeatWindowSeconds: windowSeconds, confirmVoidMost }),
      () => {
        setSaved(true);
        router.refresh();
      },
      (failure) => setFieldErrors(failure.fieldErrors ?? {}),
    );
  }

  return (
    <form onSubmit={(e) => void save(e)} noValidate className="flex flex-col gap-6">
      <section className="rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-700 dark:bg-slate-900">
        <h2 className="text-lg font-semibold">AVS and CVV rules</h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          What happens to an approved sale, by what the address (AVS) and security code (CVV) checks returned. <em>Warn</em>: the sale stands and the clerk must
          acknowledge it before their next sale. <em>Void automatically</em>: the sale is voided at once (refunded in full where the gateway cannot void); the
          customer may still see a temporary hold for a few days.
        </p>
        <ScrollBox label="AVS and CVV rules table" className="mt-4">
          <table className="w-full text-sm">
            <thead>
              <tr className="text-left text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">
                <th className="py-2">Result</th>
                {RISK_CHECKS.map((check) => (
                  <th key={check} className="py-2">
                    {CHECK_LABELS[check]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {CODE_CATEGORIES.map((category) => (
                <tr key={category} className="border-t border-slate-200 dark:border-slate-700">
                  <th scope="row" className="py-2 text-left font-medium">
                    {CATEGORY_LABELS[category]}
                  </th>
                  {RISK_CHECKS.map((check) => (
                    <td key={check} className="py-2">
                      <select
                        aria-label={`${CHECK_LABELS[check]}: ${CATEGORY_LABELS[category]}`}
                        className={selectClass}
                        value={rules[check][category]}
                        onChange={(e) => set(check, category, e.target.value as RiskAction)}
                      >
                        {RISK_ACTIONS.map((a) => (
                          <option key={a} value={a}>
                            {ACTION_LABELS[a]}
                            {DEFAULT_RISK_RULES[check][category] === a ? " (default)" : ""}
                          </option>
                        ))}
                      </select>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
        {broad.length > 0 && (
          <div className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200" data-testid="void-most-warning">
            <p className="font-semibold">These rules may void nearly every sale.</p>
            <p className="mt-1">
              Voiding on {broad.join(" or ")} voids every sale from a card, issuer or gateway that does not run that check — many never do.
            </p>
            <label className="mt-2 flex items-center gap-2">
              <input type="checkbox" checked={confirmVoidMost} onChange={(e) => setConfirmVoidMost(e.target.checked)} /> Save these rules anyway
            </label>
            {fieldErrors.confirmVoidMost && <p className="mt-1 text-xs font-medium text-red-700 dark:text-red-300">{fieldErrors.confirmVoidMost}</p>}
          </div>
        )}
      </section>

      <section className="rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-700 dark:bg-slate-900">
        <h2 className="text-lg font-semibold">Repeat sales</h2>
        <InputField
          label="Ask before charging the same card, amount and customer again within (seconds)"
          inputMode="numeric"
          wrapperClassName="mt-3 max-w-md"
          value={windowSeconds}
          onChange={(e) => {
            setWindowSeconds(e.target.value);
            setSaved(false);
          }}
          hint="0 turns this off. Default 120 (two minutes). Changes apply from the next sale."
          error={fieldErrors.repeatWindowSeconds}
        />
      </section>

      {error && !fieldErrors.confirmVoidMost && <Alert tone="error">{error}</Alert>}
      {saved && <Alert tone="success">Saved. The next sale on this account uses these rules.</Alert>}
      <div>
        <Button type="submit" busy={busy}>
          Save risk rules
        </Button>
      </div>
    </form>
  );
}
