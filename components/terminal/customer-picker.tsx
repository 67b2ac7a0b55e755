"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { CardLabel } from "@/components/payments/card-label";
import { containsCardNumber, SEARCH_BY_LAST4 } from "@/lib/card";
import type { CustomerView } from "@/lib/services/customers";

const MIN_CHARS = 2;
const DEBOUNCE_MS = 200;

async function fetchCustomers(q: string): Promise<CustomerView[]> {
  const res = await fetch(`/api/customers/search?q=${encodeURIComponent(q)}`, { headers: { accept: "application/json" } });
  if (!res.ok) throw new Error("Customer search failed");
  return ((await res.json()) as { customers: CustomerView[] }).customers;
}

const searchKey = (q: string) => ["customer-search", q.trim()] as const;

function useDebounced(value: string, ms: number): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return debounced;
}

interface Props {
  selected: CustomerView | null;
  onSelect(customer: CustomerView): void;
  onClear(): void;
}

/**
 * Type-ahead over name, email, phone and card last 4. Arrow keys move, Enter picks (the first match
 * when none is highlighted — even if the clerk pressed Enter before the results arrived).
 */
export function CustomerPicker({ selected, onSelect, onClear }: Props) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const queryClient = useQueryClient();
  const [text, setText] = useState("");
  const [active, setActive] = useState(0);
  const debounced = useDebounced(text, DEBOUNCE_MS);
  // A card number typed here is never sent (it would travel in the search URL): it gets a message instead.
  const cardNumberTyped = containsCardNumber(text);
  const enabled = debounced.trim().length >= MIN_CHARS && !containsCardNumber(debounced);
  const search = useQuery({ queryKey: searchKey(debounced), queryFn: () => fetchCustomers(debounced), enabled, staleTime: 5_000 });
  const open = !selected && !cardNumberTyped && text.trim().length >= MIN_CHARS;
  const results = enabled ? (search.data ?? []) : [];

  function pick(customer: CustomerView) {
    setText("");
    setActive(0);
    onSelect(customer);
  }

  async function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (results.length) setActive((i) => (i + (e.key === "ArrowDown" ? 1 : results.length - 1)) % results.length);
    } else if (e.key === "Escape") {
      setText("");
    } else if (e.key === "Enter") {
      // Enter here picks a customer; it never submits the payment.
      e.preventDefault();
      const q = text.trim();
      if (q.length < MIN_CHARS || cardNumberTyped) return;
      const found = debounced.trim() === q && search.data ? search.data : await queryClient.fetchQuery({ queryKey: searchKey(q), queryFn: () => fetchCustomers(q), staleTime: 5_000 });
      const choice = found[Math.min(active, found.length - 1)];
      if (choice) pick(choice);
    }
  }

  if (selected) {
    return (
      <div className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-brand-100 dark:border-brand-900 bg-brand-50 dark:bg-brand-950 px-4 py-3" data-testid="selected-customer">
        <div className="text-sm">
          <div className="font-semibold">{selected.name}</div>
          <div className="text-slate-600 dark:text-slate-400">{[selected.billing.email, selected.billing.phone, `${selected.billing.city}, ${selected.billing.country}`].filter(Boolean).join(" · ")}</div>
        </div>
        <button
          type="button"
          className="rounded-md border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-3 py-1.5 text-sm hover:bg-slate-50 dark:hover:bg-slate-800"
          onClick={() => {
            onClear();
            setTimeout(() => inputRef.current?.focus(), 0);
          }}
        >
          Change customer
        </button>
      </div>
    );
  }

  const listId = `${id}-list`;
  return (
    <div className="relative">
      <label htmlFor={`${id}-input`} className="text-sm font-medium text-slate-700 dark:text-slate-300">
        Find customer
      </label>
      <input
        ref={inputRef}
        id={`${id}-input`}
        type="search"
        role="combobox"
        data-shortcut="search"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-invalid={cardNumberTyped || undefined}
        aria-describedby={cardNumberTyped ? `${id}-error` : undefined}
        aria-activedescendant={open && results[active] ? `${id}-opt-${active}` : undefined}
        autoComplete="off"
        // The clerk's first keystroke goes here.
        autoFocus
        placeholder="Name, email, phone or card last 4 — or leave empty for a new customer"
        className="mt-1 w-full rounded-md border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-3 py-2 text-sm shadow-sm focus:border-brand-500"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      {cardNumberTyped && (
        <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-red-700 dark:text-red-300">
          {SEARCH_BY_LAST4}
        </p>
      )}
      {open && (
        <ul id={listId} role="listbox" aria-label="Matching customers" className="absolute z-10 mt-1 max-h-80 w-full overflow-auto rounded-md border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 shadow-lg">
          {search.isFetching && results.length === 0 && <li className="px-3 py-2 text-sm text-slate-500 dark:text-slate-400">Searching…</li>}
          {search.isError && <li className="px-3 py-2 text-sm text-red-700 dark:text-red-300">Search failed. Try again.</li>}
          {!search.isFetching && search.isSuccess && results.length === 0 && (
            <li className="px-3 py-2 text-sm text-slate-500 dark:text-slate-400">No customer matches “{debounced.trim()}”. Fill in the billing details below to add a new one.</li>
          )}
          {results.map((c, i) => (
            <li
              key={c.id}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              className={`cursor-pointer px-3 py-2 text-sm ${i === active ? "bg-brand-50 dark:bg-brand-950" : ""}`}
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setActive(i)}
              onClick={() => pick(c)}
            >
              <div className="font-medium">{c.name}</div>
              <div className="text-xs text-slate-600 dark:text-slate-400">
                {[c.billing.email, c.billing.phone].filter(Boolean).join(" · ")}
                {c.cards.length > 0 && (
                  <span className="ml-2">
                    {c.cards.slice(0, 2).map((card) => (
                      <span key={card.id} className="mr-2">
                        <CardLabel brand={card.brand} last4={card.last4} />
                      </span>
                    ))}
                  </span>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
