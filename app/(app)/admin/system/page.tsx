import { AccountHealthTable, BacklogList, FailedJobsTable, QueuesTable, VersionFacts } from "@/components/admin/system-panels";
import { db } from "@/lib/db";
import { getMerchantSettings } from "@/lib/services/settings";
import { systemOverview } from "@/lib/services/system";
import { requirePageRole } from "@/lib/session";

export const metadata = { title: "System" };
export const dynamic = "force-dynamic";

export default async function Page() {
  await requirePageRole("admin");
  const [overview, { timeZone }] = await Promise.all([systemOverview(db), getMerchantSettings(db)]);
  return (
    <section className="flex flex-col gap-8">
      <div className="flex flex-col gap-2">
        <h1 className="text-2xl font-semibold">System</h1>
        <VersionFacts version={overview.version} migrations={overview.migrations} />
      </div>
      <div className="flex flex-col gap-3">
        <h2 className="text-lg font-semibold">Gateway accounts</h2>
        <AccountHealthTable accounts={overview.accounts} timeZone={timeZone} />
      </div>
      <div className="flex flex-col gap-3">
        <h2 className="text-lg font-semibold">Reconciler backlog</h2>
        <BacklogList backlog={overview.backlog} timeZone={timeZone} />
      </div>
      <div className="flex flex-col gap-3">
        <h2 className="text-lg font-semibold">Job queue</h2>
        <QueuesTable queues={overview.queues} timeZone={timeZone} />
        <h3 className="font-semibold">Failed jobs</h3>
        <FailedJobsTable jobs={overview.failedJobs} timeZone={timeZone} />
      </div>
    </section>
  );
}
