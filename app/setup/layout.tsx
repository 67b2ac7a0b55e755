import type { ReactNode } from "react";
import { signOutAction } from "@/app/sign-in/actions";

// Pages a signed-in user passes through before the app: changing an admin-set password, setting up
// the second factor. Each page checks the session itself (requireSignedIn), not the role.
export default function SetupLayout({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-start justify-center p-6 sm:items-center">
      <div className="w-full max-w-lg rounded-xl border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-8 shadow-sm">
        <p className="text-2xl font-semibold tracking-tight">Keyed</p>
        {children}
        <form action={signOutAction} className="mt-6 border-t border-slate-100 dark:border-slate-800 pt-4">
          <button type="submit" className="text-sm text-slate-600 dark:text-slate-400 underline">
            Sign out
          </button>
        </form>
      </div>
    </main>
  );
}
