import type { GatewayAccountView } from "@/lib/services/gateway-accounts";
import { formatDateTime } from "@/lib/time";

/** A flagged account (lib/services/account-health.ts): what the gateway refused and when, until a connection test passes. */
export function AccountFailure({ failure, timeZone }: { failure: NonNullable<GatewayAccountView["configFailure"]>; timeZone: string }) {
  return (
    <span data-testid="account-failing" className="mt-1 flex flex-col gap-0.5">
      <span className="w-fit rounded border border-amber-400 dark:border-amber-700 bg-amber-100 dark:bg-amber-900 px-2 py-0.5 text-xs font-bold text-amber-950 dark:text-amber-100">⚠ Last test or payment failed</span>
      <span className="text-xs text-slate-600 dark:text-slate-400">
        {formatDateTime(failure.at, { timeZone })}: {failure.message}. Clerks see “Not working” until Test connection passes.
      </span>
    </span>
  );
}
