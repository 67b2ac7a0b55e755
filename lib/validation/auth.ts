import * as z from "zod/mini";

export const signInSchema = z.object({
  email: z.string().check(z.trim(), z.minLength(1, "Enter your email"), z.maxLength(254, "That email is too long"), z.email("Enter a valid email")),
  password: z.string().check(z.minLength(1, "Enter your password"), z.maxLength(200, "That password is too long")),
  /** Asked for only once the password was right, for users with a second factor. */
  code: z.optional(z.string().check(z.trim(), z.maxLength(20, "A code is 6 digits, a recovery code 10 letters and digits"))),
});

/** Confirms a new authenticator during enrollment. */
export const totpCodeSchema = z.object({
  code: z.string().check(z.trim(), z.regex(/^\d{6}$/, "Enter the 6-digit code your authenticator app shows")),
});
export type SignInInput = z.infer<typeof signInSchema>;

const ORIGIN = "http://keyed.invalid";

/**
 * Where to go after signing in: a path of this app, never another site. The value is resolved the
 * way a browser resolves it (so `/\evil.test`, `/\t/evil.test` and `//evil.test` are seen for the
 * other hosts they are) and kept only when it stays on this origin.
 */
export function safeNextPath(next: unknown, fallback = "/"): string {
  if (typeof next !== "string" || !next.startsWith("/")) return fallback;
  try {
    const url = new URL(next, ORIGIN);
    return url.origin === ORIGIN ? `${url.pathname}${url.search}${url.hash}` : fallback;
  } catch {
    return fallback;
  }
}
