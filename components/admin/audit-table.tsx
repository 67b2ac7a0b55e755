import Link from "next/link";
import { describeDetails, targetHref } from "@/lib/audit-details";
import type { AuditEventView } from "@/lib/services/audit-log";
import { DATA_ROW, DataTable, EmptyState } from "@/components/ui/data-table";
import { formatDateTime } from "@/lib/time";

export function AuditTable({ events, timeZone, filtered }: { events: AuditEventView[]; timeZone: string; filtered: boolean }) {
  if (events.length === 0) {
    return <EmptyState>{filtered ? "No events match this filter." : "Nothing has been recorded yet."}</EmptyState>;
  }
  return (
    <DataTable
      label="Audit events"
      head={
        <tr>
          <th className="px-4 py-2">Time ({timeZone})</th>
          <th className="px-4 py-2">Actor</th>
          <th className="px-4 py-2">Action</th>
          <th className="px-4 py-2">Target</th>
          <th className="px-4 py-2">Details</th>
          <th className="px-4 py-2">IP</th>
        </tr>
      }
    >
      {events.map((e) => (
        <tr key={e.id} className={DATA_ROW}>
          <td className="whitespace-nowrap px-4 py-2">{formatDateTime(e.createdAt, { timeZone, seconds: true })}</td>
          <td className="px-4 py-2">{e.actorEmail ?? <span className="text-slate-500 dark:text-slate-400">system</span>}</td>
          <td className="px-4 py-2 font-mono text-xs">{e.action}</td>
          <td className="px-4 py-2 text-xs">
            <Target type={e.targetType} id={e.targetId} />
          </td>
          <td className="max-w-md px-4 py-2">
            <Details details={e.details} />
          </td>
          <td className="px-4 py-2 text-xs">{e.ip}</td>
        </tr>
      ))}
    </DataTable>
  );
}

function Target({ type, id }: { type: string | null; id: string | null }) {
  if (!type) return null;
  const href = targetHref(type, id);
  const text = `${type} ${id ?? ""}`.trim();
  return href ? (
    <Link href={href} className="text-brand-700 underline dark:text-brand-300">
      {text}
    </Link>
  ) : (
    <>{text}</>
  );
}

function Details({ details }: { details: unknown }) {
  const items = describeDetails(details);
  if (items.length === 0) return null;
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs" data-testid="audit-details">
      {items.map((item, i) => (
        <div key={i} className="contents">
          <dt className="text-slate-500 dark:text-slate-400">{item.label}</dt>
          <dd className="break-words text-slate-800 dark:text-slate-200">
            {item.href ? (
              <Link href={item.href} className="text-brand-700 underline dark:text-brand-300">
                {item.value}
              </Link>
            ) : (
              item.value
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
