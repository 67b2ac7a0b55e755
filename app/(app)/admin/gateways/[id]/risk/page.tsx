import Link from "next/link";
import { notFound } from "next/navigation";
import { RiskRulesForm } from "@/components/admin/risk-rules-form";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/services/errors";
import { getRiskSettings } from "@/lib/services/risk-settings";
import { requirePageRole } from "@/lib/session";

export const metadata = { title: "Risk rules" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  await requirePageRole("admin");
  const { id } = await params;
  const settings = await getRiskSettings(db, id).catch((err: unknown) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
  return (
    <section className="flex flex-col gap-4">
      <p className="text-sm">
        <Link href={`/admin/gateways/${settings.accountId}`} className="text-brand-700 underline dark:text-brand-300">
          {settings.label}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">Risk rules: {settings.label}</h1>
      <RiskRulesForm settings={settings} />
    </section>
  );
}
