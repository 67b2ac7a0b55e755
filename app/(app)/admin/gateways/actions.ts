"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { failure, parseInput, type ActionResult } from "@/lib/action-result";
import type { ConnectionTestResult } from "@/lib/gateways";
import {
  CredentialsError,
  createGatewayAccount,
  setGatewayAccountActive,
  testGatewayAccountDraft,
  testSavedGatewayAccount,
  updateGatewayAccount,
} from "@/lib/services/gateway-accounts";
import { db } from "@/lib/db";
import { requireRole } from "@/lib/session";
import { updateRiskSettings } from "@/lib/services/risk-settings";
import { gatewayAccountSchema } from "@/lib/validation/admin";
import { riskSettingsSchema } from "@/lib/validation/risk";
import { requestIp } from "@/lib/request-context";

const accountId = z.string().min(1).max(64);
const optionalAccountId = accountId.nullable();

/** Credential errors come back for several fields at once, next to each field. */
function credentialsFailure(err: unknown): ActionResult<never> {
  if (err instanceof CredentialsError) return { ok: false, error: err.message, fieldErrors: err.fieldErrors };
  return failure(err);
}

/**
 * Saves the form. `retest`: the admin tested in the form, so what was saved is tested again and the
 * account is flagged (or cleared) by that result, not by a draft that may differ from it.
 */
export async function saveGatewayAccountAction(id: string | null, input: unknown, retest: unknown = false): Promise<ActionResult<{ id: string }>> {
  const actor = await requireRole("admin");
  const target = optionalAccountId.safeParse(id);
  if (!target.success) return { ok: false, error: "That gateway account was not found." };
  const parsed = parseInput(gatewayAccountSchema, input);
  if (!parsed.ok) return parsed.result;
  try {
    const ip = await requestIp();
    const account = target.data
      ? await updateGatewayAccount(db, actor, target.data, parsed.data, ip)
      : await createGatewayAccount(db, actor, parsed.data, ip);
    if (retest === true) await testSavedGatewayAccount(db, actor, account.id, ip);
    revalidatePath("/admin/gateways");
    return { ok: true, data: { id: account.id } };
  } catch (err) {
    return credentialsFailure(err);
  }
}

/** Tests the form's values before saving (empty secret fields use the stored ones of `id`). */
export async function testGatewayDraftAction(id: string | null, input: unknown): Promise<ActionResult<ConnectionTestResult>> {
  const actor = await requireRole("admin");
  const target = optionalAccountId.safeParse(id);
  if (!target.success) return { ok: false, error: "That gateway account was not found." };
  const parsed = parseInput(gatewayAccountSchema, input);
  if (!parsed.ok) return parsed.result;
  try {
    return { ok: true, data: await testGatewayAccountDraft(db, actor, parsed.data, target.data ?? undefined, await requestIp()) };
  } catch (err) {
    return credentialsFailure(err);
  }
}

export async function testGatewayAccountAction(id: string): Promise<ActionResult<ConnectionTestResult>> {
  const actor = await requireRole("admin");
  const target = accountId.safeParse(id);
  if (!target.success) return { ok: false, error: "That gateway account was not found." };
  try {
    return { ok: true, data: await testSavedGatewayAccount(db, actor, target.data, await requestIp()) };
  } catch (err) {
    return failure(err);
  }
}

export async function setGatewayAccountActiveAction(id: string, active: boolean): Promise<ActionResult<null>> {
  const actor = await requireRole("admin");
  const parsed = parseInput(z.object({ id: accountId, active: z.boolean() }), { id, active });
  if (!parsed.ok) return parsed.result;
  try {
    await setGatewayAccountActive(db, actor, parsed.data.id, parsed.data.active, await requestIp());
    revalidatePath("/admin/gateways");
    return { ok: true, data: null };
  } catch (err) {
    return failure(err);
  }
}

/** Saves an account's AVS/CVV rules and repeat window (audited); rules that void most sales need `confirmVoidMost`. */
export async function saveRiskSettingsAction(input: unknown): Promise<ActionResult<null>> {
  const actor = await requireRole("admin");
  const parsed = parseInput(riskSettingsSchema, input);
  if (!parsed.ok) return parsed.result;
  try {
    await updateRiskSettings(db, actor, parsed.data, await requestIp());
    revalidatePath(`/admin/gateways/${parsed.data.accountId}/risk`);
    return { ok: true, data: null };
  } catch (err) {
    return failure(err);
  }
}
