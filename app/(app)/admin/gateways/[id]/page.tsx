import { notFound } from "next/navigation";
import { GatewayAccountForm } from "@/components/admin/gateway-account-form";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/services/errors";
import { gatewayKindOptions, getGatewayAccount } from "@/lib/services/gateway-accounts";
import { requirePageRole } from "@/lib/session";

export const metadata = { title: "Edit gateway account" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  await requirePageRole("admin");
  const { id } = await params;
  const account = await getGatewayAccount(db, id).catch((err: unknown) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
  return (
    <section className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">{account.label}</h1>
      {!account.active && <p className="text-sm text-slate-600">This account is deactivated: the terminal does not offer it.</p>}
      <GatewayAccountForm kinds={gatewayKindOptions()} account={account} />
    </section>
  );
}
