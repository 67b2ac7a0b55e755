import type { TransactionAuditEntry } from "@/lib/services/transactions/audit";
import { ScrollBox } from "@/components/ui/scroll-box";
import { formatDateTime } from "@/lib/time";

export function AuditTrail({ events, timeZone }: { events: TransactionAuditEntry[]; timeZone: string }) {
  return (
    <section aria-labelledby="audit-title" className="rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-5 shadow-sm">
      <h2 id="audit-title" className="mb-3 text-lg font-semibold">
        Audit events
      </h2>
      {events.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">No audit events for this transaction.</p>
      ) : (
        <ScrollBox label="Audit events table">
          <table className="min-w-full text-sm" data-testid="audit-events">
            <thead>
              <tr className="text-left text-slate-600 dark:text-slate-400">
                <th scope="col" className="py-1 pr-3 font-medium">When</th>
                <th scope="col" className="py-1 pr-3 font-medium">Action</th>
                <th scope="col" className="py-1 pr-3 font-medium">Who</th>
                <th scope="col" className="py-1 font-medium">Details</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {events.map((e) => (
                <tr key={e.id}>
                  <td className="whitespace-nowrap py-1 pr-3 text-slate-500 dark:text-slate-400">{formatDateTime(e.createdAt, { timeZone: timeZone, seconds: true })}</td>
                  <td className="py-1 pr-3 font-mono">{e.action}</td>
                  <td className="py-1 pr-3">{e.actor ?? "—"}</td>
                  <td className="py-1 font-mono text-xs text-slate-600 dark:text-slate-400">{e.details ? JSON.stringify(e.details) : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
    </section>
  );
}
