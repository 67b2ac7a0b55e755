import { CustomerForm } from "@/components/customers/customer-form";
import { requirePageRole } from "@/lib/session";

export const metadata = { title: "New customer" };

export default async function Page() {
  await requirePageRole("clerk");
  return (
    <section className="mx-auto flex max-w-3xl flex-col gap-4">
      <h1 className="text-2xl font-semibold">New customer</h1>
      <CustomerForm />
    </section>
  );
}
