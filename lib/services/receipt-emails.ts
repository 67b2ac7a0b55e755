// Receipts by email. A request is a row (the timeline shows it: queued, sent, failed with the mail
// server's reason); delivery is a separate step so it can run from a job and be retried, and a row
// already sent is never sent again.
import type { Db } from "../db";
import { receiptEmail } from "../mail/receipt";
import { renderEmail } from "../mail/render";
import { sendEmail, sendFailure } from "../mail/transport";
import { hasReceipt } from "../receipt-rules";
import type { ReceiptEmailInput } from "../validation/mail";
import { recordAudit, type Actor } from "./audit";
import { NotFoundError, ValidationError } from "./errors";
import { getSmtpConnection, getSmtpSettings } from "./mail-settings";
import { getMerchantSettings } from "./settings";
import { getTransactionView } from "./transactions/detail";

export const NOT_SET_UP = "Email is not set up yet: an admin enters the mail server in Admin → Settings.";

export interface ReceiptEmailEntry {
  id: string;
  to: string;
  status: "queued" | "sent" | "failed";
  error: string | null;
  attempts: number;
  createdAt: string;
  sentAt: string | null;
}

export async function requestReceiptEmail(db: Db, actor: Actor | null, input: ReceiptEmailInput, ip?: string | null): Promise<{ id: string }> {
  const t = await db.transaction.findUnique({ where: { id: input.transactionId }, select: { id: true, kind: true, status: true } });
  if (!t) throw new NotFoundError("The transaction");
  if (!hasReceipt(t)) throw new ValidationError("Only an approved sale or refund has a receipt to send.");
  if (!(await getSmtpSettings(db))) throw new ValidationError(NOT_SET_UP, "to");
  const row = await db.receiptEmail.create({ data: { transactionId: t.id, to: input.to, requestedById: actor?.id ?? null }, select: { id: true } });
  await recordAudit(db, { actor, action: "receipt.email", targetType: "transaction", targetId: t.id, details: { to: input.to }, ip });
  return row;
}

/** One attempt at sending; safe to repeat (a sent receipt is not sent again). */
export async function deliverReceiptEmail(db: Db, id: string): Promise<{ status: "sent" } | { status: "failed"; error: string }> {
  const row = await db.receiptEmail.findUnique({ where: { id } });
  if (!row) throw new NotFoundError("The receipt email");
  if (row.status === "sent") return { status: "sent" };
  const [view, merchant, smtp] = await Promise.all([
    getTransactionView(db, row.transactionId),
    getMerchantSettings(db),
    getSmtpConnection(db),
  ]);
  if (!view) throw new NotFoundError("The transaction");
  const fail = async (error: string) => {
    await db.receiptEmail.update({ where: { id }, data: { status: "failed", error, attempts: { increment: 1 } } });
    return { status: "failed" as const, error };
  };
  if (!smtp) return fail(NOT_SET_UP);
  try {
    await sendEmail(smtp, row.to, renderEmail(receiptEmail(view, merchant)));
  } catch (err) {
    return fail(sendFailure(err, smtp));
  }
  await db.receiptEmail.update({ where: { id }, data: { status: "sent", sentAt: new Date(), error: null, attempts: { increment: 1 } } });
  return { status: "sent" };
}

export async function receiptEmailsOf(db: Db, transactionId: string): Promise<ReceiptEmailEntry[]> {
  const rows = await db.receiptEmail.findMany({ where: { transactionId }, orderBy: { createdAt: "asc" } });
  return rows.map((r) => ({
    id: r.id,
    to: r.to,
    status: r.status,
    error: r.error,
    attempts: r.attempts,
    createdAt: r.createdAt.toISOString(),
    sentAt: r.sentAt?.toISOString() ?? null,
  }));
}
