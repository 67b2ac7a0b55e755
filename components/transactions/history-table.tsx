"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { CardLabel } from "@/components/payments/card-label";
import { KIND_LABELS } from "@/components/payments/format";
import { StatusBadge } from "@/components/payments/status-badge";
import { formatMoney } from "@/lib/money";
import type { HistoryRow } from "@/lib/services/transactions/list";
import { formatDateTime } from "@/lib/time";

// Amount next to the time, so a phone shows both without scrolling the table sideways.
const HEADERS = ["Time", "Amount", "Status", "Kind", "Customer", "Card", "Gateway account", "Auth code", "Run by"];

export function HistoryTable({ rows, timeZone, customerHref }: { rows: HistoryRow[]; timeZone: string; customerHref: (id: string) => string }) {
  const router = useRouter();
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 dark:divide-slate-700 text-sm" data-testid="history-table">
        <thead className="bg-slate-50 dark:bg-slate-800">
          <tr>
            {HEADERS.map((h) => (
              <th key={h} scope="col" className={`px-3 py-2 text-left font-medium text-slate-600 dark:text-slate-400 ${h === "Amount" ? "text-right" : ""}`}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {rows.map((r) => (
            <tr
              key={r.id}
              data-testid="history-row"
              data-id={r.id}
              className="cursor-pointer hover:bg-slate-50 dark:hover:bg-slate-800"
              onClick={(e) => {
                if ((e.target as HTMLElement).closest("a")) return;
                router.push(`/transactions/${r.id}`);
              }}
            >
              <td className="whitespace-nowrap px-3 py-2">
                <Link href={`/transactions/${r.id}`} className="font-medium text-brand-700 dark:text-brand-300 underline-offset-2 hover:underline">
                  {formatDateTime(r.createdAt, { timeZone: timeZone })}
                </Link>
              </td>
              <td data-testid="history-amount" className="whitespace-nowrap px-3 py-2 text-right tabular-nums">
                {formatMoney(r.amount, r.currency)} <span className="text-xs text-slate-500 dark:text-slate-400">{r.currency}</span>
              </td>
              <td className="px-3 py-2">
                <StatusBadge status={r.displayStatus} />
              </td>
              <td className="px-3 py-2">{KIND_LABELS[r.kind]}</td>
              <td className="px-3 py-2">
                {r.customer ? (
                  <Link href={customerHref(r.customer.id)} className="hover:underline" title="Show only this customer's transactions">
                    {r.customer.name}
                  </Link>
                ) : (
                  <span className="text-slate-500 dark:text-slate-400">—</span>
                )}
              </td>
              <td className="px-3 py-2">{r.card.last4 ? <CardLabel brand={r.card.brand} last4={r.card.last4} /> : <span className="text-slate-500 dark:text-slate-400">—</span>}</td>
              <td className="px-3 py-2">{r.account.label}</td>
              <td className="px-3 py-2 font-mono">{r.authCode ?? "—"}</td>
              <td className="px-3 py-2">{r.user}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
