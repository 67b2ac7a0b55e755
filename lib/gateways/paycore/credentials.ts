import { z } from "zod";

/** PayCore account credentials: HTTP Basic (commerce account id : API key) plus the callback secret. */
export const paycoreCredentialsSchema = z.object({
  commerceAccountId: z
    .string()
    .trim()
    .regex(/^coma_[A-Za-z0-9]+$/, "Commerce account ids start with coma_")
    .meta({ label: "Commerce account ID", help: "Starts with coma_. Used as the HTTP Basic user name." }),
  apiKey: z.string().trim().min(1).meta({ label: "API key", secret: true, help: "Issued by your PayCore manager; the HTTP Basic password." }),
  callbackSecret: z
    .string()
    .trim()
    .min(1)
    .meta({
      label: "Callback signing secret",
      secret: true,
      help: "The account's secret key (sk_test_… in test mode, sk_live_… live); verifies the X-Signature of callbacks.",
    }),
  cardgateBaseUrl: z
    .string()
    .trim()
    .default("")
    .meta({ label: "Card Gate URL (optional)", help: "CARDGATE_URL from your manager. Leave empty to use {base URL}/cardgate." }),
  service: z
    .string()
    .trim()
    .default("")
    .meta({ label: "Card payment service (optional)", help: "e.g. payment_card_usd_hpp. Leave empty to derive it from the account currency." }),
});

export type PaycoreCredentials = z.infer<typeof paycoreCredentialsSchema>;
