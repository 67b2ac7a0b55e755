export { loadSaleContext, runSale, type SaleContext, type SaleOutcome } from "./sale";
export { voidTransaction, refundTransaction, captureTransaction, type FollowUpOutcome } from "./follow-ups";
export { checkTransaction, reconcileOpen, applyCallback } from "./reconcile";
export { refreshSettlement } from "./settlement";
export { SYSTEM_ACTOR, type PaymentContext } from "./context";
