"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { redirect } from "next/navigation";
import { parseInput, type ActionResult } from "@/lib/action-result";
import { signIn, signOut } from "@/lib/auth";
import { SIGN_IN_MESSAGES } from "@/lib/services/sign-in";
import { safeNextPath, signInSchema } from "@/lib/validation/auth";

/** A failure with `askCode`: the password was right; the form now asks for the second factor. */
export type SignInActionResult = ActionResult<never> | { ok: false; error: string; askCode: true };

const isMessage = (code: string): code is keyof typeof SIGN_IN_MESSAGES => code in SIGN_IN_MESSAGES;

export async function signInAction(input: unknown, next?: string): Promise<SignInActionResult> {
  const parsed = parseInput(signInSchema, input);
  if (!parsed.ok) return parsed.result;
  try {
    await signIn("credentials", { ...parsed.data, redirect: false });
  } catch (err) {
    if (err instanceof CredentialsSignin) {
      const code = isMessage(err.code) ? err.code : "invalid";
      if (code === "code_required" || code === "wrong_code") return { ok: false, error: SIGN_IN_MESSAGES[code], askCode: true };
      return { ok: false, error: SIGN_IN_MESSAGES[code] };
    }
    if (err instanceof AuthError) return { ok: false, error: SIGN_IN_MESSAGES.invalid };
    throw err;
  }
  redirect(safeNextPath(next));
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}
