import Link from "next/link";
import { GatewayAccountsTable } from "@/components/admin/gateway-accounts-table";
import { db } from "@/lib/db";
import { GATEWAYS } from "@/lib/gateways";
import { listGatewayAccounts } from "@/lib/services/gateway-accounts";
import { getMerchantSettings } from "@/lib/services/settings";
import { requirePageRole } from "@/lib/session";

export const metadata = { title: "Gateway accounts" };

export default async function Page() {
  await requirePageRole("admin");
  const [accounts, { timeZone }] = await Promise.all([listGatewayAccounts(db), getMerchantSettings(db)]);
  const kindLabels = Object.fromEntries(Object.values(GATEWAYS).map((g) => [g.kind, g.label]));
  return (
    <section className="flex flex-col gap-4">
      <div className="flex items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold">Gateway accounts</h1>
        <Link href="/admin/gateways/new" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          New account
        </Link>
      </div>
      <GatewayAccountsTable accounts={accounts} kindLabels={kindLabels} timeZone={timeZone} />
    </section>
  );
}
