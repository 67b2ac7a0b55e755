"use client";
// The customers page search. A plain GET form would put whatever is typed into the URL (and the
// browser history, and the server log) before any check: a card number typed here is refused first.
import { useState } from "react";
import { containsCardNumber, SEARCH_BY_LAST4 } from "@/lib/card";

export function CustomerSearch({ initial, refused }: { initial: string; refused: boolean }) {
  const [error, setError] = useState<string | null>(refused ? SEARCH_BY_LAST4 : null);
  return (
    <form
      role="search"
      className="flex flex-col gap-1"
      action="/customers"
      onSubmit={(e) => {
        const q = new FormData(e.currentTarget).get("q");
        if (typeof q === "string" && containsCardNumber(q)) {
          e.preventDefault();
          setError(SEARCH_BY_LAST4);
        }
      }}
    >
      <div className="flex gap-2">
        <label htmlFor="customer-q" className="sr-only">
          Search customers
        </label>
        <input
          id="customer-q"
          name="q"
          type="search"
          data-shortcut="search"
          defaultValue={initial}
          placeholder="Name, email, phone or card last 4"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "customer-q-error" : undefined}
          onChange={() => setError(null)}
          className="w-full max-w-md rounded-md border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-3 py-2 text-sm shadow-sm"
        />
        <button type="submit" className="rounded-md border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-4 py-2 text-sm hover:bg-slate-50 dark:hover:bg-slate-800">
          Search
        </button>
      </div>
      {error && (
        <p id="customer-q-error" role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </form>
  );
}
