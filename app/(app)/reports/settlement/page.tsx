import Link from "next/link";
import { SettlementTables, sourceNote } from "@/components/reports/settlement-tables";
import { Alert } from "@/components/ui/alert";
import { InputField, SelectField } from "@/components/ui/field";
import { db } from "@/lib/db";
import { openSettlementReport } from "@/lib/services/settlement-report-page";
import { getMerchantSettings } from "@/lib/services/settings";
import { requirePageRole } from "@/lib/session";

export const metadata = { title: "Settlement report" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageRole("manager");
  const sp = await searchParams;
  const one = (k: string) => (typeof sp[k] === "string" ? sp[k] : undefined);
  const { timeZone } = await getMerchantSettings(db);
  const data = await openSettlementReport({ db }, { account: one("account"), from: one("from"), to: one("to") }, { timeZone });
  if (data.kind === "no_accounts") {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold tracking-tight">Settlement report</h1>
        <p className="rounded-lg border border-dashed border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 p-8 text-center text-sm text-slate-600 dark:text-slate-400" data-testid="settlement-empty">
          There is no gateway account yet, so nothing has settled. An admin adds one under Admin → Gateway accounts.
        </p>
      </div>
    );
  }
  const { report, input, errors, accounts } = data;
  const query = new URLSearchParams({ account: report.account.id, from: report.from, to: report.to }).toString();
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Settlement report</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {report.account.label}: {report.from === report.to ? report.from : `${report.from} to ${report.to}`} ({timeZone}). {sourceNote(report)}
          </p>
        </div>
        <div className="flex gap-2">
          <a href={`/api/reports/settlement/export?${query}`} download className="rounded-md border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-4 py-2 text-sm font-medium hover:bg-slate-50 dark:hover:bg-slate-800">
            Download CSV
          </a>
          <Link href={`/reports/settlement/print?${query}`} className="rounded-md border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-4 py-2 text-sm font-medium hover:bg-slate-50 dark:hover:bg-slate-800">
            Printable page
          </Link>
        </div>
      </div>
      <form method="get" action="/reports/settlement" className="flex flex-wrap items-start gap-3" aria-label="Report filters">
        <SelectField label="Gateway account" name="account" defaultValue={input.account} error={errors.account}>
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.label}
              {a.active ? "" : " (inactive)"}
            </option>
          ))}
        </SelectField>
        <InputField label="First day" name="from" type="date" defaultValue={input.from} error={errors.from} />
        <InputField label="Last day" name="to" type="date" defaultValue={input.to} error={errors.to} />
        <button
          type="submit"
          className="mt-6 rounded-md border border-slate-300 dark:border-slate-600 px-3 py-1.5 text-sm text-slate-700 dark:text-slate-200 hover:bg-slate-100 dark:hover:bg-slate-800"
        >
          Show report
        </button>
      </form>
      {(errors.from || errors.to) && <Alert tone="error">Those days were not shown: {errors.from ?? errors.to}. Showing the last 7 days instead.</Alert>}
      {report.problems.length > 0 && (
        <Alert tone="warning" title="Part of this report is Keyed's own record only">
          {report.problems.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </Alert>
      )}
      <SettlementTables report={report} timeZone={timeZone} />
    </div>
  );
}
