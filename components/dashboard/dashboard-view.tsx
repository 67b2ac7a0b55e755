import Link from "next/link";
import type { ReactNode } from "react";
import { formatMoney } from "@/lib/money";
import { ATTENTION_CAP, type Dashboard, type MoneyTotals } from "@/lib/services/dashboard";
import { filtersToQuery } from "@/lib/validation/history";
import { VolumeChart } from "./volume-chart";

const card = "rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-4 shadow-sm";
const muted = "text-slate-600 dark:text-slate-400";
const FAULT_LABELS: Record<string, string> = {
  card: "Card (declined, or card details)",
  merchant: "Merchant account setup",
  gateway: "Gateway unavailable",
  request: "Refused request",
  unclassified: "Not classified",
};

function change(current: number, previous: number): string {
  if (previous === 0) return current === 0 ? "no change" : "new";
  const pct = ((current - previous) / Math.abs(previous)) * 100;
  return `${pct >= 0 ? "+" : "−"}${Math.abs(pct).toFixed(1)}%`;
}

function percent(part: number, whole: number): string {
  return whole === 0 ? "—" : `${((part / whole) * 100).toFixed(1)}%`;
}

function Figure({ label, value, previous, delta, testId }: { label: string; value: string; previous: string; delta: string; testId: string }) {
  return (
    <div>
      <dt className={`text-xs uppercase tracking-wide ${muted}`}>{label}</dt>
      <dd className="text-xl font-semibold tabular-nums" data-testid={testId}>
        {value}
      </dd>
      <dd className={`text-xs ${muted}`}>
        before: {previous} ({delta})
      </dd>
    </div>
  );
}

function CurrencyCard({ currency, current, previous, historyHref }: { currency: string; current: MoneyTotals; previous: MoneyTotals; historyHref: string }) {
  const money = (n: number) => formatMoney(n, currency);
  return (
    <section className={card} aria-labelledby={`totals-${currency}`} data-testid={`totals-${currency}`}>
      <h2 id={`totals-${currency}`} className="mb-3 font-semibold">
        {currency}
      </h2>
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
        <Figure label="Sales" value={money(current.salesAmount)} previous={money(previous.salesAmount)} delta={change(current.salesAmount, previous.salesAmount)} testId="sales-amount" />
        <Figure label="Sales count" value={current.salesCount.toLocaleString("en-US")} previous={previous.salesCount.toLocaleString("en-US")} delta={change(current.salesCount, previous.salesCount)} testId="sales-count" />
        <Figure label="Refunds" value={money(current.refundsAmount)} previous={money(previous.refundsAmount)} delta={change(current.refundsAmount, previous.refundsAmount)} testId="refunds-amount" />
        <Figure label="Net" value={money(current.net)} previous={money(previous.net)} delta={change(current.net, previous.net)} testId="net-amount" />
      </dl>
      <p className={`mt-3 text-xs ${muted}`}>
        {current.refundsCount.toLocaleString("en-US")} refunds, {current.voidsCount.toLocaleString("en-US")} voids. Sales are approved sales and captures not voided, as the{" "}
        <Link href={historyHref} className="underline">
          history&apos;s totals
        </Link>{" "}
        count them.
      </p>
    </section>
  );
}

function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className={card} aria-label={title}>
      <h2 className="mb-3 font-semibold">{title}</h2>
      {children}
    </section>
  );
}

