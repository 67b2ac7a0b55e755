import Link from "next/link";
import { ADMIN_SECTIONS } from "@/components/admin/sections";
import { requirePageRole } from "@/lib/session";

export const metadata = { title: "Administration" };

export default async function Page() {
  await requirePageRole("admin");
  return (
    <section className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">Administration</h1>
      <ul className="grid gap-4 sm:grid-cols-2">
        {ADMIN_SECTIONS.map((s) => (
          <li key={s.href}>
            <Link href={s.href} className="block h-full rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-5 shadow-sm hover:border-brand-500">
              <h2 className="font-semibold text-brand-700 dark:text-brand-300">{s.title}</h2>
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{s.description}</p>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
