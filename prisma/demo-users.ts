/** Sandbox-only sign-ins, printed by `npm start` and listed in the README. */
export const DEMO_USERS = [
  { email: "clerk@keyed.test", name: "Casey Clerk", role: "clerk", password: "demo-clerk-pass" },
  { email: "manager@keyed.test", name: "Morgan Manager", role: "manager", password: "demo-manager-pass" },
  { email: "admin@keyed.test", name: "Alex Admin", role: "admin", password: "demo-admin-pass" },
] as const;

/**
 * The authenticator key of every demo user (sandbox only, published like the passwords): add it to
 * an authenticator app, or run `npm run demo:code` for the current code.
 */
export const DEMO_TOTP_SECRET = "KEYEDDEMOSANDBOXONLYDEMOSANDBOX2";
