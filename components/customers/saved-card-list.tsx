"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { removeCardAction } from "@/app/(app)/customers/actions";
import { CardLabel } from "@/components/payments/card-label";
import { formatDateTime } from "@/lib/time";
import { ModeBadge } from "@/components/payments/mode-badge";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { SavedCardView } from "@/lib/services/customers";

/** A customer's vault. Removing asks first, then hides the card from the terminal (history keeps it). */
export function SavedCardList({ customerId, cards, timeZone }: { customerId: string; cards: SavedCardView[]; timeZone: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [removing, startRemoving] = useTransition();

  if (cards.length === 0) return <p className="text-sm text-slate-500 dark:text-slate-400">No saved cards. Cards are saved when a sale is run with “Save card to this customer”.</p>;

  function remove(paymentMethodId: string) {
    startRemoving(async () => {
      setError(null);
      const result = await removeCardAction({ customerId, paymentMethodId });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setConfirming(null);
      router.refresh();
    });
  }

  return (
    // relative: the sr-only header is positioned absolutely and would otherwise widen the page.
    <div className="relative flex flex-col gap-2 overflow-x-auto">
      {error && <Alert tone="error">{error}</Alert>}
      <table className="w-full text-left text-sm">
        <thead className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">
          <tr>
            <th className="py-2 pr-3 font-medium">Card</th>
            <th className="py-2 pr-3 font-medium">Holder</th>
            <th className="py-2 pr-3 font-medium">Gateway account</th>
            <th className="py-2 pr-3 font-medium">Added</th>
            <th className="py-2 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {cards.map((card) => (
            <tr key={card.id} className="border-t border-slate-100 dark:border-slate-800" data-testid="saved-card">
              <td className="py-2 pr-3">
                <CardLabel brand={card.brand} last4={card.last4} expMonth={card.expMonth} expYear={card.expYear} />
                {card.label && <span className="ml-2 text-slate-500 dark:text-slate-400">{card.label}</span>}
                {card.expired && <span className="ml-2 rounded bg-slate-100 dark:bg-slate-800 px-1.5 text-xs font-medium text-slate-600 dark:text-slate-400">Expired</span>}
              </td>
              <td className="py-2 pr-3">{card.holderName}</td>
              <td className="py-2 pr-3">
                <span className="inline-flex items-center gap-2">
                  {card.gatewayAccount.label} <ModeBadge mode={card.gatewayAccount.mode} />
                </span>
              </td>
              <td className="py-2 pr-3 text-slate-600 dark:text-slate-400">
                {formatDateTime(card.createdAt, { timeZone, seconds: true })}
                {card.createdBy && <> by {card.createdBy}</>}
              </td>
              <td className="py-2 text-right">
                {confirming === card.id ? (
                  <span className="inline-flex items-center gap-2" role="group" aria-label="Confirm removal">
                    <span className="text-xs text-slate-700 dark:text-slate-300">Remove this card? It can no longer be charged.</span>
                    <Button variant="danger" busy={removing} onClick={() => remove(card.id)}>
                      Yes, remove
                    </Button>
                    <Button variant="ghost" onClick={() => setConfirming(null)}>
                      Keep
                    </Button>
                  </span>
                ) : (
                  <Button variant="secondary" onClick={() => setConfirming(card.id)}>
                    Remove
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
