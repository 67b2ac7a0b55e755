import { CustomerForm } from "@/components/customers/customer-form";
import { requirePageRole } from "@/lib/session";
import { loadCustomerOr404 } from "../load";

export const metadata = { title: "Edit customer" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  await requirePageRole("clerk");
  const { id } = await params;
  const customer = await loadCustomerOr404(id);
  return (
    <section className="mx-auto flex max-w-3xl flex-col gap-4">
      <h1 className="text-2xl font-semibold">Edit {customer.name}</h1>
      <CustomerForm id={customer.id} initial={{ ...customer.billing, company: customer.company ?? "" }} />
    </section>
  );
}
