import { z } from "zod";

export const signInSchema = z.object({
  email: z.string().trim().min(1, "Enter your email").max(254, "That email is too long").email("Enter a valid email"),
  password: z.string().min(1, "Enter your password").max(200, "That password is too long"),
});
export type SignInInput = z.infer<typeof signInSchema>;
