"use client";

import Link from "next/link";
import { useEffect, useRef } from "react";
import { CardLabel } from "@/components/payments/card-label";
import { Button } from "@/components/ui/button";
import { accountLabel } from "@/lib/account-label";
import type { SavedCard } from "@/lib/services/payments/save-card";
import type { TerminalAccount } from "./types";

const primaryLinkClass = "inline-flex items-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700";
const linkClass = "inline-flex items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50";

/** What "Save card only" did: the card now in the customer's vault, and the ways on from there. */
export function SavedCardResult({ card, account, onNewSale }: { card: SavedCard; account: TerminalAccount; onNewSale(): void }) {
  const charge = useRef<HTMLAnchorElement>(null);
  useEffect(() => charge.current?.focus(), []);
  return (
    <section aria-live="polite" data-testid="card-saved" className="flex flex-col gap-4 rounded-lg border border-green-300 bg-white p-5 shadow-sm dark:bg-slate-900">
      <div>
        <p className="text-lg font-semibold text-green-800 dark:text-green-200">Card saved; nothing was charged</p>
        <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
          <span data-testid="saved-card">
            <CardLabel brand={card.brand} last4={card.last4} expMonth={card.expMonth} expYear={card.expYear} />
          </span>{" "}
          for <strong>{card.customerName}</strong> at {accountLabel(account.label, account.kindLabel)}.
        </p>
      </div>
      <nav aria-label="Next steps" className="flex flex-wrap gap-3">
        <Link ref={charge} href={`/terminal?customer=${encodeURIComponent(card.customerId)}`} className={primaryLinkClass}>
          Charge this card
        </Link>
        <Link href={`/customers/${encodeURIComponent(card.customerId)}`} className={linkClass}>
          Open customer
        </Link>
        <Button type="button" variant="ghost" onClick={onNewSale}>
          New sale
        </Button>
      </nav>
    </section>
  );
}
