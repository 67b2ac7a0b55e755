import { expect, type Page } from "@playwright/test";
import { DEMO_USERS } from "../../prisma/demo-users";

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

/** Signs in as the demo user of `role` and waits for the terminal page. */
export async function signIn(page: Page, role: DemoRole): Promise<void> {
  await page.goto("/sign-in");
  await submitSignIn(page, DEMO[role].email, DEMO[role].password);
  await page.waitForURL("**/terminal");
  await expect(page.getByTestId("current-user")).toContainText(DEMO[role].name);
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL("**/sign-in**");
}
