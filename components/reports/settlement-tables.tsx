// The settlement report's two tables (days, then flagged rows), shared by the page and its printable copy.
import Link from "next/link";
import { KIND_LABELS } from "@/components/payments/format";
import { statusLabel } from "@/components/payments/status-badge";
import { ScrollBox } from "@/components/ui/scroll-box";
import { formatMoney } from "@/lib/money";
import { FLAG_LABELS, type SettlementReport } from "@/lib/services/settlement-report";
import { formatDateTime } from "@/lib/time";

const th = "px-3 py-2 text-left font-medium";
const num = "px-3 py-2 text-right tabular-nums";

export function SettlementTables({ report, timeZone, links = true }: { report: SettlementReport; timeZone: string; links?: boolean }) {
  const money = (minor: number) => formatMoney(minor, report.account.currency);
  const flags = report.days.flatMap((d) => d.flags);
  return (
    <div className="space-y-6">
      <ScrollBox label="Settled per day" className="rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 print:border-0">
        <table className="w-full text-sm" data-testid="settlement-days">
          <caption className="sr-only">Settled per day</caption>
          <thead className="border-b border-slate-200 dark:border-slate-700 text-slate-600 dark:text-slate-400">
            <tr>
              <th scope="col" className={th}>Day</th>
              <th scope="col" className={`${th} text-right`}>Sales</th>
              <th scope="col" className={`${th} text-right`}>Refunds</th>
              <th scope="col" className={`${th} text-right`}>Voids</th>
              <th scope="col" className={`${th} text-right`}>Net</th>
              <th scope="col" className={`${th} text-right`}>Count</th>
              <th scope="col" className={`${th} text-right`}>Flagged</th>
            </tr>
          </thead>
          <tbody>
            {report.days.map((d) => (
              <tr key={d.day} data-testid="settlement-day" data-day={d.day} className="border-b border-slate-100 dark:border-slate-800">
                <th scope="row" className="px-3 py-2 text-left font-normal">{d.day}</th>
                <td className={num}>{money(d.sales)}</td>
                <td className={num}>{money(d.refunds)}</td>
                <td className={num}>{money(d.voids)}</td>
                <td className={num}>{money(d.net)}</td>
                <td className={num}>{d.count}</td>
                <td className={`${num} ${d.flags.length ? "font-semibold text-red-700 dark:text-red-300" : ""}`}>{d.flags.length}</td>
              </tr>
            ))}
          </tbody>
          <tfoot className="font-semibold">
            <tr data-testid="settlement-total">
              <th scope="row" className="px-3 py-2 text-left">Total</th>
              <td className={num}>{money(report.totals.sales)}</td>
              <td className={num}>{money(report.totals.refunds)}</td>
              <td className={num}>{money(report.totals.voids)}</td>
              <td className={num}>{money(report.totals.net)}</td>
              <td className={num}>{report.totals.count}</td>
              <td className={num}>{report.totals.flags}</td>
            </tr>
          </tfoot>
        </table>
      </ScrollBox>

      <section aria-labelledby="flagged-heading" className="space-y-2">
        <h2 id="flagged-heading" className="text-lg font-semibold">
          Flagged rows
        </h2>
        {flags.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="settlement-no-flags">
            The gateway and Keyed agree on every transaction of these days.
          </p>
        ) : (
          <ScrollBox label="Flagged rows" className="rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 print:border-0">
            <table className="w-full text-sm">
              <caption className="sr-only">Rows the gateway and Keyed disagree on</caption>
              <thead className="border-b border-slate-200 dark:border-slate-700 text-slate-600 dark:text-slate-400">
                <tr>
                  <th scope="col" className={th}>Day</th>
                  <th scope="col" className={th}>Why</th>
                  <th scope="col" className={th}>Kind</th>
                  <th scope="col" className={`${th} text-right`}>Amount</th>
                  <th scope="col" className={th}>In Keyed</th>
                  <th scope="col" className={th}>Gateway id</th>
                  <th scope="col" className={th}>Settled by the gateway</th>
                </tr>
              </thead>
              <tbody>
                {flags.map((f, i) => (
                  <tr key={`${f.transactionId ?? f.gatewayTransactionId}-${i}`} data-testid="settlement-flag" data-reason={f.reason} className="border-b border-slate-100 dark:border-slate-800">
                    <td className="px-3 py-2">{f.day}</td>
                    <td className="px-3 py-2">{FLAG_LABELS[f.reason]}</td>
                    <td className="px-3 py-2">{f.kind in KIND_LABELS ? KIND_LABELS[f.kind as keyof typeof KIND_LABELS] : f.kind}</td>
                    <td className={num}>{money(f.amount)}</td>
                    <td className="px-3 py-2">
                      {f.transactionId && links ? (
                        <Link href={`/transactions/${f.transactionId}`} className="underline">
                          {f.keyedStatus ? statusLabel(f.keyedStatus) : "Open"}
                        </Link>
                      ) : f.keyedStatus ? (
                        statusLabel(f.keyedStatus)
                      ) : (
                        "No record"
                      )}
                    </td>
                    <td className="px-3 py-2 font-mono text-xs">{f.gatewayTransactionId ?? "—"}</td>
                    <td className="px-3 py-2">{f.gatewaySettledAt ? formatDateTime(f.gatewaySettledAt, { timeZone }) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
        )}
      </section>
    </div>
  );
}

export function sourceNote(report: SettlementReport): string {
  return report.source === "listing"
    ? "From the gateway's own transaction report."
    : "The gateway has no settlement listing: Keyed asked it about each open transaction.";
}
