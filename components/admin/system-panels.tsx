import type { FailedJob, QueueStats } from "@/lib/jobs/status";
import type { AccountHealth, CallStats, SystemOverview } from "@/lib/services/system";
import { DATA_ROW as ROW, DataTable, EmptyState } from "@/components/ui/data-table";
import { formatDateTime } from "@/lib/time";

const MUTED = "text-slate-500 dark:text-slate-400";

const percent = (share: number | null) => (share === null ? "—" : `${(share * 100).toFixed(share > 0 && share < 0.1 ? 1 : 0)} %`);
const ms = (value: number | null) => (value === null ? "—" : `${value} ms`);
const when = (value: Date | null, timeZone: string, never = "never") => (value ? formatDateTime(value, { timeZone, seconds: true }) : never);

function age(from: Date): string {
  const s = Math.max(0, Math.round((Date.now() - from.getTime()) / 1000));
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172_800) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86_400)} days`;
}

export function VersionFacts({ version, migrations }: Pick<SystemOverview, "version" | "migrations">) {
  const state = migrations.problem ? "a migration failed or is from a newer Keyed (see /api/ready)" : migrations.pending ? `${migrations.pending} pending: run npm run db:migrate` : "current";
  return (
    <dl className="flex flex-wrap gap-x-8 gap-y-1 text-sm" aria-label="Version">
      <div className="flex gap-2">
        <dt className={MUTED}>Keyed</dt>
        <dd className="font-mono">{version}</dd>
      </div>
      <div className="flex min-w-0 gap-2">
        <dt className={`shrink-0 ${MUTED}`}>Database migration</dt>
        {/* A migration's name is one long word: it may break anywhere rather than widen a phone's page. */}
        <dd className="min-w-0">
          <span className="break-all font-mono">{migrations.latest ?? "none"}</span> ({state})
        </dd>
      </div>
    </dl>
  );
}

function Calls({ stats }: { stats: CallStats }) {
  if (!stats.calls) return <td className={`px-4 py-2 ${MUTED}`} colSpan={4}>no calls</td>;
  return (
    <>
      <td className="px-4 py-2 text-right tabular-nums">{stats.calls}</td>
      <td className="px-4 py-2 text-right tabular-nums">{percent(stats.errorRate)}</td>
      <td className="px-4 py-2 text-right tabular-nums">{percent(stats.unknownRate)}</td>
      <td className="whitespace-nowrap px-4 py-2 text-right tabular-nums">
        {ms(stats.p50Ms)} / {ms(stats.p95Ms)}
      </td>
    </>
  );
}

export function AccountHealthTable({ accounts, timeZone }: { accounts: AccountHealth[]; timeZone: string }) {
  if (!accounts.length) return <EmptyState>No gateway account yet: add one under Gateway accounts.</EmptyState>;
  return (
    <DataTable
      label="Gateway accounts' calls"
      footer="Calls: transactions sent to the gateway. Errors: calls that ended in error (not declines). Unknown: calls whose outcome was unknown, resolved since or not. Latency: the gateway call, median / 95th percentile."
      head={
        <>
          <tr>
            <th className="px-4 py-2" rowSpan={2}>Account</th>
            <th className="px-4 py-2" rowSpan={2}>Last success ({timeZone})</th>
            <th className="px-4 py-2 text-center" colSpan={4}>Last hour</th>
            <th className="px-4 py-2 text-center" colSpan={4}>Last day</th>
          </tr>
          <tr>
            {["hour", "day"].map((w) => (
              <Headings key={w} />
            ))}
          </tr>
        </>
      }
    >
      {accounts.map((a) => (
        <tr key={a.id} className={ROW}>
          <td className="px-4 py-2">
            <span className="font-medium">{a.label}</span>{" "}
            <span className={`text-xs ${MUTED}`}>
              {a.gateway}, {a.mode}
            </span>
          </td>
          <td className="whitespace-nowrap px-4 py-2">{when(a.lastSuccessAt, timeZone)}</td>
          <Calls stats={a.hour} />
          <Calls stats={a.day} />
        </tr>
      ))}
    </DataTable>
  );
}

function Headings() {
  return (
    <>
      <th className="px-4 py-2 text-right">Calls</th>
      <th className="px-4 py-2 text-right">Errors</th>
      <th className="px-4 py-2 text-right">Unknown</th>
      <th className="px-4 py-2 text-right">p50 / p95</th>
    </>
  );
}

export function BacklogList({ backlog, timeZone }: { backlog: SystemOverview["backlog"]; timeZone: string }) {
  return (
    <ul className="flex flex-wrap gap-4" aria-label="Reconciler backlog">
      {backlog.map((b) => (
        <li key={b.status} className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm dark:border-slate-700 dark:bg-slate-900">
          <span className="font-medium capitalize">{b.status}</span>: <span className="tabular-nums">{b.open}</span> open
          {b.oldestAt ? (
            <span className={MUTED}>
              {" "}
              — oldest {age(b.oldestAt)} old ({when(b.oldestAt, timeZone)})
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export function QueuesTable({ queues, timeZone }: { queues: QueueStats[]; timeZone: string }) {
  if (!queues.length) return <EmptyState>No job queue: the database lacks the job queue&apos;s migration.</EmptyState>;
  return (
    <DataTable
      label="Job queues"
      head={
        <tr>
          <th className="px-4 py-2">Queue</th>
          <th className="px-4 py-2 text-right">Queued</th>
          <th className="px-4 py-2 text-right">Running</th>
          <th className="px-4 py-2 text-right">Failed</th>
          <th className="px-4 py-2 text-right">Waiting for a node</th>
          <th className="px-4 py-2">Last completed ({timeZone})</th>
        </tr>
      }
    >
      {queues.map((q) => (
        <tr key={q.queue} className={ROW}>
          <td className="px-4 py-2 font-mono text-xs">{q.queue}</td>
          <td className="px-4 py-2 text-right tabular-nums">{q.queued}</td>
          <td className="px-4 py-2 text-right tabular-nums">{q.active}</td>
          <td className="px-4 py-2 text-right tabular-nums">{q.failed}</td>
          <td className="px-4 py-2 text-right tabular-nums">{q.lagSeconds ? `${Math.round(q.lagSeconds)} s` : "—"}</td>
          <td className="whitespace-nowrap px-4 py-2">{when(q.lastCompletedAt, timeZone, "not yet")}</td>
        </tr>
      ))}
    </DataTable>
  );
}

export function FailedJobsTable({ jobs, timeZone }: { jobs: FailedJob[]; timeZone: string }) {
  if (!jobs.length) return <EmptyState>No failed job.</EmptyState>;
  return (
    <DataTable
      label="Failed jobs"
      head={
        <tr>
          <th className="px-4 py-2">Failed at ({timeZone})</th>
          <th className="px-4 py-2">Queue</th>
          <th className="px-4 py-2 text-right">Attempts</th>
          <th className="px-4 py-2">Error</th>
        </tr>
      }
    >
      {jobs.map((j) => (
        <tr key={j.id} className={ROW}>
          <td className="whitespace-nowrap px-4 py-2">{when(j.failedAt, timeZone)}</td>
          <td className="px-4 py-2 font-mono text-xs">{j.queue}</td>
          <td className="px-4 py-2 text-right tabular-nums">{j.attempts}</td>
          <td className="max-w-xl break-words px-4 py-2">{j.error}</td>
        </tr>
      ))}
    </DataTable>
  );
}