export function DashboardView({ data }: { data: Dashboard }) {
  const historyHref = `/transactions?${filtersToQuery({ from: data.from, to: data.to })}`;
  const failuresTotal = data.failures.reduce((s, f) => s + f.count, 0);
  return (
    <div className="space-y-6">
      {data.totals.length === 0 ? (
        <div className={card} data-testid="dashboard-empty">
          <p>No transactions in this period or the one before it.</p>
          <p className={`text-sm ${muted}`}>
            Sales keyed on the{" "}
            <Link href="/terminal" className="underline">
              terminal
            </Link>{" "}
            appear here as soon as the gateway answers.
          </p>
        </div>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          {data.totals.map((t) => (
            <CurrencyCard key={t.currency} {...t} historyHref={historyHref} />
          ))}
        </div>
      )}

      {data.series.map((s) => (
        <section key={s.currency} className={card}>
          <VolumeChart currency={s.currency} points={s.points} unit={data.granularity} />
        </section>
      ))}

      <div className="grid gap-4 lg:grid-cols-3">
        <Panel title="Approval rate by gateway account">
          {data.accounts.length === 0 ? (
            <p className={`text-sm ${muted}`}>No sales or authorizations decided in this period.</p>
          ) : (
            <table className="w-full text-sm" data-testid="approval-rates">
              <thead>
                <tr className={`text-left text-xs uppercase ${muted}`}>
                  <th scope="col" className="py-1">Account</th>
                  <th scope="col" className="py-1 text-right">Approved</th>
                  <th scope="col" className="py-1 text-right">Rate</th>
                </tr>
              </thead>
              <tbody>
                {data.accounts.map((a) => (
                  <tr key={a.accountId} className="border-t border-slate-100 dark:border-slate-800">
                    <th scope="row" className="py-1 text-left font-normal">
                      <Link href={`/transactions?${filtersToQuery({ account: a.accountId, from: data.from, to: data.to })}`} className="underline">
                        {a.label}
                      </Link>
                    </th>
                    <td className="py-1 text-right tabular-nums">
                      {a.approved.toLocaleString("en-US")} / {a.decided.toLocaleString("en-US")}
                    </td>
                    <td className="py-1 text-right font-medium tabular-nums">{percent(a.approved, a.decided)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Panel>
        <Panel title="Failures by cause">
          {data.failures.length === 0 ? (
            <p className={`text-sm ${muted}`}>No declined or failed sales or authorizations in this period.</p>
          ) : (
            <ul className="space-y-1 text-sm" data-testid="failures">
              {data.failures.map((f) => (
                <li key={f.fault} className="flex justify-between gap-2">
                  <span>{FAULT_LABELS[f.fault] ?? f.fault}</span>
                  <span className="tabular-nums">
                    {f.count.toLocaleString("en-US")} ({percent(f.count, failuresTotal)})
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Panel>
        <Panel title="Address and security code checks">
          <dl className="space-y-2 text-sm">
            <div className="flex justify-between gap-2">
              <dt>AVS mismatch (address or ZIP)</dt>
              <dd className="tabular-nums" data-testid="avs-mismatch">
                {percent(data.avs.mismatch, data.avs.checked)} of {data.avs.checked.toLocaleString("en-US")} checked
              </dd>
            </div>
            <div className="flex justify-between gap-2">
              <dt>CVV mismatch</dt>
              <dd className="tabular-nums" data-testid="cvv-mismatch">
                {percent(data.cvv.mismatch, data.cvv.checked)} of {data.cvv.checked.toLocaleString("en-US")} checked
              </dd>
            </div>
          </dl>
        </Panel>
      </div>

      <Panel title="Needs attention">
        <ul className="divide-y divide-slate-100 dark:divide-slate-800 text-sm" data-testid="attention">
          {data.attention.map((a) => (
            <li key={a.key} className="flex items-center justify-between gap-3 py-2">
              <Link href={a.href} className="underline">
                {a.label}
              </Link>
              <span className={`tabular-nums font-medium ${a.count === 0 ? muted : "text-amber-800 dark:text-amber-300"}`} data-testid={`attention-${a.key}`}>
                {a.count > ATTENTION_CAP ? `${ATTENTION_CAP.toLocaleString("en-US")}+` : a.count.toLocaleString("en-US")}
              </span>
            </li>
          ))}
        </ul>
      </Panel>
    </div>
  );
}
