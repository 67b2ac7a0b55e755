import { notFound } from "next/navigation";
import { brandLabel } from "@/components/payments/card-label";
import { KIND_LABELS } from "@/components/payments/format";
import { formatDateTime } from "@/lib/time";
import { PrintButton } from "@/components/payments/print-button";
import { statusLabel } from "@/components/payments/status-badge";
import { db } from "@/lib/db";
import { formatMoney } from "@/lib/money";
import { getMerchantSettings } from "@/lib/services/settings";
import { getTransactionView } from "@/lib/services/transactions/detail";
import { requirePageRole } from "@/lib/session";

export const metadata = { title: "Receipt" };

function Row({ label, value }: { label: string; value: string | null }) {
  if (!value) return null;
  return (
    <div className="flex justify-between gap-4 py-1">
      <dt className="text-slate-600">{label}</dt>
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
    <main className="mx-auto my-8 max-w-sm rounded-lg border border-slate-200 bg-white p-6 font-mono text-sm shadow-sm print:my-0 print:border-0 print:shadow-none">
      <h1 className="text-center text-lg font-bold" data-testid="merchant-name">
        {merchant.merchantName}
      </h1>
      <p className="mb-4 text-center text-xs text-slate-500">{view.account.mode === "test" ? "TEST TRANSACTION — NO MONEY MOVED" : "Customer copy"}</p>
      <p className="text-center text-2xl font-bold" data-testid="receipt-amount">
        {formatMoney(view.amount, view.currency)}
      </p>
      <p className="mb-4 text-center font-semibold uppercase">
        {KIND_LABELS[view.kind]} {statusLabel(view.displayStatus)}
      </p>
      <dl className="border-t border-dashed border-slate-300 pt-2">
        <Row label="Card" value={card} />
        <Row label="Cardholder" value={name} />
        <Row label="Auth code" value={view.authCode} />
        <Row label="Transaction" value={view.gatewayTransactionId} />
        <Row label="Order" value={view.orderId} />
        <Row label="Date" value={formatDateTime(view.createdAt, { timeZone: merchant.timeZone, seconds: true })} />
        <Row label="Clerk" value={view.user.name} />
      </dl>
      {view.description && <p className="mt-2 border-t border-dashed border-slate-300 pt-2">{view.description}</p>}
      <p className="mt-4 text-center text-xs text-slate-500">Thank you.</p>
      <div className="mt-4 flex justify-center">
        <PrintButton />
      </div>
    </main>
  );
}
