"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
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
          <a href={`/api/transactions/export${query ? `?${query}` : ""}`} download className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50">
            Export CSV
          </a>
        )}
      </div>
      <HistoryFilters key={query} values={values} choices={choices} customerLabel={customerLabel} serverErrors={serverErrors} />
      {!totals.isError && <HistoryTotals totals={totals.data?.totals} loading={totals.isPending} />}

      {list.isPending ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-500" role="status" aria-live="polite">
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
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600" data-testid="history-empty">
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
          <div className="flex items-center justify-between text-sm text-slate-600">
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
