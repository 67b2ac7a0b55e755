"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { saveSpendingLimitAction } from "@/app/(app)/admin/limits/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { InputField } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { formatMoney, toMajorString } from "@/lib/money";
import type { LimitField, LimitRow } from "@/lib/services/limits";

const LABELS: Record<LimitField, string> = {
  maxSale: "Single sale",
  maxDaily: "Sales per day",
  maxRefundCount: "Refunds per day",
  maxRefundDaily: "Refunded per day",
};
const FIELDS = Object.keys(LABELS) as LimitField[];

const show = (field: LimitField, value: number | null, currency: string) =>
  value === null ? "no limit" : field === "maxRefundCount" ? String(value) : formatMoney(value, currency);

interface Props {
  scope: "role" | "user";
  subject: string;
  /** Who the limits are for, as the form's name: "Clerks", "jane@example.com (clerk)". */
  title: string;
  currency: string;
  own: LimitRow;
  /** For a user: what applies now, their own values over their role's. */
  effective?: LimitRow;
}

/** One role's or one user's limits in one currency; an empty field sets no limit (a user's: the role's applies). */
export function LimitRowForm({ scope, subject, title, currency, own, effective }: Props) {
  const router = useRouter();
  const initial = Object.fromEntries(FIELDS.map((f) => [f, own[f] === null ? "" : f === "maxRefundCount" ? String(own[f]) : toMajorString(own[f]!, currency)]));
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const { busy, error, run } = useAction();
  const name = `${title} limits in ${currency}`;

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setFieldErrors({});
    setSaved(false);
    await run(
      () => saveSpendingLimitAction({ scope, subject, currency, ...values }),
      () => {
        setSaved(true);
        router.refresh();
      },
      (failure) => setFieldErrors(failure.fieldErrors ?? {}),
    );
  }

  return (
    <form aria-label={name} onSubmit={(e) => void save(e)} noValidate className="flex flex-col gap-2 border-t border-slate-200 py-3 dark:border-slate-700">
      <h3 className="text-sm font-semibold">{title}</h3>
      <div className="grid gap-3 sm:grid-cols-4">
        {FIELDS.map((f) => (
          <InputField
            key={f}
            label={f === "maxRefundCount" ? LABELS[f] : `${LABELS[f]} (${currency})`}
            inputMode={f === "maxRefundCount" ? "numeric" : "decimal"}
            value={values[f]}
            onChange={(e) => {
              setValues((v) => ({ ...v, [f]: e.target.value }));
              setSaved(false);
            }}
            placeholder={scope === "user" ? "Role's" : "No limit"}
            error={fieldErrors[f]}
          />
        ))}
      </div>
      {effective && (
        <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="effective-limits">
          In force now: {FIELDS.map((f) => `${LABELS[f].toLowerCase()} ${show(f, effective[f], currency)}`).join(" · ")}
        </p>
      )}
      {error && Object.keys(fieldErrors).length === 0 && <Alert tone="error">{error}</Alert>}
      {saved && <Alert tone="success">Saved. The next sale or refund uses these limits.</Alert>}
      <div>
        <Button type="submit" busy={busy} variant="secondary">
          Save
        </Button>
      </div>
    </form>
  );
}
