import { MerchantSettingsForm } from "@/components/admin/merchant-settings-form";
import { SmtpSettingsForm } from "@/components/admin/smtp-settings-form";
import { getSmtpSettings } from "@/lib/services/mail-settings";
import { db } from "@/lib/db";
import { getMerchantSettings } from "@/lib/services/settings";
import { requirePageRole } from "@/lib/session";

export const metadata = { title: "Settings" };

export default async function Page() {
  const admin = await requirePageRole("admin");
  const [settings, smtp] = await Promise.all([getMerchantSettings(db), getSmtpSettings(db)]);
  return (
    <section className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">Settings</h1>
      <MerchantSettingsForm initial={settings} timeZones={Intl.supportedValuesOf("timeZone")} />
      <SmtpSettingsForm initial={smtp} adminEmail={admin.email} />
    </section>
  );
}
