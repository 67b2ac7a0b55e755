import { PrintButton } from "@/components/payments/print-button";
import { SettlementTables, sourceNote } from "@/components/reports/settlement-tables";
import { db } from "@/lib/db";
import { openSettlementReport } from "@/lib/services/settlement-report-page";
import { getMerchantSettings } from "@/lib/services/settings";
import { requirePageRole } from "@/lib/session";
import { formatDateTime } from "@/lib/time";

export const metadata = { title: "Settlement report (print)" };

/** The settlement report on plain paper: no navigation, no form. */
export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageRole("manager");
  const sp = await searchParams;
  const one = (k: string) => (typeof sp[k] === "string" ? sp[k] : undefined);
  const merchant = await getMerchantSettings(db);
  const data = await openSettlementReport({ db }, { account: one("account"), from: one("from"), to: one("to") }, { timeZone: merchant.timeZone });
  return (
    <main className="mx-auto my-8 max-w-4xl space-y-4 bg-white dark:bg-slate-950 p-6 text-sm print:my-0 print:p-0">
      <h1 className="text-xl font-bold">Settlement report — {merchant.merchantName}</h1>
      {data.kind === "no_accounts" ? (
        <p>There is no gateway account yet, so nothing has settled.</p>
      ) : (
        <>
          <p>
            {data.report.account.label}: {data.report.from} to {data.report.to} ({merchant.timeZone}). {sourceNote(data.report)} Printed{" "}
            {formatDateTime(new Date(), { timeZone: merchant.timeZone })}.
          </p>
          {Object.values(data.errors).length > 0 && <p role="alert">Those filters were refused: {Object.values(data.errors)[0]}. Showing the last 7 days instead.</p>}
          {data.report.problems.map((p) => (
            <p key={p} role="status">
              {p}
            </p>
          ))}
          <SettlementTables report={data.report} timeZone={merchant.timeZone} links={false} />
        </>
      )}
      <div className="flex justify-center">
        <PrintButton />
      </div>
    </main>
  );
}
