import Link from "next/link";
import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { countryName } from "@/lib/countries";
import { listCustomers } from "@/lib/services/customers";
import { customerSearchSchema } from "@/lib/validation/customer";
import { CustomerSearch } from "@/components/customers/customer-search";
import { DATA_ROW, DataTable, EmptyState } from "@/components/ui/data-table";
import { requirePageRole } from "@/lib/session";

export const metadata = { title: "Customers" };

const first = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

export default async function Page({ searchParams }: { searchParams: Promise<{ q?: string | string[]; page?: string | string[]; refused?: string | string[] }> }) {
  await requirePageRole("clerk");
  const sp = await searchParams;
  // A search that holds a card number (typed into the URL, or from an old link) is neither run nor
  // shown back, and leaves the address bar: the page says how to search instead.
  const search = customerSearchSchema.safeParse({ q: (first(sp.q) ?? "").slice(0, 100) });
  if (!search.success) redirect("/customers?refused=card-number");
  const refused = first(sp.refused) === "card-number";
  const q = search.data.q;
  const { rows, total, page, pageSize } = await listCustomers(db, { q, page: Number(first(sp.page) ?? 1) || 1 });
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const pageHref = (p: number) => `/customers?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) })}`;

  return (
    <section className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Customers</h1>
        <Link href="/customers/new" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          New customer
        </Link>
      </div>
      <CustomerSearch initial={q} refused={refused} />
      {rows.length === 0 ? (
        <EmptyState>{q ? `No customer matches “${q}”.` : "No customers yet. They are added here or when a sale is run for a new customer."}</EmptyState>
      ) : (
        <DataTable
          label="Customers"
          head={
            <tr>
              <th className="px-4 py-2 font-medium">Name</th>
              <th className="px-4 py-2 font-medium">Email</th>
              <th className="px-4 py-2 font-medium">Phone</th>
              <th className="px-4 py-2 font-medium">Location</th>
              <th className="px-4 py-2 text-right font-medium">Saved cards</th>
            </tr>
          }
        >
          {rows.map((c) => (
            <tr key={c.id} className={`${DATA_ROW} hover:bg-slate-50 dark:hover:bg-slate-800`}>
              <td className="px-4 py-2">
                <Link href={`/customers/${c.id}`} className="font-medium text-brand-700 dark:text-brand-300 hover:underline">
                  {c.name}
                </Link>
                {c.company && <span className="ml-2 text-slate-500 dark:text-slate-400">{c.company}</span>}
              </td>
              <td className="px-4 py-2">{c.email ?? "—"}</td>
              <td className="px-4 py-2">{c.phone ?? "—"}</td>
              <td className="px-4 py-2">
                {c.city}, {countryName(c.country)}
              </td>
              <td className="px-4 py-2 text-right tabular-nums">{c.cardCount}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {pages > 1 && (
        <nav aria-label="Pages" className="flex items-center gap-3 text-sm">
          {page > 1 && <Link href={pageHref(page - 1)}>← Previous</Link>}
          <span className="text-slate-600 dark:text-slate-400">
            Page {page} of {pages} ({total} customers)
          </span>
          {page < pages && <Link href={pageHref(page + 1)}>Next →</Link>}
        </nav>
      )}
    </section>
  );
}
