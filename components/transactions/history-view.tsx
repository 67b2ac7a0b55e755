"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { HistoryPage, HistoryTotals as Totals } from "@/lib/services/transactions/list";
import { filtersInput, filtersToQuery } from "@/lib/validation/history";
import { HistoryFilters, type HistoryChoices } from "./history-filters";
import { HistoryTable } from "./history-table";
import { HistoryTotals } from "./history-totals";
import { ApiError, getJson, transactionKeys } from "./query-keys";

export function HistoryView({
  choices,
  timeZone,
  canExport,
  customerLabel,
}: {
  choices: HistoryChoices;
  timeZone: string;
  canExport: boolean;
  customerLabel: string | null;
}) {
  const searchParams = useSearchParams();
  const values = filtersInput(new URLSearchParams(searchParams.toString()));
  const query = filtersToQuery(values);
  // The filter form is remounted (fresh fields) when the URL's filters change from outside it — back
  // and forward, a preset, a link — and kept as it is when the change is one it just applied.
  const [applied, setApplied] = useState<string | null>(null);
  const [form, setForm] = useState({ query, generation: 0 });
  if (query !== form.query) {
    const own = query === applied;
    setForm({ query, generation: own ? form.generation : form.generation + 1 });
    if (own) setApplied(null);
  }

  const list = useInfiniteQuery({
    queryKey: transactionKeys.list(query),
    queryFn: ({ pageParam }) => getJson<HistoryPage>(`/api/transactions?${query}${pageParam ? `${query ? "&" : ""}cursor=${encodeURIComponent(pageParam)}` : ""}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchOnWindowFocus: true,
    retry: (n, err) => !(err instanceof ApiError && err.status < 500) && n < 1,
  });
  const totals = useQuery({
    queryKey: transactionKeys.totals(query),
    queryFn: () => getJson<{ totals: Totals[] }>(`/api/transactions?${query}${query ? "&" : ""}view=totals`),
    refetchOnWindowFocus: true,
    retry: false,
  });

  const rows = list.data?.pages.flatMap((p) => p.rows) ?? [];
  const serverErrors = list.error instanceof ApiError ? list.error.fieldErrors : undefined;
  const customerHref = (id: string) => `/transactions?${filtersToQuery({ ...values, customer: id })}`;

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Transactions</h1>
        {canExport && (
          <a href={`/api/transactions/export${query ? `?${query}` : ""}`} download className="rounded-md border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-4 py-2 text-sm font-medium hover:bg-slate-50 dark:hover:bg-slate-800">
            Export CSV
          </a>
        )}
      </div>
      <HistoryFilters key={form.generation} onApply={setApplied} values={values} choices={choices} customerLabel={customerLabel} serverErrors={serverErrors} timeZone={timeZone} />
      {!totals.isError && <HistoryTotals totals={totals.data?.totals} loading={totals.isPending} />}

      {list.isPending ? (
        <p className="rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-6 text-sm text-slate-500 dark:text-slate-400" role="status" aria-live="polite">
          Loading transactions…
        </p>
      ) : list.isError && rows.length === 0 ? (
        <Alert tone="error" title="The transactions could not be loaded">
          <p>{list.error.message}</p>
          {!serverErrors && (
            <Button variant="secondary" className="mt-2" onClick={() => void list.refetch()}>
              Try again
            </Button>
          )}
        </Alert>
      ) : rows.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 p-8 text-center text-sm text-slate-600 dark:text-slate-400" data-testid="history-empty">
          {query ? (
            <>
              No transactions match these filters.{" "}
              <Link href="/transactions" className="underline">
                Clear the filters
              </Link>
            </>
          ) : (
            <>
              No transactions yet.{" "}
              <Link href="/terminal" className="underline">
                Run a sale on the terminal
              </Link>
            </>
          )}
        </div>
      ) : (
        <>
          <HistoryTable rows={rows} timeZone={timeZone} customerHref={customerHref} />
          <div className="flex items-center justify-between text-sm text-slate-600 dark:text-slate-400">
            <span aria-live="polite">
              Showing {rows.length.toLocaleString("en-US")} {rows.length === 1 ? "transaction" : "transactions"}, newest first
              {list.isFetching && !list.isFetchingNextPage ? " · refreshing…" : ""}
            </span>
            {list.hasNextPage && (
              <Button variant="secondary" busy={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                Load older transactions
              </Button>
            )}
          </div>
          {list.isError && <Alert tone="error">{list.error.message}</Alert>}
        </>
      )}
    </div>
  );
}
