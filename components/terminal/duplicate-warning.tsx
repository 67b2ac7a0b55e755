"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { CustomerIdentity, CustomerView } from "@/lib/services/customers";

const DEBOUNCE_MS = 400;

async function fetchDuplicates(who: CustomerIdentity): Promise<CustomerView[]> {
  const res = await fetch("/api/customers/duplicates", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(who),
  });
  if (!res.ok) return [];
  return ((await res.json()) as { customers: CustomerView[] }).customers;
}

/** Worth asking about: both names, and an email or a phone number to match them by. */
const askable = (who: CustomerIdentity) => who.firstName.trim() !== "" && who.lastName.trim() !== "" && (who.email.trim() !== "" || who.phone.replace(/\D/g, "").length >= 5);

/**
 * Warns, while a new customer is typed in, that a customer with the same name and email or phone
 * is already on file, and offers to use them: a second "Ivan Petrov" splits one person's cards and
 * history in two.
 */
export function DuplicateWarning({ who, onUse }: { who: CustomerIdentity; onUse(customer: CustomerView): void }) {
  const [debounced, setDebounced] = useState(who);
  const key = JSON.stringify(who);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(JSON.parse(key) as CustomerIdentity), DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [key]);
  const enabled = askable(debounced);
  const { data } = useQuery({ queryKey: ["customer-duplicates", debounced], queryFn: () => fetchDuplicates(debounced), enabled, staleTime: 10_000 });
  const found = enabled && askable(who) ? (data ?? []) : [];
  if (found.length === 0) return null;
  return (
    <div role="status" data-testid="duplicate-customer" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
      <p className="font-semibold">This may be a customer you already have:</p>
      <ul className="mt-1 flex flex-col gap-1">
        {found.map((c) => (
          <li key={c.id} className="flex flex-wrap items-center gap-2">
            <span>
              {c.name} · {[c.billing.email, c.billing.phone, `${c.billing.city}, ${c.billing.country}`].filter(Boolean).join(" · ")}
              {c.cards.length > 0 && ` · ${c.cards.length} saved card${c.cards.length === 1 ? "" : "s"}`}
            </span>
            <button type="button" className="rounded-md border border-amber-400 bg-white px-2 py-0.5 text-xs font-medium hover:bg-amber-100 dark:bg-slate-900" onClick={() => onUse(c)}>
              Use this customer
            </button>
          </li>
        ))}
      </ul>
      <p className="mt-1 text-xs">Otherwise a new customer is added when this payment goes through.</p>
    </div>
  );
}
