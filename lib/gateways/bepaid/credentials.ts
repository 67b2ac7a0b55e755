import { z } from "zod";

/** Spec §2: HTTP Basic with the numeric Shop ID and the 64-hex Secret key from the bePaid back office. */
export const bepaidCredentialsSchema = z.object({
  shopId: z
    .string()
    .trim()
    .regex(/^\d+$/, "Shop ID is a number")
    .meta({ label: "Shop ID", help: "Numeric Shop ID from the bePaid back office (Settings → Shop)." }),
  secretKey: z
    .string()
    .trim()
    .min(1, "Secret key is required")
    .meta({ label: "Secret key", secret: true, help: "The shop's Secret key (64 hexadecimal characters)." }),
});

export type BepaidCredentials = z.infer<typeof bepaidCredentialsSchema>;
