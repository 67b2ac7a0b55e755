"use client";

import { useState } from "react";
import type { TerminalAccount } from "./types";

export type Gate = "go" | "confirmed" | "armed";

/**
 * The second Enter a sale above the account's "confirm above" amount needs: the first submit only
 * arms it, the next one for the same account, amount and intent goes through (a changed amount must
 * be confirmed anew). The server refuses such a sale without the confirmation (runSale).
 */
export function useAmountConfirmation(account: TerminalAccount, minor: number | null, intent: string) {
  const [armedFor, setArmedFor] = useState<string | null>(null);
  const needed = (m: number | null) => account.confirmAbove !== null && m !== null && m > account.confirmAbove;
  const key = (m: number | null, i: string) => `${account.id}|${m}|${i}`;
  return {
    /** Whether the clerk is being asked to press Enter again for what the form shows now. */
    armed: needed(minor) && armedFor === key(minor, intent),
    /** Called by a submit with its own values: whether it goes ahead, and whether as a confirmation. */
    gate(m: number | null, i: string): Gate {
      if (!needed(m)) return "go";
      if (armedFor === key(m, i)) return "confirmed";
      setArmedFor(key(m, i));
      return "armed";
    },
  };
}
