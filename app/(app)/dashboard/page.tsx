import { DashboardView } from "@/components/dashboard/dashboard-view";
import { PeriodPicker } from "@/components/dashboard/period-picker";
import { UpcomingPayments } from "@/components/schedules/upcoming-payments";
import { Alert } from "@/components/ui/alert";
import { db } from "@/lib/db";
import { getDashboard } from "@/lib/services/dashboard";
import { upcomingCharges } from "@/lib/services/recurring";
import { getMerchantSettings } from "@/lib/services/settings";
import { requirePageRole } from "@/lib/session";
import { dashboardDays, dashboardPeriodSchema } from "@/lib/validation/dashboard";

export const metadata = { title: "Dashboard" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageRole("manager");
  const sp = await searchParams;
  const one = (k: string) => (typeof sp[k] === "string" ? sp[k] : undefined);
  const input = { range: one("range"), from: one("from"), to: one("to") };
  const parsed = dashboardPeriodSchema.safeParse(input);
  const errors: Record<string, string> = {};
  if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "to")] ??= issue.message;
  const { timeZone } = await getMerchantSettings(db);
  // A refused period shows its message next to the field and the default period below it.
  const period = dashboardDays(parsed.success ? parsed.data : {}, timeZone);
  const [data, upcoming] = await Promise.all([getDashboard(db, period, { timeZone }), upcomingCharges(db, 7)]);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Dashboard</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {data.from === data.to ? data.from : `${data.from} to ${data.to}`} ({timeZone}), compared with {data.previousFrom === data.previousTo ? data.previousFrom : `${data.previousFrom} to ${data.previousTo}`}
          </p>
        </div>
        <PeriodPicker range={parsed.success && !input.from ? (parsed.data.range ?? "last7") : undefined} from={input.from ?? ""} to={input.to ?? ""} errors={errors} />
      </div>
      {!parsed.success && <Alert tone="error">That period was not shown: {Object.values(errors)[0]}. Showing the last 7 days instead.</Alert>}
      <DashboardView data={data} />
      <UpcomingPayments rows={upcoming} timeZone={timeZone} />
    </div>
  );
}
