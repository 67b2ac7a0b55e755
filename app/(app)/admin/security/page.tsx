import { CspReportsTable } from "@/components/admin/csp-reports-table";
import { db } from "@/lib/db";
import { listCspReports } from "@/lib/services/csp-reports";
import { getMerchantSettings } from "@/lib/services/settings";
import { requirePageRole } from "@/lib/session";

export const metadata = { title: "Security reports" };

export default async function Page() {
  await requirePageRole("admin");
  const [reports, { timeZone }] = await Promise.all([listCspReports(db), getMerchantSettings(db)]);
  return (
    <section className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">Security reports</h1>
      <p className="max-w-3xl text-sm text-slate-600">
        What browsers blocked on Keyed&apos;s pages because the Content-Security-Policy does not allow it: a script, a connection or
        an image from somewhere Keyed does not use. On the terminal or another payment page this can mean someone changed the
        page to read card numbers (PCI DSS 11.6.1); find out where it came from. A browser extension can cause reports too.
      </p>
      <CspReportsTable reports={reports} timeZone={timeZone} />
    </section>
  );
}
