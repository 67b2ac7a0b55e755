import { InputField, SelectField } from "@/components/ui/field";

interface Props {
  values: { actor?: string; action?: string; from?: string; to?: string };
  errors: Record<string, string>;
  options: { actions: string[]; actors: string[] };
  timeZone: string;
}

/** A plain GET form: the filter lives in the URL, so it can be bookmarked and reused for the export. */
export function AuditFilters({ values, errors, options, timeZone }: Props) {
  return (
    <form method="get" action="/admin/audit" aria-label="Filter the audit log" className="grid gap-4 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-4 sm:grid-cols-5">
      <InputField label="Actor" name="actor" list="audit-actors" placeholder="email" defaultValue={values.actor ?? ""} error={errors.actor} />
      <datalist id="audit-actors">
        {options.actors.map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>
      <SelectField label="Action" name="action" defaultValue={values.action ?? ""} error={errors.action}>
        <option value="">All actions</option>
        {options.actions.map((a) => (
          <option key={a} value={a}>
            {a}
          </option>
        ))}
      </SelectField>
      <InputField label="From" name="from" type="date" defaultValue={values.from ?? ""} error={errors.from} hint={timeZone} />
      <InputField label="To" name="to" type="date" defaultValue={values.to ?? ""} error={errors.to} hint="inclusive" />
      <div className="flex items-end gap-2">
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          Filter
        </button>
        <a href="/admin/audit" className="rounded-md px-3 py-2 text-sm text-slate-600 dark:text-slate-400 hover:bg-slate-100 dark:hover:bg-slate-800">
          Clear
        </a>
      </div>
    </form>
  );
}
