// Which follow-ups the detail page offers. The payment services decide for real (under a row
// lock); this only keeps buttons that would be refused off the screen.
import type { TransactionView } from "@/lib/services/transactions/detail";

export interface Offers {
  void: boolean;
  refund: boolean;
  capture: boolean;
  /** Why there is no void for an unsettled payment (the gateway has none). */
  voidNote: string | null;
}

export function offersFor(view: TransactionView): Offers {
  const live = view.status === "approved" && !view.voidedAt;
  const original = live && (view.kind === "sale" || view.kind === "auth" || view.kind === "capture");
  const cap = view.account.capabilities;
  const untouched = view.refundedAmount === 0 && view.capturedAmount === 0;
  const noVoid = cap.void === "none";
  return {
    void: original && !view.settledAt && untouched && !noVoid,
    refund: live && (view.kind === "sale" || view.kind === "capture") && view.remaining > 0 && (!!view.settledAt || noVoid),
    capture: live && view.kind === "auth" && view.remaining > 0 && cap.capture,
    voidNote: original && !view.settledAt && noVoid ? (cap.voidNote ?? "This gateway cannot void: refund instead.") : null,
  };
}
