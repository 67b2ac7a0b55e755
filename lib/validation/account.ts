import * as z from "zod/mini";

export const PASSWORD_MIN_LENGTH = 12;

// Passwords of 12+ characters that still top breach lists; shorter ones already fail the length rule.
const COMMON_PASSWORDS = new Set([
  "123456789012",
  "1234567890123",
  "12345678901234",
  "123456123456",
  "111111111111",
  "000000000000",
  "password1234",
  "password12345",
  "password123456",
  "passwordpassword",
  "password123!",
  "qwertyuiop12",
  "qwerty123456",
  "qwertyuiopasdf",
  "1q2w3e4r5t6y",
  "1qaz2wsx3edc",
  "abcdefghijkl",
  "abc123abc123",
  "iloveyou1234",
  "letmein12345",
  "welcome12345",
  "welcome@1234",
  "administrator",
  "admin1234567",
  "changeme1234",
  "trustno1trustno1",
  "football1234",
  "baseball1234",
  "sunshine1234",
  "princess1234",
  "monkey123456",
  "dragon123456",
  "masterkey123",
  "keyedpassword",
]);

/** True for a password on the common list, or one character repeated. */
export function isCommonPassword(password: string): boolean {
  const p = password.trim().toLowerCase();
  return COMMON_PASSWORDS.has(p) || /^(.)\1*$/.test(p);
}

/** The rule for every new password, whoever sets it. */
export const newPasswordSchema = z
  .string()
  .check(
    z.minLength(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters`),
    z.maxLength(200, "That password is too long"),
    z.refine((p) => !isCommonPassword(p), "That password is too common. Choose another one."),
  );

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().check(z.minLength(1, "Enter your current password"), z.maxLength(200, "That password is too long")),
    newPassword: newPasswordSchema,
    confirmPassword: z.string(),
  })
  .check(
    z.refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "The two new passwords do not match" }),
    z.refine((v) => v.newPassword !== v.currentPassword, { path: ["newPassword"], message: "Choose a password different from the current one" }),
  );
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
