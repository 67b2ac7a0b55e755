import Link from "next/link";
import { TerminalForm } from "@/components/terminal/terminal-form";
import type { RetrySource } from "@/components/terminal/terminal-form";
import type { TerminalAccount } from "@/components/terminal/types";
import { Alert } from "@/components/ui/alert";
import { db } from "@/lib/db";
import { GATEWAYS } from "@/lib/gateways";
import { getCustomer, type CustomerView } from "@/lib/services/customers";
import { NotFoundError } from "@/lib/services/errors";
import { listGatewayAccounts } from "@/lib/services/gateway-accounts";
import { getTransactionView } from "@/lib/services/transactions/detail";
import { toMajorString } from "@/lib/money";
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
  await requirePageRole("clerk");
  const sp = await searchParams;
  const retry = await loadRetry(one(sp.retry));
  const [rows, initialCustomer] = await Promise.all([listGatewayAccounts(db), loadCustomer(retry?.view.customer?.id ?? one(sp.customer))]);
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
        isDefault: a.isDefault,
        canAuthorize: def.capabilities.authorize,
        asynchronous: def.capabilities.asynchronous,
        sendsCvv: a.kind !== "roverpay",
      };
    });

  return (
    <section className="mx-auto flex max-w-4xl flex-col gap-4">
      <h1 className="text-2xl font-semibold">Terminal</h1>
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
