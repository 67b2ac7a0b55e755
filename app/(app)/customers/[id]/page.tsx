import Link from "next/link";
import { SavedCardList } from "@/components/customers/saved-card-list";
import { BillingBlock } from "@/components/payments/billing-block";
import { CardLabel } from "@/components/payments/card-label";
import { KIND_LABELS } from "@/components/payments/format";
import { formatDateTime } from "@/lib/time";
import { StatusBadge } from "@/components/payments/status-badge";
import { db } from "@/lib/db";
import { formatMoney } from "@/lib/money";
import { customerTransactions } from "@/lib/services/customers";
import { getMerchantSettings } from "@/lib/services/settings";
import { requirePageRole } from "@/lib/session";
import { loadCustomerOr404 } from "./load";

export const metadata = { title: "Customer" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  await requirePageRole("clerk");
  const { id } = await params;
  const [customer, transactions, merchant] = await Promise.all([loadCustomerOr404(id), customerTransactions(db, id, 50), getMerchantSettings(db)]);
  return (
    <section className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <p className="text-sm">
            <Link href="/customers" className="text-brand-700 dark:text-brand-300 hover:underline">
              ← Customers
            </Link>
          </p>
          <h1 className="text-2xl font-semibold">{customer.name}</h1>
          {customer.company && <p className="text-slate-600 dark:text-slate-400">{customer.company}</p>}
        </div>
        <div className="flex gap-2">
          <Link href={`/terminal?customer=${customer.id}`} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
            New sale
          </Link>
          {customer.cards.length > 0 && (
            <Link href={`/schedules/new?customer=${customer.id}`} className="rounded-md border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-4 py-2 text-sm hover:bg-slate-50 dark:hover:bg-slate-800">
              Set up recurring
            </Link>
          )}
          <Link href={`/schedules?customer=${customer.id}`} className="rounded-md border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-4 py-2 text-sm hover:bg-slate-50 dark:hover:bg-slate-800">
            Schedules
          </Link>
          <Link href={`/customers/${customer.id}/edit`} className="rounded-md border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-4 py-2 text-sm hover:bg-slate-50 dark:hover:bg-slate-800">
            Edit
          </Link>
        </div>
      </div>

      <div className="rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-5">
        <h2 className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">Billing details</h2>
        <BillingBlock billing={customer.billing} />
      </div>

      <div className="rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-5">
        <h2 className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">Saved cards</h2>
        <SavedCardList customerId={customer.id} cards={customer.cards} timeZone={merchant.timeZone} />
      </div>

      <div className="rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-5">
        <h2 className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">Transactions (latest 50)</h2>
        {transactions.length === 0 ? (
          <p className="text-sm text-slate-500 dark:text-slate-400">No transactions yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">
                <tr>
                  <th className="py-2 pr-3 font-medium">Time</th>
                  <th className="py-2 pr-3 font-medium">Type</th>
                  <th className="py-2 pr-3 font-medium">Status</th>
                  <th className="py-2 pr-3 text-right font-medium">Amount</th>
                  <th className="py-2 pr-3 font-medium">Card</th>
                  <th className="py-2 font-medium">Order</th>
                </tr>
              </thead>
              <tbody>
                {transactions.map((t) => (
                  <tr key={t.id} className="border-t border-slate-100 dark:border-slate-800" data-testid="customer-transaction">
                    <td className="py-2 pr-3">
                      <Link href={`/transactions/${t.id}`} className="text-brand-700 dark:text-brand-300 hover:underline">
                        {formatDateTime(t.createdAt, { timeZone: merchant.timeZone, seconds: true })}
                      </Link>
                    </td>
                    <td className="py-2 pr-3">{KIND_LABELS[t.kind]}</td>
                    <td className="py-2 pr-3">
                      <StatusBadge status={t.displayStatus} />
                    </td>
                    <td className="py-2 pr-3 text-right tabular-nums">{formatMoney(t.amount, t.currency)}</td>
                    <td className="py-2 pr-3">{t.cardLast4 ? <CardLabel brand={t.cardBrand} last4={t.cardLast4} /> : "—"}</td>
                    <td className="py-2">{t.orderId ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}
