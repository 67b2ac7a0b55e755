"use server";

import { revalidatePath } from "next/cache";
import { failure, parseInput, type ActionResult } from "@/lib/action-result";
import { db } from "@/lib/db";
import { updateMerchantSettings, type MerchantSettings } from "@/lib/services/settings";
import { requireRole } from "@/lib/session";
import { merchantSettingsSchema } from "@/lib/validation/admin";
import { sendTestEmail, updateSmtpSettings, type SmtpSettingsView } from "@/lib/services/mail-settings";
import { smtpSettingsSchema, testEmailSchema } from "@/lib/validation/mail";
import { requestIp } from "@/lib/request-context";

export async function saveMerchantSettingsAction(input: unknown): Promise<ActionResult<MerchantSettings>> {
  const actor = await requireRole("admin");
  const parsed = parseInput(merchantSettingsSchema, input);
  if (!parsed.ok) return parsed.result;
  try {
    const saved = await updateMerchantSettings(db, actor, parsed.data, await requestIp());
    revalidatePath("/", "layout");
    return { ok: true, data: saved };
  } catch (err) {
    return failure(err);
  }
}

export async function saveSmtpSettingsAction(input: unknown): Promise<ActionResult<SmtpSettingsView>> {
  const actor = await requireRole("admin");
  const parsed = parseInput(smtpSettingsSchema, input);
  if (!parsed.ok) return parsed.result;
  try {
    const saved = await updateSmtpSettings(db, actor, parsed.data, await requestIp());
    revalidatePath("/admin/settings");
    return { ok: true, data: saved };
  } catch (err) {
    return failure(err);
  }
}

export async function sendTestEmailAction(input: unknown): Promise<ActionResult<{ sent: true } | { sent: false; error: string }>> {
  const actor = await requireRole("admin");
  const parsed = parseInput(testEmailSchema, input);
  if (!parsed.ok) return parsed.result;
  return { ok: true, data: await sendTestEmail(db, actor, parsed.data.to, await requestIp()) };
}
