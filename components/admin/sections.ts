/** The administration areas, for the landing page and the section navigation. */
export const ADMIN_SECTIONS = [
  { href: "/admin/gateways", title: "Gateway accounts", description: "Merchant accounts at each gateway, their credentials, mode and the terminal's default." },
  { href: "/admin/users", title: "Users", description: "Who can sign in, their roles, and password resets." },
  { href: "/admin/limits", title: "Limits", description: "Largest sale, sales and refunds per day by role and user, and attempts per card per hour." },
  { href: "/admin/audit", title: "Audit log", description: "Every sign-in, payment and administrative change, with CSV export." },
  { href: "/admin/security", title: "Security reports", description: "Scripts and other content browsers blocked on Keyed's pages (Content-Security-Policy reports)." },
  { href: "/admin/system", title: "System", description: "Gateway accounts' error rates and latency, the job queue and its failed jobs, the reconciler's backlog, version." },
  { href: "/admin/settings", title: "Settings", description: "Merchant name on receipts and the time zone for date filters." },
] as const;
