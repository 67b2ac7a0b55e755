"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { setGatewayAccountActiveAction, testGatewayAccountAction } from "@/app/(app)/admin/gateways/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DataTable, EmptyState } from "@/components/ui/data-table";
import type { ConnectionTestResult } from "@/lib/gateways/types";
import { formatMoney } from "@/lib/money";
import type { GatewayAccountView } from "@/lib/services/gateway-accounts";
import { AccountFailure } from "./account-failure";
import { ConnectionResult } from "./connection-result";

export function GatewayAccountsTable({
  accounts,
  kindLabels,
  timeZone,
}: {
  accounts: GatewayAccountView[];
  kindLabels: Record<string, string>;
  timeZone: string;
}) {
  if (accounts.length === 0) {
    return (
      <EmptyState>
        No gateway accounts yet. <Link href="/admin/gateways/new" className="text-brand-600 dark:text-brand-300 underline">Add the first one</Link> to start taking payments.
      </EmptyState>
    );
  }
  return (
    <DataTable
      label="Gateway accounts"
      head={
        <tr>
          <th className="px-4 py-2">Label</th>
          <th className="px-4 py-2">Gateway</th>
          <th className="px-4 py-2">Mode</th>
          <th className="px-4 py-2">Currency</th>
          <th className="px-4 py-2">Max per transaction</th>
          <th className="px-4 py-2">Status</th>
          <th className="px-4 py-2">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      }
    >
      {accounts.map((a) => (
        <AccountRow key={a.id} account={a} kindLabel={kindLabels[a.kind] ?? a.kind} timeZone={timeZone} />
      ))}
    </DataTable>
  );
}

function AccountRow({ account: a, kindLabel, timeZone }: { account: GatewayAccountView; kindLabel: string; timeZone: string }) {
  const router = useRouter();
  const [result, setResult] = useState<ConnectionTestResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [testing, startTesting] = useTransition();
  const [toggling, startToggling] = useTransition();

  const test = () =>
    startTesting(async () => {
      setError(null);
      setResult(null);
      const r = await testGatewayAccountAction(a.id);
      if (r.ok) setResult(r.data);
      else setError(r.error);
      // The test sets or clears the account's "not working" flag.
      router.refresh();
    });

  const toggle = () => {
    if (a.active && !window.confirm(`Deactivate “${a.label}”? The terminal will stop offering it.`)) return;
    startToggling(async () => {
      setError(null);
      const r = await setGatewayAccountActiveAction(a.id, !a.active);
      if (!r.ok) setError(r.error);
      router.refresh();
    });
  };

  return (
    <>
      <tr className={`border-t border-slate-100 dark:border-slate-800 ${a.active ? "" : "text-slate-500 dark:text-slate-400"}`} data-testid={`gateway-account-${a.id}`}>
        <td className="px-4 py-2 font-medium">
          <Link href={`/admin/gateways/${a.id}`} className="text-brand-700 dark:text-brand-300 hover:underline">
            {a.label}
          </Link>
        </td>
        <td className="px-4 py-2">{kindLabel}</td>
        <td className="px-4 py-2">
          <span className={`rounded px-2 py-0.5 text-xs font-semibold ${a.mode === "live" ? "bg-red-100 dark:bg-red-900 text-red-800 dark:text-red-200" : "bg-slate-100 dark:bg-slate-800 text-slate-700 dark:text-slate-300"}`}>
            {a.mode === "live" ? "Live" : "Test"}
          </span>
        </td>
        <td className="px-4 py-2">{a.currency}</td>
        <td className="px-4 py-2">{formatMoney(a.maxAmount, a.currency)}</td>
        <td className="px-4 py-2">
          {a.active ? "Active" : "Deactivated"}
          {a.isDefault && <span className="ml-2 rounded bg-brand-50 dark:bg-brand-950 px-2 py-0.5 text-xs font-semibold text-brand-700 dark:text-brand-300">Default</span>}
          {a.configFailure && <AccountFailure failure={a.configFailure} timeZone={timeZone} />}
        </td>
        <td className="px-4 py-2">
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" className="px-3 py-1" busy={testing} onClick={test}>
              Test connection
            </Button>
            <Button type="button" variant={a.active ? "ghost" : "secondary"} className="px-3 py-1" busy={toggling} onClick={toggle}>
              {a.active ? "Deactivate" : "Reactivate"}
            </Button>
          </div>
        </td>
      </tr>
      {(result || error) && (
        <tr>
          <td colSpan={7} className="px-4 pb-3" aria-live="polite">
            {result && <ConnectionResult result={result} />}
            {error && <Alert tone="error">{error}</Alert>}
          </td>
        </tr>
      )}
    </>
  );
}
