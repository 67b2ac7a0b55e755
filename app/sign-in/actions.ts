"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { redirect } from "next/navigation";
import { parseInput, type ActionResult } from "@/lib/action-result";
import { signIn, signOut } from "@/lib/auth";
import { SIGN_IN_MESSAGES } from "@/lib/services/sign-in";
import { safeNextPath, signInSchema } from "@/lib/validation/auth";

export async function signInAction(input: unknown, next?: string): Promise<ActionResult<never>> {
  const parsed = parseInput(signInSchema, input);
  if (!parsed.ok) return parsed.result;
  try {
    await signIn("credentials", { ...parsed.data, redirect: false });
  } catch (err) {
    if (err instanceof CredentialsSignin) {
      return { ok: false, error: err.code === "locked" ? SIGN_IN_MESSAGES.locked : SIGN_IN_MESSAGES.invalid };
    }
    if (err instanceof AuthError) return { ok: false, error: SIGN_IN_MESSAGES.invalid };
    throw err;
  }
  redirect(safeNextPath(next));
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}
