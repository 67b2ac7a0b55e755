// Receipts by email (issue 16): sent from the result screen to the billing email, arriving at the
// sandbox's mail catcher with what the customer needs, recorded on the transaction's timeline, and a
// mail server that refuses shown with its reason.
import { signIn } from "../support/auth";
import { expect, test } from "../support/fixtures";
import { sandbox } from "../support/sandbox";
import { amountField, expectResult, fillBilling, fillCard, uniqueTag } from "../terminal/terminal-helpers";

test("a clerk emails the receipt from the result; it arrives with the sale's facts and no risk data, and the timeline records it", async ({ page }) => {
  const tag = uniqueTag();
  const email = `vera.${tag}@example.com`;
  await signIn(page, "clerk");
  await fillBilling(page, { firstName: "Vera", lastName: `Mail${tag}`, address1: "Main Street 9", postalCode: "62701" });
  await page.getByLabel("Email").fill(email);
  await fillCard(page, { number: "4111111111111111", cvv: "737" });
  await page.getByLabel("Save card to this customer").uncheck();
  await page.getByLabel("Order / invoice number").fill(`PO-${tag}`);
  await amountField(page).fill("9.00");
  await page.getByTestId("submit-payment").click();
  await page.waitForURL(/\/terminal\/result\//);
  await expectResult(page, "approved");
  const id = page.url().split("/").pop()!;

  await page.getByRole("button", { name: "Email receipt…" }).click();
  const dialog = page.getByRole("dialog", { name: "Email the receipt" });
  await expect(dialog.getByLabel("Send to")).toHaveValue(email);
  await dialog.getByLabel("Send to").fill("not-an-email");
  await dialog.getByRole("button", { name: "Send receipt" }).click();
  await expect(dialog.getByText("Enter a valid email address")).toBeVisible();
  await dialog.getByLabel("Send to").fill(email);
  await dialog.getByRole("button", { name: "Send receipt" }).click();
  await expect(dialog.getByTestId("receipt-email-result")).toHaveAttribute("data-status", "sent");
  await dialog.getByRole("button", { name: "Done" }).click();

  const mail = (await sandbox.mail()).find((m) => m.to.includes(email));
  expect(mail, "the receipt at the sandbox's mail catcher").toBeTruthy();
  expect(mail!.subject).toContain("$9.00");
  for (const body of [mail!.text, mail!.html]) {
    expect(body).toContain("$9.00");
    expect(body).toContain("•••• 1111");
    expect(body).toContain(`PO-${tag}`);
    expect(body).toContain(`Vera Mail${tag}`);
    expect(body).not.toMatch(/AVS|CVV/);
    expect(body).not.toContain("4111111111111111");
    expect(body).not.toContain(id);
  }

  await page.goto(`/transactions/${id}`);
  const entry = page.locator('[data-testid="timeline-entry"][data-kind="receipt-email"]');
  await expect(entry).toHaveAttribute("data-status", "sent");
  await expect(entry).toContainText(`to ${email}`);

  // A mail server that refuses: the reason in the dialog and on the timeline, nothing lost.
  await sandbox.mailFault("refuse");
  try {
    await page.getByRole("button", { name: "Email receipt…" }).click();
    await dialog.getByRole("button", { name: "Send receipt" }).click();
    await expect(dialog.getByTestId("receipt-email-result")).toHaveAttribute("data-status", "failed");
    await expect(dialog).toContainText("550");
    await page.keyboard.press("Escape");
    await expect(page.locator('[data-testid="timeline-entry"][data-kind="receipt-email"][data-status="failed"]')).toContainText("550");
  } finally {
    await sandbox.mailFault(null);
  }
});

test("an admin sees the mail server settings, and a test email arrives at the catcher", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/admin/settings");
  const server = page.getByRole("form", { name: "Mail server" });
  await expect(server.getByLabel("SMTP host")).toHaveValue("127.0.0.1");
  await expect(page.getByText("mail goes to the gateway sandbox's mail catcher")).toBeVisible();
  const to = `ops.${uniqueTag()}@example.com`;
  const test = page.getByRole("form", { name: "Test email" });
  await test.getByLabel("Send a test email to").fill(to);
  await test.getByRole("button", { name: "Send a test email" }).click();
  await expect(test.getByRole("alert")).toHaveText(`Test email sent to ${to}.`);
  expect((await sandbox.mail()).find((m) => m.to.includes(to))?.subject).toBe("Keyed test email");
});
