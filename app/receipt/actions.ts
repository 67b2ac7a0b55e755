"use server";

// Receipts by email: any signed-in role that can see receipts (clerk and up) may send one.
import { revalidatePath } from "next/cache";
import { failure, parseInput, type ActionResult } from "@/lib/action-result";
import { db } from "@/lib/db";
import { emailReceiptNow } from "@/lib/jobs/receipt-email";
import type { EmailReceiptResult } from "@/lib/receipt-rules";
import { requestIp } from "@/lib/request-context";
import { requireRole } from "@/lib/session";
import { receiptEmailSchema } from "@/lib/validation/mail";

export async function emailReceiptAction(input: unknown): Promise<ActionResult<EmailReceiptResult>> {
  const actor = await requireRole("clerk");
  const parsed = parseInput(receiptEmailSchema, input);
  if (!parsed.ok) return parsed.result;
  try {
    const result = await emailReceiptNow(db, actor, parsed.data, await requestIp());
    revalidatePath(`/transactions/${parsed.data.transactionId}`);
    return { ok: true, data: result };
  } catch (err) {
    return failure(err);
  }
}
