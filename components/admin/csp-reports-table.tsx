import { DATA_ROW, DataTable, EmptyState } from "@/components/ui/data-table";
import type { CspReportView } from "@/lib/services/csp-reports";
import { formatDateTime } from "@/lib/time";

export function CspReportsTable({ reports, timeZone }: { reports: CspReportView[]; timeZone: string }) {
  if (reports.length === 0) {
    return <EmptyState>No browser has reported a blocked script or resource.</EmptyState>;
  }
  return (
    <DataTable
      label="Content-Security-Policy reports"
      head={
        <tr>
          <th className="px-4 py-2">Directive</th>
          <th className="px-4 py-2">Blocked</th>
          <th className="px-4 py-2">Page</th>
          <th className="px-4 py-2 text-right">Reports</th>
          <th className="px-4 py-2">First seen ({timeZone})</th>
          <th className="px-4 py-2">Last seen</th>
        </tr>
      }
    >
      {reports.map((r) => (
        <tr key={r.id} className={DATA_ROW}>
          <td className="px-4 py-2 font-mono text-xs">{r.directive}</td>
          <td className="max-w-xs break-all px-4 py-2 font-mono text-xs">{r.blockedUri}</td>
          <td className="max-w-xs break-all px-4 py-2 font-mono text-xs">{r.documentUri}</td>
          <td className="px-4 py-2 text-right tabular-nums">{r.count}</td>
          <td className="whitespace-nowrap px-4 py-2">{formatDateTime(r.firstSeen, { timeZone, seconds: true })}</td>
          <td className="whitespace-nowrap px-4 py-2">{formatDateTime(r.lastSeen, { timeZone, seconds: true })}</td>
        </tr>
      ))}
    </DataTable>
  );
}
