import type { ReactNode } from "react";
import { NavLink } from "@/components/shell/nav-link";
import { requirePageRole } from "@/lib/session";
import { ADMIN_SECTIONS } from "@/components/admin/sections";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requirePageRole("admin");
  return (
    <div className="flex flex-col gap-6">
      <nav aria-label="Administration" className="flex flex-wrap gap-1 border-b border-slate-200 dark:border-slate-700 pb-3">
        {ADMIN_SECTIONS.map((s) => (
          <NavLink key={s.href} href={s.href}>
            {s.title}
          </NavLink>
        ))}
      </nav>
      {children}
    </div>
  );
}
