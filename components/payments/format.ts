/** "Jan 5, 2026, 2:03:09 PM": the time of a payment, to the second. */
export function formatPaymentTime(value: string | Date): string {
  return new Date(value).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "medium" });
}

export const KIND_LABELS = { sale: "Sale", auth: "Authorization", capture: "Capture", void: "Void", refund: "Refund" } as const;
