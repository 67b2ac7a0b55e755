import Link from "next/link";
import { notFound } from "next/navigation";
import { AccountFailure } from "@/components/admin/account-failure";
import { GatewayAccountForm } from "@/components/admin/gateway-account-form";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/services/errors";
import { gatewayKindOptions, getGatewayAccount } from "@/lib/services/gateway-accounts";
import { getMerchantSettings } from "@/lib/services/settings";
import { requirePageRole } from "@/lib/session";

export const metadata = { title: "Edit gateway account" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  await requirePageRole("admin");
  const { id } = await params;
  const [account, { timeZone }] = await Promise.all([
    getGatewayAccount(db, id).catch((err: unknown) => {
      if (err instanceof NotFoundError) notFound();
      throw err;
    }),
    getMerchantSettings(db),
  ]);
  return (
    <section className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">{account.label}</h1>
      {!account.active && <p className="text-sm text-slate-600 dark:text-slate-400">This account is deactivated: the terminal does not offer it.</p>}
      {account.configFailure && <AccountFailure failure={account.configFailure} timeZone={timeZone} />}
      <p className="text-sm">
        <Link href={`/admin/gateways/${account.id}/risk`} className="text-brand-700 underline dark:text-brand-300">
          AVS/CVV and repeat-sale rules
        </Link>
      </p>
      <GatewayAccountForm kinds={gatewayKindOptions()} account={account} timeZone={timeZone} />
    </section>
  );
}
