import { ApproveButton } from "@/components/limits/approve-button";
import { EmptyState } from "@/components/ui/data-table";
import { db } from "@/lib/db";
import { formatMoney } from "@/lib/money";
import { listOverrideRequests } from "@/lib/services/payments/limits";
import { getMerchantSettings } from "@/lib/services/settings";
import { requirePageRole } from "@/lib/session";
import { formatDateTime } from "@/lib/time";

export const metadata = { title: "Approvals" };
export const dynamic = "force-dynamic";

export default async function Page() {
  await requirePageRole("manager");
  const [requests, { timeZone }] = await Promise.all([listOverrideRequests(db), getMerchantSettings(db)]);
  return (
    <section className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">Approvals</h1>
      <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">
        Sales a limit refused in the last day. Approving one lets the clerk submit that same sale once more, for the same amount on the same account; it is
        recorded in the audit log. To change a limit itself, an admin goes to Admin → Limits.
      </p>
      {requests.length === 0 ? (
        <EmptyState>No sale is waiting for approval.</EmptyState>
      ) : (
        <ul className="flex flex-col gap-3" aria-label="Sales waiting for approval">
          {requests.map((r) => {
            const what = `${formatMoney(r.amount, r.currency)} by ${r.userEmail}`;
            return (
              <li key={r.id} className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4 sm:flex-row sm:items-start sm:justify-between dark:border-slate-700 dark:bg-slate-900" data-testid="approval-request">
                <div className="flex flex-col gap-1 text-sm">
                  <p className="font-semibold">
                    {what} through {r.accountLabel}
                  </p>
                  <p className="text-slate-700 dark:text-slate-300">{r.message}</p>
                  <p className="text-xs text-slate-600 dark:text-slate-400">Refused {formatDateTime(r.createdAt, { timeZone })}</p>
                </div>
                {r.approvedAt ? (
                  <p className="text-sm font-medium text-emerald-800 dark:text-emerald-300" data-testid="approved">
                    Approved by {r.approvedByEmail}; waiting for the clerk to submit it again.
                  </p>
                ) : (
                  <ApproveButton overrideId={r.id} label={`Approve ${what}`} />
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
