import { redirect } from "next/navigation";
import { Suspense } from "react";
import { Alert } from "@/components/ui/alert";
import { containsCardNumber, SEARCH_BY_LAST4 } from "@/lib/card";
import { HistoryView } from "@/components/transactions/history-view";
import { hasRole } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { getMerchantSettings } from "@/lib/services/settings";
import { customerName, historyChoices } from "@/lib/services/transactions/list";
import { requirePageRole } from "@/lib/session";

export const metadata = { title: "Transactions" };

/** Filters a card number could be typed into: one there is never searched for, shown back or requested. */
const FREE_TEXT_FILTERS = ["q", "order"] as const;

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageRole("clerk");
  const sp = await searchParams;
  if (FREE_TEXT_FILTERS.some((name) => typeof sp[name] === "string" && containsCardNumber(sp[name]))) {
    const kept = new URLSearchParams(Object.entries(sp).flatMap(([k, v]) => (typeof v === "string" && !(FREE_TEXT_FILTERS as readonly string[]).includes(k) ? [[k, v]] : [])));
    kept.set("refused", "card-number");
    redirect(`/transactions?${kept}`);
  }
  const customer = sp.customer;
  const [choices, settings, customerLabel] = await Promise.all([
    historyChoices(db),
    getMerchantSettings(db),
    typeof customer === "string" && customer ? customerName(db, customer) : null,
  ]);
  return (
    <Suspense>
      {sp.refused === "card-number" && (
        <div className="mb-4">
          <Alert tone="error">{SEARCH_BY_LAST4}</Alert>
        </div>
      )}
      <HistoryView choices={choices} timeZone={settings.timeZone} canExport={hasRole(user.role, "manager")} customerLabel={customerLabel} />
    </Suspense>
  );
}
