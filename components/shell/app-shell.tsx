import Link from "next/link";
import type { ReactNode } from "react";
import { signOutAction } from "@/app/sign-in/actions";
import { hasRole, NAV_ITEMS, ROLE_LABELS } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/session";
import { NavLink } from "./nav-link";

export function AppShell({ user, children }: { user: SessionUser; children: ReactNode }) {
  const items = NAV_ITEMS.filter((item) => hasRole(user.role, item.role));
  return (
    <div className="min-h-screen">
      <header className="no-print border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl items-center gap-6 px-4 py-3">
          <Link href="/terminal" className="text-lg font-semibold tracking-tight">
            Keyed
          </Link>
          <nav aria-label="Main" className="flex gap-1">
            {items.map((item) => (
              <NavLink key={item.href} href={item.href}>
                {item.label}
              </NavLink>
            ))}
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">
            <span data-testid="current-user">
              {user.name} · <span className="text-slate-500">{ROLE_LABELS[user.role]}</span>
            </span>
            <Link href="/account" className="rounded-md px-2 py-1 text-slate-600 hover:bg-slate-100">
              Account
            </Link>
            <form action={signOutAction}>
              <button type="submit" className="rounded-md px-2 py-1 text-slate-600 hover:bg-slate-100">
                Sign out
              </button>
            </form>
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </div>
  );
}
