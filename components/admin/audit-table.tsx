import type { AuditEventView } from "@/lib/services/audit-log";

function formatIn(date: Date, timeZone: string): string {
  return date.toLocaleString("en-US", { timeZone, dateStyle: "medium", timeStyle: "medium" });
}

export function AuditTable({ events, timeZone, filtered }: { events: AuditEventView[]; timeZone: string; filtered: boolean }) {
  if (events.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-600">
        {filtered ? "No events match this filter." : "Nothing has been recorded yet."}
      </p>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm" aria-label="Audit events">
        <thead className="bg-slate-50 text-xs uppercase text-slate-500">
          <tr>
            <th className="px-4 py-2">Time ({timeZone})</th>
            <th className="px-4 py-2">Actor</th>
            <th className="px-4 py-2">Action</th>
            <th className="px-4 py-2">Target</th>
            <th className="px-4 py-2">Details</th>
            <th className="px-4 py-2">IP</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id} className="border-t border-slate-100 align-top">
              <td className="whitespace-nowrap px-4 py-2">{formatIn(e.createdAt, timeZone)}</td>
              <td className="px-4 py-2">{e.actorEmail ?? <span className="text-slate-400">system</span>}</td>
              <td className="px-4 py-2 font-mono text-xs">{e.action}</td>
              <td className="px-4 py-2 text-xs">{e.targetType ? `${e.targetType} ${e.targetId ?? ""}` : ""}</td>
              <td className="max-w-md px-4 py-2">
                {e.details ? <pre className="whitespace-pre-wrap break-all font-mono text-xs text-slate-600">{JSON.stringify(e.details)}</pre> : null}
              </td>
              <td className="px-4 py-2 text-xs">{e.ip}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
