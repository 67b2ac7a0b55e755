import { MerchantSettingsForm } from "@/components/admin/merchant-settings-form";
import { db } from "@/lib/db";
import { getMerchantSettings } from "@/lib/services/settings";
import { requirePageRole } from "@/lib/session";

export const metadata = { title: "Settings" };

export default async function Page() {
  await requirePageRole("admin");
  const settings = await getMerchantSettings(db);
  return (
    <section className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">Settings</h1>
      <MerchantSettingsForm initial={settings} timeZones={Intl.supportedValuesOf("timeZone")} />
    </section>
  );
}
