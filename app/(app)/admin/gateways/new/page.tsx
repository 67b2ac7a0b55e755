import { GatewayAccountForm } from "@/components/admin/gateway-account-form";
import { db } from "@/lib/db";
import { gatewayKindOptions } from "@/lib/services/gateway-accounts";
import { getMerchantSettings } from "@/lib/services/settings";
import { requirePageRole } from "@/lib/session";

export const metadata = { title: "New gateway account" };

export default async function Page() {
  await requirePageRole("admin");
  const { timeZone } = await getMerchantSettings(db);
  return (
    <section className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">New gateway account</h1>
      <GatewayAccountForm kinds={gatewayKindOptions()} timeZone={timeZone} />
    </section>
  );
}
