import { CardAttemptsForm } from "@/components/limits/card-attempts-form";
import { LimitRowForm } from "@/components/limits/limit-row-form";
import { ROLE_LABELS, ROLES } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { formatMoney } from "@/lib/money";
import { getLimitSettings } from "@/lib/services/limits";
import { requirePageRole } from "@/lib/session";

export const metadata = { title: "Limits" };

const card = "rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-700 dark:bg-slate-900";

export default async function Page() {
  await requirePageRole("admin");
  const settings = await getLimitSettings(db);
  return (
    <section className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">Limits</h1>
      <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">
        A sale over a limit is refused before it reaches the gateway; the clerk sees which limit, and a manager can approve that one sale under Approvals. A
        day is the merchant&apos;s day in the time zone under Settings. Limits are per currency. A user&apos;s own value replaces their role&apos;s; an empty
        field sets no limit. Changes apply from the next sale or refund.
      </p>

      <section className={card} aria-labelledby="card-attempts-heading">
        <h2 id="card-attempts-heading" className="mb-3 text-lg font-semibold">
          Card attempts
        </h2>
        <CardAttemptsForm perHour={settings.cardAttemptsPerHour} />
      </section>

      {settings.currencies.length === 0 && <p className="text-sm">No active gateway account yet: limits are set per currency of the accounts.</p>}
      {settings.currencies.map(({ currency, maxAmount }) => (
        <section key={currency} className={card} aria-labelledby={`limits-${currency}`}>
          <h2 id={`limits-${currency}`} className="text-lg font-semibold">
            Limits in {currency}
          </h2>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">A single-sale limit can be at most {formatMoney(maxAmount, currency)}, the most this currency&apos;s accounts take.</p>
          <h3 className="mt-4 text-sm font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">By role</h3>
          {ROLES.map((role) => (
            <LimitRowForm key={role} scope="role" subject={role} title={`${ROLE_LABELS[role]}s`} currency={currency} own={settings.roles[currency]![role]} />
          ))}
          <h3 className="mt-4 text-sm font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">By user</h3>
          {settings.users.map((u) => (
            <LimitRowForm
              key={u.id}
              scope="user"
              subject={u.id}
              title={`${u.email} (${ROLE_LABELS[u.role].toLowerCase()})`}
              currency={currency}
              own={u.own[currency]!}
              effective={u.effective[currency]}
            />
          ))}
        </section>
      ))}
    </section>
  );
}
