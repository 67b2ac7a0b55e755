// Roles are cumulative: a manager can do all a clerk can, an admin all a manager can.
// Shared by server (enforcement) and browser (what to show).

export const ROLES = ["clerk", "manager", "admin"] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { clerk: 1, manager: 2, admin: 3 };

export function hasRole(actual: Role, required: Role): boolean {
  return RANK[actual] >= RANK[required];
}

export const ROLE_LABELS: Record<Role, string> = { clerk: "Clerk", manager: "Manager", admin: "Admin" };

/** The navigation, and the least role each section needs. */
export const NAV_ITEMS: readonly { href: string; label: string; role: Role }[] = [
  { href: "/dashboard", label: "Dashboard", role: "manager" },
  { href: "/terminal", label: "Terminal", role: "clerk" },
  { href: "/customers", label: "Customers", role: "clerk" },
  { href: "/transactions", label: "Transactions", role: "clerk" },
  { href: "/schedules", label: "Schedules", role: "clerk" },
  { href: "/approvals", label: "Approvals", role: "manager" },
  { href: "/reports/settlement", label: "Settlement", role: "manager" },
  { href: "/admin", label: "Admin", role: "admin" },
];
