"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { acknowledgeRiskAction } from "@/app/(app)/terminal/actions";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { describeFindings, HOLD_SENTENCE } from "@/lib/risk-rules";
import type { RiskView } from "@/lib/services/transactions/detail";
import { transactionQueryKey } from "./transaction-query";

const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** What was done about the mismatch, in the clerk's words. */
function done(risk: RiskView): string {
  if (risk.action === "allow") return "The account's rules let it through: the card was charged.";
  if (risk.action === "warn") return "The card was charged. Check the order with the customer before you ship anything.";
  const what = risk.reversal?.kind === "refund" ? "refunded in full" : "voided";
  if (!risk.reversal) return "The account's rules void such a sale, but the automatic void could not be sent: ask a manager to void it in History.";
  if (risk.reversal.status === "approved") return `The account's rules ${what} this sale automatically, so the customer is not charged. ${HOLD_SENTENCE}`;
  if (risk.reversal.status === "declined" || risk.reversal.status === "error")
    return `The account's rules tried to void this sale, but the gateway refused: ask a manager to void or refund it in History.`;
  return `The account's rules are voiding this sale; the gateway has not confirmed it yet (it is checked again by itself). ${HOLD_SENTENCE}`;
}

/**
 * The amber banner of an approved sale whose address or security code did not match: what did not
 * match and what was done. A warning waits for the clerk's acknowledgement before their next sale.
 */
export function RiskBanner({ transactionId, risk }: { transactionId: string; risk: RiskView }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const { busy, error, run } = useAction();
  const [acknowledged, setAcknowledged] = useState(risk.acknowledgedAt !== null);

  const acknowledge = () =>
    run(
      () => acknowledgeRiskAction({ transactionId }),
      async () => {
        setAcknowledged(true);
        await queryClient.invalidateQueries({ queryKey: transactionQueryKey(transactionId) });
        router.refresh();
      },
    );

  return (
    <section
      role="status"
      data-testid="risk-banner"
      data-action={risk.action}
      className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200"
    >
      <p className="font-semibold">{capitalized(describeFindings(risk.findings))}.</p>
      <p className="mt-1" data-testid="risk-done">
        {done(risk)}
      </p>
      {risk.action === "warn" &&
        (acknowledged ? (
          <p className="mt-2 text-xs" data-testid="risk-acknowledged">
            Acknowledged.
          </p>
        ) : (
          <div className="mt-3 flex flex-wrap items-center gap-3">
            <Button type="button" variant="secondary" busy={busy} onClick={() => void acknowledge()} data-testid="risk-acknowledge">
              I have read this warning
            </Button>
            <span className="text-xs">Your next sale waits for this.</span>
            {error && <span className="text-xs font-medium text-red-700 dark:text-red-300">{error}</span>}
          </div>
        ))}
    </section>
  );
}
