import * as z from "zod/mini";

export const signInSchema = z.object({
  email: z.string().check(z.trim(), z.minLength(1, "Enter your email"), z.maxLength(254, "That email is too long"), z.email("Enter a valid email")),
  password: z.string().check(z.minLength(1, "Enter your password"), z.maxLength(200, "That password is too long")),
});
export type SignInInput = z.infer<typeof signInSchema>;
