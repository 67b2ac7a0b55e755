import Link from "next/link";
import { RiskBanner } from "@/components/payments/risk-banner";
import { TerminalForm } from "@/components/terminal/terminal-form";
import type { RetrySource } from "@/components/terminal/terminal-form";
import type { TerminalAccount } from "@/components/terminal/types";
import { Alert } from "@/components/ui/alert";
import { db } from "@/lib/db";
import { defaultBillingCountry } from "@/lib/countries";
import { GATEWAYS } from "@/lib/gateways";
import { getCustomer, type CustomerView } from "@/lib/services/customers";
import { NotFoundError } from "@/lib/services/errors";
import { listGatewayAccounts } from "@/lib/services/gateway-accounts";
import { getMerchantSettings } from "@/lib/services/settings";
import { getTransactionView } from "@/lib/services/transactions/detail";
import { formatMoney, toMajorString } from "@/lib/money";
import { pendingRiskWarning } from "@/lib/services/payments/risk";
import { formatDateTime } from "@/lib/time";
import { requirePageRole } from "@/lib/session";

export const metadata = { title: "Terminal" };

async function loadCustomer(id: string | undefined): Promise<CustomerView | null> {
  if (!id) return null;
  try {
    return await getCustomer(db, id);
  } catch (err) {
    if (err instanceof NotFoundError) return null;
    throw err;
  }
}

/**
 * ?retry=<id> of a declined, failed or still-unknown sale: the form comes back filled from it (never
 * with the card number or CVV). An unknown one can only be re-run after confirming the double-charge risk.
 */
async function loadRetry(id: string | undefined): Promise<RetrySource | null> {
  if (!id) return null;
  const view = await getTransactionView(db, id);
  if (!view || !["declined", "error", "unknown"].includes(view.status) || (view.kind !== "sale" && view.kind !== "auth")) return null;
  return { view, amount: toMajorString(view.amount, view.currency) };
}

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

export default async function Page({ searchParams }: { searchParams: Promise<{ customer?: string | string[]; retry?: string | string[] }> }) {
  const user = await requirePageRole("clerk");
  const sp = await searchParams;
  const retry = await loadRetry(one(sp.retry));
  const [rows, initialCustomer, merchant, warning] = await Promise.all([
    listGatewayAccounts(db),
    loadCustomer(retry?.view.customer?.id ?? one(sp.customer)),
    getMerchantSettings(db),
    pendingRiskWarning(db, user.id),
  ]);
  const accounts: TerminalAccount[] = rows
    .filter((a) => a.active)
    .map((a) => {
      const def = GATEWAYS[a.kind];
      return {
        id: a.id,
        label: a.label,
        kind: a.kind,
        kindLabel: def.label,
        mode: a.mode,
        currency: a.currency,
        maxAmount: a.maxAmount,
        confirmAbove: a.confirmAbove,
        isDefault: a.isDefault,
        canAuthorize: def.capabilities.authorize,
        asynchronous: def.capabilities.asynchronous,
        securityCode: def.capabilities.securityCode,
        saveCardOnly: def.capabilities.saveCardOnly,
        level23: def.capabilities.level23,
        failing: a.configFailure !== null,
        defaultCountry: defaultBillingCountry(merchant.billingCountry, a.currency),
      };
    });

  return (
    <section className="mx-auto flex max-w-4xl flex-col gap-4">
      <h1 className="text-2xl font-semibold">Terminal</h1>
      {warning && (
        <div className="flex flex-col gap-2" data-testid="pending-risk-warning">
          <p className="text-sm text-slate-700 dark:text-slate-300">
            Before the next sale: your sale of {formatMoney(warning.amount, warning.currency)} at {formatDateTime(warning.createdAt, { timeZone: merchant.timeZone })} was approved with a
            warning.{" "}
            <Link href={`/transactions/${warning.id}`} className="text-brand-700 underline dark:text-brand-300">
              Open it
            </Link>
          </p>
          <RiskBanner transactionId={warning.id} risk={{ action: "warn", findings: warning.findings, acknowledgedAt: null, reversal: null }} />
        </div>
      )}
      {accounts.length === 0 ? (
        <Alert tone="warning" title="No active gateway account">
          An admin has to add or activate a gateway account before payments can be taken. <Link href="/admin/gateways">Gateway accounts</Link>
        </Alert>
      ) : (
        <TerminalForm key={retry?.view.id ?? initialCustomer?.id ?? "new"} accounts={accounts} initialCustomer={initialCustomer} retry={retry} />
      )}
    </section>
  );
}
