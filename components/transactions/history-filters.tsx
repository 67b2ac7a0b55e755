"use client";

// The filter form. Filters live in the URL: applying them navigates, so links can be shared and
// the back button returns to the previous filters.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { fieldErrorsOf } from "@/lib/action-result";
import { Button } from "@/components/ui/button";
import { InputField, SelectField } from "@/components/ui/field";
import { KIND_LABELS } from "@/components/payments/format";
import { statusLabel } from "@/components/payments/status-badge";
import {
  FILTER_KEYS,
  filtersToQuery,
  historyFiltersSchema,
  KIND_FILTERS,
  RANGE_LABELS,
  RANGE_PRESETS,
  STATUS_FILTERS,
  type HistoryFilters,
  type RangePreset,
} from "@/lib/validation/history";

type Values = Partial<Record<keyof HistoryFilters, string>>;

export interface HistoryChoices {
  accounts: { id: string; label: string }[];
  users: { id: string; name: string }[];
}

export function HistoryFilters({
  values,
  choices,
  customerLabel,
  serverErrors,
}: {
  values: Values;
  choices: HistoryChoices;
  customerLabel: string | null;
  /** Field errors the server found in the URL's filters. */
  serverErrors?: Record<string, string>;
}) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const shown = { ...serverErrors, ...errors };

  const go = (next: Values) => {
    const query = filtersToQuery(next);
    router.push(query ? `/transactions?${query}` : "/transactions");
  };

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const next: Values = { customer: values.customer };
    for (const key of FILTER_KEYS) {
      const v = form.get(key);
      if (typeof v === "string") next[key] = v;
    }
    // Typed dates replace a preset.
    if (next.from || next.to) next.range = undefined;
    const parsed = historyFiltersSchema.safeParse(next);
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error));
      return;
    }
    setErrors({});
    go(next);
  };

  const preset = (range: RangePreset | undefined) => go({ ...values, range, from: undefined, to: undefined });

  return (
    <form onSubmit={onSubmit} aria-label="Filters" className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" noValidate>
      <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Date range">
        <span className="text-sm font-medium text-slate-700">Date:</span>
        {RANGE_PRESETS.map((r) => (
          <button
            key={r}
            type="button"
            onClick={() => preset(r)}
            aria-pressed={values.range === r}
            className={`rounded-full border px-3 py-1 text-sm ${values.range === r ? "border-brand-600 bg-brand-600 text-white" : "border-slate-300 bg-white hover:bg-slate-50"}`}
          >
            {RANGE_LABELS[r]}
          </button>
        ))}
        <button
          type="button"
          onClick={() => preset(undefined)}
          aria-pressed={!values.range && !values.from && !values.to}
          className={`rounded-full border px-3 py-1 text-sm ${!values.range && !values.from && !values.to ? "border-brand-600 bg-brand-600 text-white" : "border-slate-300 bg-white hover:bg-slate-50"}`}
        >
          All time
        </button>
        {values.range && <input type="hidden" name="range" value={values.range} />}
      </div>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <InputField label="Search" name="q" type="search" placeholder="Customer name, email or order number" defaultValue={values.q} error={shown.q} wrapperClassName="lg:col-span-2" />
        <InputField label="From" name="from" type="date" defaultValue={values.from} error={shown.from} />
        <InputField label="To" name="to" type="date" defaultValue={values.to} error={shown.to} />
        <SelectField label="Status" name="status" defaultValue={values.status ?? ""} error={shown.status}>
          <option value="">Any status</option>
          {STATUS_FILTERS.map((s) => (
            <option key={s} value={s}>
              {statusLabel(s)}
            </option>
          ))}
        </SelectField>
        <SelectField label="Kind" name="kind" defaultValue={values.kind ?? ""} error={shown.kind}>
          <option value="">Any kind</option>
          {KIND_FILTERS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </SelectField>
        <SelectField label="Gateway account" name="account" defaultValue={values.account ?? ""} error={shown.account}>
          <option value="">Any account</option>
          {choices.accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.label}
            </option>
          ))}
        </SelectField>
        <SelectField label="Run by" name="user" defaultValue={values.user ?? ""} error={shown.user}>
          <option value="">Anyone</option>
          {choices.users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </SelectField>
        <InputField label="Amount from" name="min" inputMode="decimal" placeholder="0.00" defaultValue={values.min} error={shown.min} />
        <InputField label="Amount to" name="max" inputMode="decimal" placeholder="0.00" defaultValue={values.max} error={shown.max} />
        <InputField label="Card last 4" name="last4" inputMode="numeric" maxLength={4} defaultValue={values.last4} error={shown.last4} />
        <InputField label="Order number" name="order" defaultValue={values.order} error={shown.order} />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit">Apply filters</Button>
        <Link href="/transactions" className="text-sm text-slate-600 underline hover:text-slate-900">
          Clear all
        </Link>
        {values.customer && (
          <span className="inline-flex items-center gap-2 rounded-full border border-slate-300 bg-slate-50 px-3 py-1 text-sm" data-testid="customer-filter">
            Customer: {customerLabel ?? "unknown customer"}
            <button type="button" aria-label="Remove the customer filter" className="text-slate-500 hover:text-slate-900" onClick={() => go({ ...values, customer: undefined })}>
              ×
            </button>
          </span>
        )}
      </div>
    </form>
  );
}
