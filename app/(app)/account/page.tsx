import { ChangePasswordForm } from "@/components/account/change-password-form";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { requirePageRole } from "@/lib/session";

export const metadata = { title: "Account" };

export default async function Page() {
  const user = await requirePageRole("clerk");
  return (
    <section className="flex max-w-xl flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Account</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          {user.name} · {user.email} · {ROLE_LABELS[user.role]}
        </p>
      </div>
      <ChangePasswordForm />
    </section>
  );
}
