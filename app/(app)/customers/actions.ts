"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { failure, parseInput, type ActionResult } from "@/lib/action-result";
import { requestIp } from "@/lib/request-context";
import { db } from "@/lib/db";
import { requireRole } from "@/lib/session";
import { createCustomer, removeCard, updateCustomer } from "@/lib/services/customers";
import { customerSchema, removeCardSchema } from "@/lib/validation/customer";

const customerId = z.string().min(1).max(64).nullable();

export async function saveCustomerAction(id: string | null, input: unknown): Promise<ActionResult<{ id: string }>> {
  const actor = await requireRole("clerk");
  const target = customerId.safeParse(id);
  if (!target.success) return { ok: false, error: "That customer was not found." };
  const parsed = parseInput(customerSchema, input);
  if (!parsed.ok) return parsed.result;
  try {
    const ip = await requestIp();
    const saved = target.data ? await updateCustomer(db, actor, target.data, parsed.data, ip) : await createCustomer(db, actor, parsed.data, ip);
    revalidatePath("/customers");
    revalidatePath(`/customers/${saved.id}`);
    return { ok: true, data: saved };
  } catch (err) {
    return failure(err);
  }
}

export async function removeCardAction(input: unknown): Promise<ActionResult<null>> {
  const actor = await requireRole("clerk");
  const parsed = parseInput(removeCardSchema, input);
  if (!parsed.ok) return parsed.result;
  try {
    await removeCard(db, actor, parsed.data.customerId, parsed.data.paymentMethodId, await requestIp());
    revalidatePath(`/customers/${parsed.data.customerId}`);
    return { ok: true, data: null };
  } catch (err) {
    return failure(err);
  }
}
