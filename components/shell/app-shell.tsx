import Link from "next/link";
import type { ReactNode } from "react";
import { signOutAction } from "@/app/sign-in/actions";
import { hasRole, NAV_ITEMS, ROLE_LABELS } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/session";
import { CollapsibleNav } from "./collapsible-nav";
import { KeyboardShortcuts } from "./keyboard-shortcuts";
import { NavLink } from "./nav-link";

export function AppShell({ user, children }: { user: SessionUser; children: ReactNode }) {
  const items = NAV_ITEMS.filter((item) => hasRole(user.role, item.role));
  return (
    <div className="min-h-screen">
      <header className="no-print border-b border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-3 px-4 py-3">
          <Link href="/terminal" className="text-lg font-semibold tracking-tight">
            Keyed
          </Link>
          <CollapsibleNav>
            <nav aria-label="Main" className="flex flex-col gap-1 lg:flex-row">
              {items.map((item) => (
                <NavLink key={item.href} href={item.href}>
                  {item.label}
                </NavLink>
              ))}
            </nav>
            <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 dark:border-slate-700 pt-3 text-sm lg:ml-auto lg:border-0 lg:pt-0">
              <span data-testid="current-user">
                {user.name} · <span className="text-slate-500 dark:text-slate-400">{ROLE_LABELS[user.role]}</span>
              </span>
              <Link href="/account" className="rounded-md px-2 py-1 text-slate-600 dark:text-slate-400 hover:bg-slate-100 dark:hover:bg-slate-800">
                Account
              </Link>
              <form action={signOutAction}>
                <button type="submit" className="rounded-md px-2 py-1 text-slate-600 dark:text-slate-400 hover:bg-slate-100 dark:hover:bg-slate-800">
                  Sign out
                </button>
              </form>
            </div>
          </CollapsibleNav>
          <KeyboardShortcuts />
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </div>
  );
}
