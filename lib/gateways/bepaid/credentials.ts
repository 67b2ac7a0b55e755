import { z } from "zod";
import { parseWebhookPublicKey } from "./public-key";

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
  // Spec §9: setting it turns webhooks on for this account; each must then carry a Content-Signature it verifies.
  webhookPublicKey: z
    .string()
    .trim()
    .default("")
    .refine((v) => v === "" || parseWebhookPublicKey(v) !== null, "Not an RSA public key: paste the shop's public key from the bePaid back office")
    .meta({
      label: "Webhook public key (optional)",
      help: "The shop's public key from the bePaid back office (Settings → Shop). Set it to receive webhooks: each must be signed with the shop's key (Content-Signature) and carry the Shop ID and Secret key.",
    }),
});

export type BepaidCredentials = z.infer<typeof bepaidCredentialsSchema>;
