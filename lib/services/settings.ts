// Merchant-wide settings kept in AppSetting: the name, address and phone printed on receipts, the
// time zone used to interpret dates in history filters, whether clerks need a second factor, the
// billing country a new customer starts with, and whether receipts are emailed automatically.
import type { Db } from "../db";
import type { MerchantSettingsInput } from "../validation/admin";
import { recordAudit, type Actor } from "./audit";

export interface MerchantSettings {
  merchantName: string;
  /** Printed on receipts; may be empty. */
  merchantAddress: string;
  merchantPhone: string;
  timeZone: string;
  /** "optional" breaks PCI DSS 8.4.2 (MFA for all access into the cardholder data environment). */
  clerkMfa: ClerkMfa;
  /** ISO code; "" takes the country of the gateway account's currency (defaultBillingCountry in lib/countries.ts). */
  billingCountry: string;
  /** "automatic": a receipt is emailed after each approved sale or refund that has an email (lib/jobs/receipt-email.ts). */
  receiptEmails: ReceiptEmails;
}

export const CLERK_MFA = ["required", "optional"] as const;
export type ClerkMfa = (typeof CLERK_MFA)[number];

export const RECEIPT_EMAILS = ["manual", "automatic"] as const;
export type ReceiptEmails = (typeof RECEIPT_EMAILS)[number];

export const MERCHANT_DEFAULTS: MerchantSettings = {
  merchantName: "Keyed Demo Merchant",
  merchantAddress: "",
  merchantPhone: "",
  timeZone: "America/New_York",
  clerkMfa: "required",
  billingCountry: "",
  receiptEmails: "manual",
};

export const SETTING_KEYS = {
  merchantName: "merchant.name",
  merchantAddress: "merchant.address",
  merchantPhone: "merchant.phone",
  timeZone: "merchant.timeZone",
  clerkMfa: "security.clerkMfa",
  billingCountry: "merchant.billingCountry",
  receiptEmails: "receipts.email",
} as const satisfies Record<keyof MerchantSettings, string>;

export async function getMerchantSettings(db: Pick<Db, "appSetting">): Promise<MerchantSettings> {
  const rows = await db.appSetting.findMany({ where: { key: { in: Object.values(SETTING_KEYS) } } });
  const byKey = new Map(rows.map((r) => [r.key, r.value]));
  const read = (field: keyof MerchantSettings) => {
    const value = byKey.get(SETTING_KEYS[field]);
    return typeof value === "string" && value !== "" ? value : MERCHANT_DEFAULTS[field];
  };
  const clerkMfa = read("clerkMfa");
  const receiptEmails = read("receiptEmails");
  return {
    merchantName: read("merchantName"),
    merchantAddress: read("merchantAddress"),
    merchantPhone: read("merchantPhone"),
    timeZone: read("timeZone"),
    clerkMfa: (CLERK_MFA as readonly string[]).includes(clerkMfa) ? (clerkMfa as ClerkMfa) : MERCHANT_DEFAULTS.clerkMfa,
    billingCountry: read("billingCountry"),
    receiptEmails: (RECEIPT_EMAILS as readonly string[]).includes(receiptEmails) ? (receiptEmails as ReceiptEmails) : MERCHANT_DEFAULTS.receiptEmails,
  };
}

// Prisma ends an interactive transaction after 5 s by default; a new zone's recount of the dashboard's
// days took 7 s (28 s on a busy machine) at ten million transactions, so the zone could not be saved.
const RECOUNT_TIMEOUT = { timeout: 120_000 };

/** Saves the settings; the audit event names the fields that changed and their new values. */
export async function updateMerchantSettings(db: Db, actor: Actor, input: MerchantSettingsInput, ip?: string | null): Promise<MerchantSettings> {
  return db.$transaction(async (tx) => {
    const before = await getMerchantSettings(tx);
    const changes: Record<string, { from: string; to: string }> = {};
    for (const field of Object.keys(SETTING_KEYS) as (keyof MerchantSettings)[]) {
      if (before[field] === input[field]) continue;
      changes[field] = { from: before[field], to: input[field] };
      await tx.appSetting.upsert({ where: { key: SETTING_KEYS[field] }, create: { key: SETTING_KEYS[field], value: input[field] }, update: { value: input[field] } });
    }
    // The dashboard's days are counted in the merchant's zone: recount them in this transaction, so
    // they move with the setting (seconds at millions of transactions; payments wait meanwhile).
    if (changes.timeZone) await tx.$executeRaw`SELECT transaction_daily_rollup_rebuild(${input.timeZone})`;
    if (Object.keys(changes).length > 0) {
      await recordAudit(tx, { actor, action: "settings.update", targetType: "settings", targetId: "merchant", details: { changes }, ip });
    }
    return { ...input };
  }, RECOUNT_TIMEOUT);
}
