import { CustomerForm } from "@/components/customers/customer-form";
import { isCountryCode } from "@/lib/countries";
import { db } from "@/lib/db";
import { getMerchantSettings } from "@/lib/services/settings";
import { requirePageRole } from "@/lib/session";

export const metadata = { title: "New customer" };

export default async function Page() {
  await requirePageRole("clerk");
  const { billingCountry } = await getMerchantSettings(db);
  return (
    <section className="mx-auto flex max-w-3xl flex-col gap-4">
      <h1 className="text-2xl font-semibold">New customer</h1>
      <CustomerForm country={isCountryCode(billingCountry) ? billingCountry : "US"} />
    </section>
  );
}
