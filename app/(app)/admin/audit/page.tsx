import { AuditFilters } from "@/components/admin/audit-filters";
import { AuditTable } from "@/components/admin/audit-table";
import { Alert } from "@/components/ui/alert";
import { fieldErrorsOf } from "@/lib/action-result";
import { db } from "@/lib/db";
import { auditFilterOptions, listAuditEvents } from "@/lib/services/audit-log";
import { getMerchantSettings } from "@/lib/services/settings";
import { requirePageRole } from "@/lib/session";
import { auditFilterSchema, type AuditFilter } from "@/lib/validation/admin";

export const metadata = { title: "Audit log" };

type Search = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

export default async function Page({ searchParams }: { searchParams: Promise<Search> }) {
  await requirePageRole("admin");
  const params = await searchParams;
  const raw = { actor: first(params.actor), action: first(params.action), from: first(params.from), to: first(params.to) };
  const parsed = auditFilterSchema.safeParse(raw);
  const filter: AuditFilter = parsed.success ? parsed.data : {};
  const errors = parsed.success ? {} : fieldErrorsOf(parsed.error);
  const after = first(params.after);

  const [{ timeZone }, options] = await Promise.all([getMerchantSettings(db), auditFilterOptions(db)]);
  const page = await listAuditEvents(db, filter, { timeZone, after });

  const query = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
  const exportHref = `/api/admin/audit/export${query.size ? `?${query}` : ""}`;
  const nextHref = page.nextCursor ? `/admin/audit?${new URLSearchParams([...query, ["after", page.nextCursor]])}` : null;

  return (
    <section className="flex flex-col gap-4">
      <div className="flex items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold">Audit log</h1>
        <a href={exportHref} className="rounded-md border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-4 py-2 text-sm font-medium hover:bg-slate-50 dark:hover:bg-slate-800" download>
          Export CSV
        </a>
      </div>
      <AuditFilters values={raw} errors={errors} options={options} timeZone={timeZone} />
      {!parsed.success && <Alert tone="error">Fix the filter to see results.</Alert>}
      <AuditTable events={page.events} timeZone={timeZone} filtered={query.size > 0} />
      <div className="flex gap-3 text-sm">
        {after && (
          <a href={`/admin/audit${query.size ? `?${query}` : ""}`} className="text-brand-600 dark:text-brand-300 underline">
            Newest
          </a>
        )}
        {nextHref && (
          <a href={nextHref} className="text-brand-600 dark:text-brand-300 underline">
            Older events
          </a>
        )}
      </div>
    </section>
  );
}
