import { redirect } from "next/navigation";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { requireSignedIn } from "@/lib/session";

export const metadata = { title: "Choose your password" };

export default async function Page() {
  const user = await requireSignedIn();
  if (user.setupStep !== "password") redirect("/");
  return (
    <>
      <h1 className="mb-1 mt-4 text-lg font-semibold">Choose your own password</h1>
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
        {user.email}: your password was set by an admin. Choose a new one before you continue; the current one is the password you
        signed in with.
      </p>
      <ChangePasswordForm continueTo="/" />
    </>
  );
}
