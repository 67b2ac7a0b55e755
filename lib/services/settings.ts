// Merchant-wide settings kept in AppSetting: the name printed on receipts and the time zone
// used to interpret dates in history filters.
import type { Db } from "../db";
import type { MerchantSettingsInput } from "../validation/admin";
import { recordAudit, type Actor } from "./audit";

export interface MerchantSettings {
  merchantName: string;
  timeZone: string;
}

export const MERCHANT_DEFAULTS: MerchantSettings = { merchantName: "Keyed Demo Merchant", timeZone: "America/New_York" };

const KEYS = { merchantName: "merchant.name", timeZone: "merchant.timeZone" } as const satisfies Record<keyof MerchantSettings, string>;

export async function getMerchantSettings(db: Pick<Db, "appSetting">): Promise<MerchantSettings> {
  const rows = await db.appSetting.findMany({ where: { key: { in: Object.values(KEYS) } } });
  const byKey = new Map(rows.map((r) => [r.key, r.value]));
  const read = (field: keyof MerchantSettings) => {
    const value = byKey.get(KEYS[field]);
    return typeof value === "string" && value !== "" ? value : MERCHANT_DEFAULTS[field];
  };
  return { merchantName: read("merchantName"), timeZone: read("timeZone") };
}

/** Saves the settings; the audit event names the fields that changed and their new values. */
export async function updateMerchantSettings(db: Db, actor: Actor, input: MerchantSettingsInput, ip?: string | null): Promise<MerchantSettings> {
  return db.$transaction(async (tx) => {
    const before = await getMerchantSettings(tx);
    const changes: Record<string, { from: string; to: string }> = {};
    for (const field of Object.keys(KEYS) as (keyof MerchantSettings)[]) {
      if (before[field] === input[field]) continue;
      changes[field] = { from: before[field], to: input[field] };
      await tx.appSetting.upsert({ where: { key: KEYS[field] }, create: { key: KEYS[field], value: input[field] }, update: { value: input[field] } });
    }
    if (Object.keys(changes).length > 0) {
      await recordAudit(tx, { actor, action: "settings.update", targetType: "settings", targetId: "merchant", details: { changes }, ip });
    }
    return { ...input };
  });
}
