// Who has to act on a failed payment, in the words the clerk reads first (Fault in lib/gateways/types.ts).
import { gatewayName } from "@/lib/account-label";
import type { Fault } from "@/lib/gateways/types";
import type { TransactionView } from "@/lib/services/transactions/detail";

export const ACCOUNT_NOT_WORKING = "This gateway account is not working; ask an admin.";


/** Whose problem a finished failure is; null for anything else (an unknown outcome blames nobody yet). */
export function failureFault(view: Pick<TransactionView, "status" | "fault">): Fault | null {
  return view.status === "declined" || view.status === "error" ? view.fault : null;
}

/** The headline for a failure that is not the card's; null when the gateway's message says it (a decline, a refused detail). */
export function faultHeadline(view: Pick<TransactionView, "status" | "fault" | "account">): string | null {
  const fault = failureFault(view);
  if (fault === "merchant") return ACCOUNT_NOT_WORKING;
  if (fault === "gateway") return `${gatewayName(view.account.gatewayLabel)} did not process this payment; the card is not the problem.`;
  return null;
}
