"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { redirect } from "next/navigation";
import { parseInput, type ActionResult } from "@/lib/action-result";
import { signIn, signOut } from "@/lib/auth";
import { SIGN_IN_MESSAGES } from "@/lib/services/sign-in";
import { signInSchema } from "@/lib/validation/auth";

/** Only same-site paths, so a crafted ?next= cannot send a clerk to another site. */
function safeNext(next: unknown): string {
  return typeof next === "string" && next.startsWith("/") && !next.startsWith("//") ? next : "/terminal";
}

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
  redirect(safeNext(next));
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}
