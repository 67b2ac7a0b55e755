import { expect, type Page } from "@playwright/test";
import { DEMO_TOTP_SECRET, DEMO_USERS } from "../../prisma/demo-users";
import { codeAt, timeStep } from "../../lib/auth/totp";
import { query } from "./db";

export type DemoRole = "clerk" | "manager" | "admin";

/** The seeded sandbox users, by role. */
export const DEMO = Object.fromEntries(DEMO_USERS.map((u) => [u.role, { email: u.email, password: u.password, name: u.name }])) as Record<
  DemoRole,
  { email: string; password: string; name: string }
>;

/** Fills the sign-in form (page must show it, or it is opened) and submits it, without waiting for the outcome. */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  if (!new URL(page.url(), "http://x").pathname.startsWith("/sign-in")) await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/**
 * A code the server will accept for this user now, as an authenticator app would show it. Each
 * code is accepted once: the server keeps the last accepted time step and takes only a later one
 * within its ±1 step window. The suite signs in as the same demo user many times a minute, which no
 * person does (they would wait for the next code); rather than wait up to 30 s, it then moves the
 * user's last accepted step back, as arranging state a user cannot. The replay refusal itself is
 * attacked in e2e/foundation/mfa.spec.ts and lib/services/mfa.int.test.ts.
 */
export async function freshCode(email: string, secret = DEMO_TOTP_SECRET): Promise<string> {
  const [row] = await query<{ totpLastStep: number | null }>(`SELECT "totpLastStep" FROM "User" WHERE email = $1`, [email]);
  const now = timeStep();
  const next = (row?.totpLastStep ?? 0) + 1;
  if (next <= now) return codeAt(secret, now);
  if (next === now + 1) return codeAt(secret, next);
  await query(`UPDATE "User" SET "totpLastStep" = $2 WHERE email = $1`, [email, now - 1]);
  return codeAt(secret, now);
}

/** Answers the sign-in form's second step with a fresh code. */
export async function submitCode(page: Page, email: string, secret = DEMO_TOTP_SECRET): Promise<void> {
  const field = page.getByLabel("Authentication code");
  await expect(field).toBeVisible();
  await field.fill(await freshCode(email, secret));
  await page.getByRole("button", { name: "Verify" }).click();
}

/** Password and code, for a user with a second factor. */
export async function signInWith(page: Page, email: string, password: string, secret = DEMO_TOTP_SECRET): Promise<void> {
  await submitSignIn(page, email, password);
  await submitCode(page, email, secret);
}

/** Where signing in lands: managers and admins on the dashboard, clerks on the terminal. */
export const LANDING: Record<DemoRole, string> = { clerk: "/terminal", manager: "/dashboard", admin: "/dashboard" };
/** Either landing page (for users whose role a spec does not fix). */
export const SIGNED_IN_URL = /\/(terminal|dashboard)$/;

/**
 * Signs in as the demo user of `role` (password and TOTP code), waits for the role's landing page,
 * then opens the terminal, where most specs start; `{ stay: true }` stays on the landing page.
 */
export async function signIn(page: Page, role: DemoRole, opts: { stay?: boolean } = {}): Promise<void> {
  await page.goto("/sign-in");
  await signInWith(page, DEMO[role].email, DEMO[role].password);
  await page.waitForURL(`**${LANDING[role]}`);
  await expect(page.getByTestId("current-user")).toContainText(DEMO[role].name);
  if (!opts.stay && LANDING[role] !== "/terminal") {
    await page.goto("/terminal");
    await expect(page.locator("h1").first()).toBeVisible();
  }
}

/**
 * On the set-up page a user without a second factor is sent to: reads the key shown, confirms it
 * with a code, keeps the recovery codes and continues. Returns the key and the codes.
 */
export async function enrollMfa(page: Page): Promise<{ secret: string; recoveryCodes: string[] }> {
  await page.waitForURL("**/setup/mfa");
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  await page.getByLabel("Code from the app").fill(codeAt(secret, timeStep()));
  await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  await expect(page.getByTestId("recovery-codes")).toBeVisible();
  const recoveryCodes = (await page.getByTestId("recovery-codes").locator("li").allTextContents()).map((c) => c.trim());
  await page.getByRole("button", { name: /I have saved them/ }).click();
  await page.waitForURL(SIGNED_IN_URL);
  return { secret, recoveryCodes };
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL("**/sign-in**");
}
