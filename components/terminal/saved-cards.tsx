"use client";

import { CardLabel } from "@/components/payments/card-label";
import type { SavedCardView } from "@/lib/services/customers";
import type { TerminalAccount } from "./types";

export const NEW_CARD = "new";

interface Props {
  cards: SavedCardView[];
  account: TerminalAccount;
  accounts: TerminalAccount[];
  /** A saved card id, or NEW_CARD. */
  value: string;
  onChange(value: string): void;
  onSwitchAccount(accountId: string): void;
  error?: string;
}

/** The customer's saved cards plus "new card". Expired cards and cards of another account are listed but cannot be chosen. */
export function SavedCards({ cards, account, accounts, value, onChange, onSwitchAccount, error }: Props) {
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 text-sm font-medium text-slate-700 dark:text-slate-300">Pay with</legend>
      {cards.map((card) => {
        const elsewhere = card.gatewayAccount.id !== account.id;
        const otherActive = accounts.some((a) => a.id === card.gatewayAccount.id);
        const disabled = card.expired || elsewhere;
        return (
          <label
            key={card.id}
            className={`flex flex-wrap items-center gap-3 rounded-md border px-3 py-2 text-sm ${value === card.id ? "border-brand-500 bg-brand-50 dark:bg-brand-950" : "border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900"} ${disabled ? "text-slate-400 dark:text-slate-400" : "cursor-pointer"}`}
          >
            <input type="radio" name="payment-source" value={card.id} checked={value === card.id} disabled={disabled} onChange={() => onChange(card.id)} />
            <CardLabel brand={card.brand} last4={card.last4} expMonth={card.expMonth} expYear={card.expYear} />
            {card.label && <span className="text-slate-500 dark:text-slate-400">{card.label}</span>}
            <span className="text-xs text-slate-500 dark:text-slate-400">{card.gatewayAccount.label}</span>
            {card.expired && <span className="rounded bg-slate-100 dark:bg-slate-800 px-1.5 text-xs font-medium text-slate-600 dark:text-slate-400">Expired</span>}
            {!card.expired && elsewhere && (
              <span className="text-xs text-slate-600 dark:text-slate-400">
                Saved at {card.gatewayAccount.label}
                {otherActive && (
                  <button type="button" className="ml-2 text-brand-700 dark:text-brand-300 underline" onClick={() => onSwitchAccount(card.gatewayAccount.id)}>
                    Use that account
                  </button>
                )}
              </span>
            )}
          </label>
        );
      })}
      <label className={`flex cursor-pointer items-center gap-3 rounded-md border px-3 py-2 text-sm ${value === NEW_CARD ? "border-brand-500 bg-brand-50 dark:bg-brand-950" : "border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900"}`}>
        <input type="radio" name="payment-source" value={NEW_CARD} checked={value === NEW_CARD} onChange={() => onChange(NEW_CARD)} />
        New card
      </label>
      {error && (
        <p role="alert" className="text-xs font-medium text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </fieldset>
  );
}
