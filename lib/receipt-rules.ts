// Which transactions have a receipt to send: shared by the pages (browser) and the receipt service.

/** An approved sale, capture or refund; a decline, a void or an open authorization has none. */
export function hasReceipt(t: { kind: string; status: string }): boolean {
  return t.status === "approved" && (t.kind === "sale" || t.kind === "capture" || t.kind === "refund");
}

/** retried: the job queue tries again later (false when it could not take the retry). */
export type EmailReceiptResult = { status: "sent"; to: string } | { status: "failed"; to: string; error: string; retried: boolean };
