import Link from "next/link";
import { ScheduleForm } from "@/components/schedules/schedule-form";
import { db } from "@/lib/db";
import { todayIn } from "@/lib/recurring/schedule-dates";
import { scheduleCardsFor } from "@/lib/services/recurring";
import { getMerchantSettings } from "@/lib/services/settings";
import { requirePageRole } from "@/lib/session";
import { loadCustomerOr404 } from "../../customers/[id]/load";

export const metadata = { title: "Set up recurring payments" };

const first = (v: string | string[] | undefined) => (typeof v === "string" ? v.slice(0, 200) : undefined);

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageRole("clerk");
  const sp = await searchParams;
  const customerId = first(sp.customer);
  if (!customerId) {
    return (
      <section className="flex flex-col gap-4">
        <h1 className="text-2xl font-semibold">Set up recurring payments</h1>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          Recurring payments charge a customer&apos;s saved card. Open the customer from{" "}
          <Link href="/customers" className="text-brand-700 underline dark:text-brand-300">
            Customers
          </Link>{" "}
          and choose “Set up recurring”.
        </p>
      </section>
    );
  }
  const [customer, cards, merchant] = await Promise.all([loadCustomerOr404(customerId), scheduleCardsFor(db, customerId), getMerchantSettings(db)]);
  return (
    <section className="flex flex-col gap-4">
      <div>
        <p className="text-sm">
          <Link href={`/customers/${customer.id}`} className="text-brand-700 dark:text-brand-300 hover:underline">
            ← {customer.name}
          </Link>
        </p>
        <h1 className="text-2xl font-semibold">Set up recurring payments for {customer.name}</h1>
      </div>
      <ScheduleForm
        customerId={customer.id}
        cards={cards}
        today={todayIn(new Date(), merchant.timeZone)}
        initial={{ paymentMethodId: first(sp.card), amount: first(sp.amount), description: first(sp.description) }}
      />
    </section>
  );
}
