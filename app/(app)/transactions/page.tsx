import { Suspense } from "react";
import { HistoryView } from "@/components/transactions/history-view";
import { hasRole } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { getMerchantSettings } from "@/lib/services/settings";
import { customerName, historyChoices } from "@/lib/services/transactions/list";
import { requirePageRole } from "@/lib/session";

export const metadata = { title: "Transactions" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageRole("clerk");
  const customer = (await searchParams).customer;
  const [choices, settings, customerLabel] = await Promise.all([
    historyChoices(db),
    getMerchantSettings(db),
    typeof customer === "string" && customer ? customerName(db, customer) : null,
  ]);
  return (
    <Suspense>
      <HistoryView choices={choices} timeZone={settings.timeZone} canExport={hasRole(user.role, "manager")} customerLabel={customerLabel} />
    </Suspense>
  );
}
