export { loadSaleContext, runSale, type SaleContext, type SaleOutcome } from "./sale";
export { findPaymentAccount, saveCardOnly, type SaveCardOutcome } from "./save-card";
export { voidTransaction, refundTransaction, captureTransaction, type FollowUpOutcome } from "./follow-ups";
export { checkTransaction, reconcileOpen, applyCallback } from "./reconcile";
export { refreshSettlement } from "./settlement";
export { saleRules, SYSTEM_ACTOR, type PaymentContext } from "./context";
