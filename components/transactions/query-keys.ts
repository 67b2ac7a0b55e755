// TanStack Query keys of the history: invalidate `transactionKeys.all` after any action on a transaction.
export const transactionKeys = {
  all: ["transactions"] as const,
  list: (query: string) => ["transactions", "list", query] as const,
  totals: (query: string) => ["transactions", "totals", query] as const,
};

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(message);
  }
}

export async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: "application/json" } });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: string; fieldErrors?: Record<string, string> } | null;
    if (res.status === 401) throw new ApiError("Your session has ended. Sign in again.", 401);
    throw new ApiError(body?.error ?? `The server answered ${res.status}. Try again.`, res.status, body?.fieldErrors);
  }
  return (await res.json()) as T;
}
