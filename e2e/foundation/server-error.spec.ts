// A page whose database work fails shows a page that says what happened and gives a reference, and
// the server log holds the cause under that reference — never a bare 500 (issue 12).
import { expect, failedToLoad, test } from "../support/fixtures";
import { signIn } from "../support/auth";
import { query } from "../support/db";
import { appLog } from "../support/logs";

test("a failing database query shows the error page with a reference the log has the cause for, and the page works again after", async ({ page, allowConsoleError }) => {
  // The failure this test causes: the page's 500, and React reporting the server error it caught
  // (minified error 441: "An error occurred in the Server Components render").
  allowConsoleError(failedToLoad(500));
  allowConsoleError(/^Error: Minified React error #441;/);
  await signIn(page, "manager");
  const logStart = appLog().length;
  // A table the customers page reads goes missing, as under a broken database.
  await query(`ALTER TABLE "Customer" RENAME TO "Customer_gone"`);
  try {
    const response = await page.goto("/customers");
    expect(response?.status()).toBe(500);
    await expect(page.getByRole("heading", { name: "This page could not be loaded" })).toBeVisible();
    await expect(page.getByText("Loading a page never charges or refunds anything")).toBeVisible();
    const reference = (await page.getByTestId("error-reference").textContent())?.trim() ?? "";
    expect(reference).toMatch(/^\w+$/);
    await expect.poll(() => appLog().slice(logStart)).toContain(reference);
    expect(appLog().slice(logStart)).toMatch(/Customer.*does not exist|does not exist.*Customer/);
  } finally {
    await query(`ALTER TABLE "Customer_gone" RENAME TO "Customer"`);
  }
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("heading", { name: "Customers" })).toBeVisible();
});
