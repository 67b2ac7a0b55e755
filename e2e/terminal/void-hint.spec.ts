// Right after a sale was charged by mistake: a clerk (who may not void) is told whom to ask, a
// manager goes straight to the void.
import { expect, test } from "../support/fixtures";
import { approvedSale } from "./terminal-helpers";

test("a clerk's approved sale says to ask a manager to void it before settlement", async ({ page }) => {
  await approvedSale(page, "clerk");
  await expect(page.getByTestId("void-hint")).toHaveText(/Ask a manager to void it in History before today's batch settles/);
  await expect(page.getByRole("link", { name: "Void or open in history" })).toHaveCount(0);
});

test("a manager's approved sale leads straight to its void", async ({ page }) => {
  await approvedSale(page, "manager");
  await expect(page.getByTestId("void-hint")).toHaveCount(0);
  await page.getByRole("link", { name: "Void or open in history" }).click();
  await page.waitForURL(/\/transactions\/[^/]+$/);
  await expect(page.getByRole("button", { name: /^Void/ })).toBeVisible();
});
