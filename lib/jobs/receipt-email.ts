// Receipts by email as jobs. A clerk's "Email receipt" tries once at once (the clerk sees the answer)
// and, when the mail server refuses or is unreachable, leaves the retries to this job; an automatic
// receipt after a sale is only queued, so a slow mail server never holds a sale's answer.
import { z } from "zod";
import type { Db } from "../db";
import { log } from "../log";
import { hasReceipt, type EmailReceiptResult } from "../receipt-rules";
import type { Actor } from "../services/audit";
import { deliverReceiptEmail, requestReceiptEmail } from "../services/receipt-emails";
import { SETTING_KEYS } from "../services/settings";
import { prepared } from "../sql";
import type { ReceiptEmailInput } from "../validation/mail";
import { defineJob } from "./define";
import { enqueueJob } from "./queue";

export const receiptEmailJob = defineJob({
  name: "receipt-email",
  payload: z.object({ receiptEmailId: z.string().min(1).max(64) }),
  policy: "standard",
  // 1, 2, 4 and 8 minutes after the first retry (doubled, with jitter): a mail server that is down for a
  // quarter of an hour still gets the receipt out; the timeline shows the last reason meanwhile.
  retryLimit: 4,
  retryDelaySeconds: 60,
  expireInSeconds: 120,
  pollingSeconds: 2,
  async run({ receiptEmailId }, { db }) {
    const sent = await deliverReceiptEmail(db, receiptEmailId);
    if (sent.status === "failed") throw new Error(sent.error);
    return sent;
  },
});

const FIRST_RETRY_SECONDS = 60;

/** "Email receipt": one attempt now; a failure is retried by the job. */
export async function emailReceiptNow(db: Db, actor: Actor, input: ReceiptEmailInput, ip?: string | null): Promise<EmailReceiptResult> {
  const { id } = await requestReceiptEmail(db, actor, input, ip);
  const sent = await deliverReceiptEmail(db, id);
  if (sent.status === "sent") return { status: "sent", to: input.to };
  const retried = await enqueueJob(receiptEmailJob, { receiptEmailId: id }, { startAfterSeconds: FIRST_RETRY_SECONDS }).then(
    () => true,
    () => false,
  );
  return { status: "failed", to: input.to, error: sent.error, retried };
}

/**
 * After an approved sale or refund, when the merchant sends receipts automatically and the customer gave
 * an email (a refund's is its sale's). Never fails the payment's answer: a receipt that cannot be
 * queued is logged.
 */
export async function emailReceiptAutomatically(db: Db, actor: Actor, transactionId: string): Promise<void> {
  try {
    // SQL, one round trip: this runs after every refund, and after a sale when the sale's context
    // found the setting on; a Prisma query there costs more CPU than the payment's own statements
    // (lib/db.ts). The setting is checked again here for callers without that context. The address:
    // the payment's billing email, its customer's, then the same of the sale a refund belongs to.
    const { rows } = await db.sql.query<{ mode: string | null; kind: string; status: string; voidedAt: string | null; email: string | null }>(
      prepared(
        `SELECT (SELECT value #>> '{}' FROM "AppSetting" WHERE key = $2) AS mode, t.kind, t.status, t."voidedAt",
                COALESCE(NULLIF(t.billing->>'email', ''), NULLIF(c.email, ''), NULLIF(p.billing->>'email', ''), NULLIF(pc.email, '')) AS email
           FROM "Transaction" t
           LEFT JOIN "Customer" c ON c.id = t."customerId"
           LEFT JOIN "Transaction" p ON p.id = t."parentId"
           LEFT JOIN "Customer" pc ON pc.id = p."customerId"
          WHERE t.id = $1`,
        [transactionId, SETTING_KEYS.receiptEmails],
      ),
    );
    const t = rows[0];
    if (!t || t.mode !== "automatic" || t.voidedAt || !hasReceipt(t) || !t.email) return;
    const { id } = await requestReceiptEmail(db, actor, { transactionId, to: t.email });
    await enqueueJob(receiptEmailJob, { receiptEmailId: id });
  } catch (err) {
    log.error({ err, transactionId }, "receipt email: could not queue the automatic receipt");
  }
}
