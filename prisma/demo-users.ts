/** Sandbox-only sign-ins, printed by `npm start` and listed in the README. */
export const DEMO_USERS = [
  { email: "clerk@keyed.test", name: "Casey Clerk", role: "clerk", password: "demo-clerk-pass" },
  { email: "manager@keyed.test", name: "Morgan Manager", role: "manager", password: "demo-manager-pass" },
  { email: "admin@keyed.test", name: "Alex Admin", role: "admin", password: "demo-admin-pass" },
] as const;
