import type { TransactionView } from "@/lib/services/transactions/detail";

export const transactionQueryKey = (id: string) => ["transaction", id] as const;

/** GET /api/transactions/[id]: the same TransactionView the server renders. */
export async function fetchTransaction(id: string): Promise<TransactionView> {
  const res = await fetch(`/api/transactions/${encodeURIComponent(id)}`, { headers: { accept: "application/json" }, cache: "no-store" });
  if (!res.ok) throw new Error(res.status === 404 ? "That transaction was not found." : "Could not load the transaction.");
  return (await res.json()) as TransactionView;
}

/** POST /api/transactions/[id]/check: asks the gateway about a pending or unknown outcome. */
export async function checkTransactionNow(id: string): Promise<{ outcome: "resolved" | "still_open" | "not_open"; view: TransactionView }> {
  const res = await fetch(`/api/transactions/${encodeURIComponent(id)}/check`, { method: "POST", headers: { accept: "application/json" } });
  if (!res.ok) throw new Error("Could not reach the gateway to check. Try again in a moment.");
  return (await res.json()) as { outcome: "resolved" | "still_open" | "not_open"; view: TransactionView };
}
