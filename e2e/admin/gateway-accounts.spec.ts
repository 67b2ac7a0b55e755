import { randomBytes } from "node:crypto";
import type { Page, Response } from "@playwright/test";
import { expect, test } from "../support/fixtures";
import { DEMO_CREDENTIALS } from "../../sandbox/bepaid/accounts";
import { signIn } from "../support/auth";
import { query } from "../support/db";

const WRONG_SECRET = "0".repeat(63) + "7";

/** Records every response body the page receives, so a test can prove what never reached the browser. */
function recordResponses(page: Page) {
  const pending: Promise<string>[] = [];
  page.on("response", (r: Response) => {
    pending.push(
      r.body().then(
        (b) => b.toString("utf8"),
        () => "",
      ),
    );
  });
  return async () => (await Promise.all(pending)).join("\n");
}

test("an admin tests a bePaid account before saving: bad credentials, then connected; the secret never comes back", async ({ page }) => {
  const bodies = recordResponses(page);
  const label = `bePaid e2e ${randomBytes(3).toString("hex")}`;
  await signIn(page, "admin");
  await page.goto("/admin/gateways/new");

  const form = page.getByRole("form", { name: "Gateway account" });
  await form.getByLabel("Label").fill(label);
  await form.getByLabel("Gateway").selectOption({ label: "bePaid" });
  await expect(form.getByLabel("Base URL")).toHaveValue(/\/bepaid$/);
  await form.getByLabel("Shop ID").fill(DEMO_CREDENTIALS.shopId);
  await form.getByLabel("Secret key").fill(WRONG_SECRET);

  await form.getByRole("button", { name: "Test connection" }).click();
  const result = page.getByTestId("connection-result");
  await expect(result).toHaveAttribute("data-outcome", "bad_credentials");
  await expect(result).toContainText(/bad credentials/i);
  await expect(result).toContainText("Access denied"); // the gateway's own message

  await form.getByLabel("Secret key").fill(DEMO_CREDENTIALS.secretKey);
  await form.getByRole("button", { name: "Test connection" }).click();
  await expect(result).toHaveAttribute("data-outcome", "connected");
  await expect(result).toContainText(/connected/i);

  await form.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL("**/admin/gateways");
  const row = page.getByRole("row").filter({ hasText: label });
  await expect(row).toContainText("bePaid");

  // Saved: the stored secret is sealed, and the form shows only when it was set and by whom.
  const [stored] = await query<{ id: string; secrets: Record<string, { ciphertext: string }> }>(`SELECT id, secrets FROM "GatewayAccount" WHERE label = $1`, [label]);
  expect(stored!.secrets.secretKey!.ciphertext).not.toContain(DEMO_CREDENTIALS.secretKey);
  await row.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByTestId("connection-result")).toHaveAttribute("data-outcome", "connected");

  await page.goto(`/admin/gateways/${stored!.id}`);
  await expect(page.getByText(/•••• set .* by admin@keyed\.test/)).toBeVisible();
  await expect(page.getByLabel("Secret key")).toHaveValue("");
  const html = await page.content();

  const all = (await bodies()) + html;
  expect(all).toContain(label); // the recorder did see the pages
  expect(all).not.toContain(DEMO_CREDENTIALS.secretKey);
  expect(all).not.toContain(WRONG_SECRET);
  expect(all).not.toContain(stored!.secrets.secretKey!.ciphertext);
});

test("switching an account to live asks for confirmation and is audited", async ({ page }) => {
  const label = `Live e2e ${randomBytes(3).toString("hex")}`;
  await signIn(page, "admin");
  await page.goto("/admin/gateways/new");
  const form = page.getByRole("form", { name: "Gateway account" });
  await form.getByLabel("Label").fill(label);
  await form.getByLabel("Gateway").selectOption({ label: "bePaid" });
  await form.getByLabel("Shop ID").fill(DEMO_CREDENTIALS.shopId);
  await form.getByLabel("Secret key").fill(DEMO_CREDENTIALS.secretKey);
  await form.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL("**/admin/gateways");

  await page.getByRole("link", { name: label }).click();
  await form.getByLabel("Mode").selectOption("live");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(form.getByText("Confirm that this account should process live payments.")).toBeVisible();
  expect((await query(`SELECT mode FROM "GatewayAccount" WHERE label = $1`, [label]))[0]).toEqual({ mode: "test" });

  await form.getByLabel("I confirm this account should process live payments.").check();
  await form.getByRole("button", { name: "Save changes" }).click();
  // The live URL is another destination: the stored secret is not sent there unless typed again.
  await expect(form.getByText("The URL changed: enter this secret again", { exact: false })).toBeVisible();
  expect((await query(`SELECT mode FROM "GatewayAccount" WHERE label = $1`, [label]))[0]).toEqual({ mode: "test" });
  await form.getByLabel("Secret key").fill(DEMO_CREDENTIALS.secretKey);
  await form.getByRole("button", { name: "Save changes" }).click();
  await page.waitForURL("**/admin/gateways");
  await expect(page.getByRole("row").filter({ hasText: label })).toContainText("Live");

  await page.goto("/admin/audit?action=gateway_account.mode_live");
  await expect(page.getByRole("table", { name: "Audit events" })).toContainText(label);
});
