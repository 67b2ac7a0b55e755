"use client";

// The filter form. Filters live in the URL, so links can be shared and the back button returns to
// the previous filters. They apply as they change (after a pause in typing): the first change on a
// set of filters adds a history entry, later ones replace it, so back goes to the filters the clerk
// started from rather than through every keystroke. The form stays mounted while its own changes
// arrive in the URL (see HistoryView), so typing is never interrupted.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { fieldErrorsOf } from "@/lib/action-result";
import { Button } from "@/components/ui/button";
import { InputField, SelectField } from "@/components/ui/field";
import { FilterDrawerToggle } from "./filter-drawer-toggle";
import { KIND_LABELS } from "@/components/payments/format";
import { statusLabel } from "@/components/payments/status-badge";
import {
  FILTER_KEYS,
  filtersToQuery,
  historyFiltersSchema,
  KIND_FILTERS,
  RISK_FILTER_LABELS,
  RISK_FILTERS,
  presetDays,
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
  timeZone,
  onApply,
}: {
  values: Values;
  /** Told the query before this form navigates to it, so the view keeps this form mounted. */
  onApply: (query: string) => void;
  /** The merchant's, for the days a preset such as "Today" covers. */
  timeZone: string;
  choices: HistoryChoices;
  customerLabel: string | null;
  /** Field errors the server found in the URL's filters. */
  serverErrors?: Record<string, string>;
}) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const shown = { ...serverErrors, ...errors };
  // Below lg the form is a drawer, folded until asked for, so the first screen shows transactions.
  // "Apply filters" folds it again; errors the server found in the URL's filters keep it open, next to
  // the fields they concern.
  const [userOpen, setOpen] = useState(false);
  const open = userOpen || Object.keys(serverErrors ?? {}).length > 0;
  const formId = useId();
  const range = RANGE_PRESETS.find((r) => r === values.range);
  const presetShown = range ? presetDays(range, timeZone) : undefined;

  const go = (next: Values) => {
    const query = filtersToQuery(next);
    router.push(query ? `/transactions?${query}` : "/transactions");
  };

  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const appliedOnce = useRef(false);
  useEffect(() => () => clearTimeout(pending.current), []);

  /** The form's filters, or null when a field is refused (its error is then shown next to it). */
  const read = (form: HTMLFormElement): Values | null => {
    const data = new FormData(form);
    const next: Values = { customer: values.customer };
    for (const key of FILTER_KEYS) {
      const v = data.get(key);
      if (typeof v === "string") next[key] = v;
    }
    // A preset's own days (shown in From/To) keep the preset; other dates replace it.
    if (presetShown && next.from === presetShown.from && next.to === presetShown.to) {
      next.from = undefined;
      next.to = undefined;
    } else if (next.from || next.to) next.range = undefined;
    const parsed = historyFiltersSchema.safeParse(next);
    setErrors(parsed.success ? {} : fieldErrorsOf(parsed.error));
    return parsed.success ? next : null;
  };

  /** Applies the form's filters; false when a field is refused. */
  const apply = (form: HTMLFormElement): boolean => {
    clearTimeout(pending.current);
    const next = read(form);
    if (!next) return false;
    const query = filtersToQuery(next);
    if (query === filtersToQuery(values)) return true;
    onApply(query);
    const href = query ? `/transactions?${query}` : "/transactions";
    if (appliedOnce.current) router.replace(href);
    else router.push(href);
    appliedOnce.current = true;
    return true;
  };

  const onChange = (e: FormEvent<HTMLFormElement>) => {
    const form = e.currentTarget;
    clearTimeout(pending.current);
    pending.current = setTimeout(() => void apply(form), 400);
  };

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (apply(e.currentTarget)) setOpen(false);
  };

  const preset = (range: RangePreset | undefined) => go({ ...values, range, from: undefined, to: undefined });
  const active = Object.values(values).filter(Boolean).length;

  return (
    <>
      <FilterDrawerToggle open={open} onToggle={() => setOpen((v) => !v)} controls={formId} active={active} />
      <form
        id={formId}
        onSubmit={onSubmit}
        onChange={onChange}
        aria-label="Filters"
        className={`${open ? "flex" : "hidden"} flex-col gap-4 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-4 shadow-sm lg:flex`}
        noValidate
      >
        <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Date range">
          <span className="text-sm font-medium text-slate-700 dark:text-slate-300">Date:</span>
          {RANGE_PRESETS.map((r) => (
            <button
              key={r}
              type="button"
              onClick={() => preset(r)}
              aria-pressed={values.range === r}
              className={`rounded-full border px-3 py-1 text-sm ${values.range === r ? "border-brand-600 bg-brand-600 text-white" : "border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 hover:bg-slate-50 dark:hover:bg-slate-800"}`}
            >
              {RANGE_LABELS[r]}
            </button>
          ))}
          <button
            type="button"
            onClick={() => preset(undefined)}
            aria-pressed={!values.range && !values.from && !values.to}
            className={`rounded-full border px-3 py-1 text-sm ${!values.range && !values.from && !values.to ? "border-brand-600 bg-brand-600 text-white" : "border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 hover:bg-slate-50 dark:hover:bg-slate-800"}`}
          >
            All time
          </button>
          {values.range && <input type="hidden" name="range" value={values.range} />}
        </div>
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <InputField label="Search" name="q" type="search" data-shortcut="search" placeholder="Customer name, email or order number" defaultValue={values.q} error={shown.q} wrapperClassName="lg:col-span-2" />
          <InputField label="From" name="from" type="date" defaultValue={values.from ?? presetShown?.from} error={shown.from} />
          <InputField label="To" name="to" type="date" defaultValue={values.to ?? presetShown?.to} error={shown.to} />
          <SelectField label="Status" name="status" defaultValue={values.status ?? ""} error={shown.status}>
            <option value="">Any status</option>
            {STATUS_FILTERS.map((s) => (
              <option key={s} value={s}>
                {s === "uncaptured" ? "Not captured (authorizations)" : statusLabel(s)}
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
          <SelectField label="AVS/CVV" name="risk" defaultValue={values.risk ?? ""} error={shown.risk}>
            <option value="">Any result</option>
            {RISK_FILTERS.map((r) => (
              <option key={r} value={r}>
                {RISK_FILTER_LABELS[r]}
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
          <Link href="/transactions" className="text-sm text-slate-600 dark:text-slate-400 underline hover:text-slate-900 dark:hover:text-slate-100">
            Clear all
          </Link>
          {values.customer && (
            <span className="inline-flex items-center gap-2 rounded-full border border-slate-300 dark:border-slate-600 bg-slate-50 dark:bg-slate-800 px-3 py-1 text-sm" data-testid="customer-filter">
              Customer: {customerLabel ?? "unknown customer"}
              <button type="button" aria-label="Remove the customer filter" className="text-slate-500 dark:text-slate-400 hover:text-slate-900 dark:hover:text-slate-100" onClick={() => go({ ...values, customer: undefined })}>
                ×
              </button>
            </span>
          )}
        </div>
      </form>
    </>
  );
}
