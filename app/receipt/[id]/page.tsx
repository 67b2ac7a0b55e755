import { notFound } from "next/navigation";
import { brandLabel } from "@/components/payments/card-label";
import { KIND_LABELS } from "@/components/payments/format";
import { formatDateTime } from "@/lib/time";
import { PrintButton } from "@/components/payments/print-button";
import { statusLabel } from "@/components/payments/status-badge";
import { db } from "@/lib/db";
import { itemDetail, level2Rows } from "@/lib/level23-text";
import { formatMoney } from "@/lib/money";
import { getMerchantSettings } from "@/lib/services/settings";
import { getTransactionView } from "@/lib/services/transactions/detail";
import { requirePageRole } from "@/lib/session";

export const metadata = { title: "Receipt" };

function Row({ label, value }: { label: string; value: string | null }) {
  if (!value) return null;
  return (
    <div className="flex justify-between gap-4 py-1">
      <dt className="text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className="text-right font-medium">{value}</dd>
    </div>
  );
}

/** A printable receipt: masked card only (last 4), never the number. */
export default async function ReceiptPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageRole("clerk");
  const { id } = await params;
  const [view, merchant] = await Promise.all([getTransactionView(db, id), getMerchantSettings(db)]);
  if (!view) notFound();
  const card = view.card.last4 ? `${brandLabel(view.card.brand)} •••• ${view.card.last4}` : null;
  const name = view.billing ? `${view.billing.firstName} ${view.billing.lastName}` : (view.customer?.name ?? null);
  return (
    <main className="mx-auto my-8 max-w-sm rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-6 font-mono text-sm shadow-sm print:my-0 print:border-0 print:shadow-none">
      <h1 className="text-center text-lg font-bold" data-testid="merchant-name">
        {merchant.merchantName}
      </h1>
      {(merchant.merchantAddress || merchant.merchantPhone) && (
        <p className="text-center text-xs" data-testid="merchant-contact">
          {merchant.merchantAddress}
          {merchant.merchantAddress && merchant.merchantPhone && <br />}
          {merchant.merchantPhone}
        </p>
      )}
      <p className="mb-4 text-center text-xs text-slate-500 dark:text-slate-400">{view.account.mode === "test" ? "TEST TRANSACTION — NO MONEY MOVED" : "Customer copy"}</p>
      <p className="text-center text-2xl font-bold" data-testid="receipt-amount">
        {formatMoney(view.amount, view.currency)}
      </p>
      <p className="mb-4 text-center font-semibold uppercase">
        {KIND_LABELS[view.kind]} {statusLabel(view.displayStatus)}
      </p>
      <dl className="border-t border-dashed border-slate-300 dark:border-slate-600 pt-2">
        <Row label="Card" value={card} />
        <Row label="Cardholder" value={name} />
        <Row label="Auth code" value={view.authCode} />
        <Row label="Receipt no." value={view.reference} />
        <Row label="Order" value={view.orderId} />
        <Row label="Date" value={formatDateTime(view.createdAt, { timeZone: merchant.timeZone, seconds: true })} />
        <Row label="Clerk" value={view.user.name} />
      </dl>
      {view.level23 && (
        <div className="mt-2 border-t border-dashed border-slate-300 pt-2 dark:border-slate-600" data-testid="receipt-level23">
          <dl>
            {level2Rows(view.level23, view.currency).map(([label, value]) => (
              <Row key={label} label={label} value={value} />
            ))}
          </dl>
          {view.level23.order && (
            <ul className="mt-1" aria-label="Line items">
              {view.level23.order.items.map((item, i) => (
                <li key={i} className="py-1">
                  <div className="flex justify-between gap-4">
                    <span>{item.description}</span>
                    <span className="text-right">{formatMoney(item.netAmount, view.currency)}</span>
                  </div>
                  <div className="text-xs text-slate-500 dark:text-slate-400">{itemDetail(item, view.currency)}</div>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {view.description && <p className="mt-2 border-t border-dashed border-slate-300 dark:border-slate-600 pt-2">{view.description}</p>}
      <p className="mt-4 text-center text-xs text-slate-500 dark:text-slate-400">Thank you.</p>
      <div className="mt-4 flex justify-center">
        <PrintButton />
      </div>
    </main>
  );
}
