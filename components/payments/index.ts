// Reusable pieces for showing payments (terminal result screen, transaction detail, customer page).
export { StatusBadge, statusLabel } from "./status-badge";
export { CodeResult } from "./code-result";
export { CardLabel, brandLabel, formatExpiry } from "./card-label";
export { BillingBlock } from "./billing-block";
export { ModeBadge } from "./mode-badge";
export { TransactionSummary } from "./transaction-summary";
export { KIND_LABELS } from "./format";
