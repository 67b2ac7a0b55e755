import { GatewayAccountForm } from "@/components/admin/gateway-account-form";
import { gatewayKindOptions } from "@/lib/services/gateway-accounts";
import { requirePageRole } from "@/lib/session";

export const metadata = { title: "New gateway account" };

export default async function Page() {
  await requirePageRole("admin");
  return (
    <section className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">New gateway account</h1>
      <GatewayAccountForm kinds={gatewayKindOptions()} />
    </section>
  );
}
