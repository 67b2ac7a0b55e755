import { notFound } from "next/navigation";
import { ResultScreen } from "@/components/terminal/result-screen";
import { db } from "@/lib/db";
import { hasRole } from "@/lib/auth/roles";
import { requirePageRole } from "@/lib/session";
import { getMerchantSettings } from "@/lib/services/settings";
import { getTransactionView } from "@/lib/services/transactions/detail";
import { emailReceiptAction } from "@/app/receipt/actions";

export const metadata = { title: "Payment result" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageRole("clerk");
  const { id } = await params;
  const [view, merchant] = await Promise.all([getTransactionView(db, id), getMerchantSettings(db)]);
  if (!view) notFound();
  return (
    <section className="mx-auto flex max-w-4xl flex-col gap-4">
      <h1 className="text-2xl font-semibold">Payment result</h1>
      <ResultScreen initial={view} timeZone={merchant.timeZone} canVoid={hasRole(user.role, "manager")} emailReceipt={emailReceiptAction} />
    </section>
  );
}
