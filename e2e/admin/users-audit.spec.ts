import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signIn, signOut, submitSignIn } from "../support/auth";

test("an admin creates a user with a temporary password; the user signs in and changes it; the audit log shows both and exports them", async ({ page }) => {
  const email = `new-${randomBytes(4).toString("hex")}@keyed.test`;
  const newPassword = `a long new passphrase ${randomBytes(2).toString("hex")}`;

  await signIn(page, "admin");
  await page.goto("/admin/users");
  const create = page.getByRole("form", { name: "New user" });
  await create.getByRole("button", { name: "Create user" }).click();
  await expect(create.getByText("Enter a name")).toBeVisible();
  await create.getByLabel("Name").fill("Nia New");
  await create.getByLabel("Email").fill(email);
  await create.getByLabel("Role").selectOption("manager");
  await create.getByRole("button", { name: "Create user" }).click();
  const temporary = (await page.getByTestId("temporary-password").textContent())!.trim();
  expect(temporary).toMatch(/^[A-Za-z0-9]{16}$/);
  await expect(page.getByTestId(`user-${email}`)).toContainText("Nia New");

  // The last admin cannot demote themselves.
  const me = page.getByTestId("user-admin@keyed.test");
  await me.getByLabel("Role of admin@keyed.test").selectOption("manager");
  await expect(me.locator("xpath=following-sibling::tr[1]")).toContainText("last active admin");
  await page.reload();
  await expect(page.getByTestId("user-admin@keyed.test").getByLabel("Role of admin@keyed.test")).toHaveValue("admin");
  await signOut(page);

  await submitSignIn(page, email, temporary);
  await page.waitForURL("**/terminal");
  await page.getByRole("link", { name: "Account", exact: true }).click();
  const change = page.getByRole("form", { name: "Change password" });
  await change.getByLabel("Current password").fill(temporary);
  await change.getByLabel("New password", { exact: true }).fill("password1234");
  await change.getByLabel("Repeat the new password").fill("password1234");
  await change.getByRole("button", { name: "Change password" }).click();
  await expect(change.getByText("That password is too common. Choose another one.")).toBeVisible();
  await change.getByLabel("New password", { exact: true }).fill(newPassword);
  await change.getByLabel("Repeat the new password").fill(newPassword);
  await change.getByRole("button", { name: "Change password" }).click();
  await expect(change.getByText("Your password was changed.")).toBeVisible();
  await signOut(page);
  await submitSignIn(page, email, newPassword);
  await page.waitForURL("**/terminal");
  // A manager may not open the audit log.
  expect((await page.goto("/admin/audit"))?.status()).toBe(403);
  await signOut(page);

  await signIn(page, "admin");
  await page.goto("/admin/audit");
  const filter = page.getByRole("form", { name: "Filter the audit log" });
  await filter.getByLabel("Actor").fill(email);
  await filter.getByRole("button", { name: "Filter" }).click();
  const table = page.getByRole("table", { name: "Audit events" });
  await expect(table).toContainText("user.password_change");
  await expect(table).not.toContainText("user.create"); // done by the admin, not by the new user

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await (await download).createReadStream();
  let csv = "";
  for await (const chunk of file) csv += String(chunk);
  expect(csv.split("\r\n")[0]).toBe("time_utc,actor_email,actor_id,action,target_type,target_id,ip,details");
  expect(csv).toContain("user.password_change");
  expect(csv).not.toContain(temporary);
  expect(csv).not.toContain(newPassword);

  await page.goto("/admin/audit?action=audit.export");
  await expect(page.getByRole("table", { name: "Audit events" })).toContainText(email); // the export's filter is recorded
});
