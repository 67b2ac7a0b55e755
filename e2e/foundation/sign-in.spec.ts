import { expect, test } from "@playwright/test";
import { DEMO, signIn, signOut, submitSignIn } from "../support/auth";

test.describe("sign-in", () => {
  test("the right password lands on the terminal with the user's name and role", async ({ page }) => {
    await signIn(page, "manager");
    await expect(page).toHaveURL(/\/terminal$/);
    await expect(page.getByTestId("current-user")).toHaveText(`${DEMO.manager.name} · Manager`);
  });

  test("a wrong password or an unknown email gets one message that names no field", async ({ page }) => {
    const expectGenericFailure = async () => {
      // (Next.js adds an empty route-announcer alert to every page; the form's own alert is the one that counts.)
      await expect(page.locator("form").getByRole("alert")).toHaveText("Email or password is wrong.");
      await expect(page).toHaveURL(/\/sign-in/);
      await expect(page.getByLabel("Email")).not.toHaveAttribute("aria-invalid", "true");
      await expect(page.getByLabel("Password")).not.toHaveAttribute("aria-invalid", "true");
      await expect(page.getByLabel("Password")).toHaveValue("");
    };

    await page.goto("/sign-in");
    await submitSignIn(page, DEMO.clerk.email, "not-the-password");
    await expectGenericFailure();
    await expect(page.getByLabel("Email")).toHaveValue(DEMO.clerk.email);

    await submitSignIn(page, "nobody@keyed.test", "not-the-password");
    await expectGenericFailure();
  });

  test("empty fields are flagged next to each field, without a round trip", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByRole("button", { name: "Sign in" }).click();
    const email = page.getByLabel("Email");
    const password = page.getByLabel("Password");
    await expect(email).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator(`#${await email.getAttribute("aria-describedby")}`)).toHaveText("Enter your email");
    await expect(password).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator(`#${await password.getAttribute("aria-describedby")}`)).toHaveText("Enter your password");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("the form works from the keyboard alone", async ({ page }) => {
    await page.goto("/sign-in");
    await expect(page.getByLabel("Email")).toBeFocused();
    await page.keyboard.type(DEMO.clerk.email);
    await page.keyboard.press("Tab");
    await page.keyboard.type(DEMO.clerk.password);
    await page.keyboard.press("Enter");
    await page.waitForURL("**/terminal");
  });

  test("signing out ends the session", async ({ page }) => {
    await signIn(page, "clerk");
    await signOut(page);
    await page.goto("/terminal");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fterminal$/);
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  });

  test("a signed-out visit to a page goes to sign-in and then back to that page", async ({ page }) => {
    await page.goto("/transactions");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Ftransactions$/);
    await submitSignIn(page, DEMO.clerk.email, DEMO.clerk.password);
    await page.waitForURL("**/transactions");
  });
});
