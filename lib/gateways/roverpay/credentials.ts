import { z } from "zod";

const noStar = (label: string) => z.string().trim().min(1, `${label} is required`).regex(/^[^*]+$/, `${label} may not contain "*"`);

/**
 * Spec §2, §3.1: the `atoken` access token travels in the JSON body; `entity` picks the company
 * database, `store` the merchant location (merchant accounts are bound per store) and `reg` the
 * register / process. store and reg become parts of every resultId (`store*date*reg*tran*seq`).
 */
export const roverpayCredentialsSchema = z.object({
  atoken: z
    .string()
    .trim()
    .min(1, "Access token is required")
    .meta({ label: "Access token (atoken)", secret: true, help: "The atoken Zumasys issued for this Rover Pay account." }),
  entity: noStar("Entity").meta({ label: "Entity", help: "The Rover Pay entity (company database) the account belongs to." }),
  store: noStar("Store").meta({ label: "Store", help: 'Merchant location; merchant accounts are assigned per store. Usually "1".' }),
  reg: noStar("Register").meta({ label: "Register (reg)", help: "Identifies this terminal / process to Rover Pay, e.g. 110." }),
});

export type RoverpayCredentials = z.infer<typeof roverpayCredentialsSchema>;
