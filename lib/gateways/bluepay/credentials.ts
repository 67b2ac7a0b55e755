import { z } from "zod";

/** BluePay credentials (spec §1): a 12-digit Account ID and a 32-character Secret Key that only feeds the seal. */
export const bluepayCredentialsSchema = z.object({
  accountId: z
    .string()
    .trim()
    .regex(/^\d{12}$/, "The BluePay Account ID is 12 digits")
    .meta({ label: "Account ID", help: "12 digits, from Administration → Accounts in the BluePay gateway." }),
  secretKey: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{32}$/, "The BluePay Secret Key is 32 letters and digits")
    .meta({ label: "Secret Key", secret: true, help: "32 characters. Never sent to BluePay; it signs every request (TAMPER_PROOF_SEAL)." }),
});

export type BluepayCredentials = z.infer<typeof bluepayCredentialsSchema>;
