/** The administration areas, for the landing page and the section navigation. */
export const ADMIN_SECTIONS = [
  { href: "/admin/gateways", title: "Gateway accounts", description: "Merchant accounts at each gateway, their credentials, mode and the terminal's default." },
  { href: "/admin/users", title: "Users", description: "Who can sign in, their roles, and password resets." },
  { href: "/admin/audit", title: "Audit log", description: "Every sign-in, payment and administrative change, with CSV export." },
  { href: "/admin/settings", title: "Settings", description: "Merchant name on receipts and the time zone for date filters." },
] as const;
