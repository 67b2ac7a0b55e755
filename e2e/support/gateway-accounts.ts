// Creating a gateway account through the admin form, as an admin would, for specs that need an
// account of their own (so their settings never leak into other specs' sales).
import type { Page } from "@playwright/test";
import { expect } from "./fixtures";
import { query } from "./db";

export async function createGatewayAccount(
  admin: Page,
  opts: { label: string; gateway: "BluePay" | "bePaid" | "Rover Pay" | "PayCore"; fields: Record<string, string> },
): Promise<string> {
  await admin.goto("/admin/gateways/new");
  const form = admin.getByRole("form", { name: "Gateway account" });
  await form.getByLabel("Label").fill(opts.label);
  await form.getByLabel("Gateway").selectOption({ label: opts.gateway });
  for (const [label, value] of Object.entries(opts.fields)) await form.getByLabel(label, { exact: true }).fill(value);
  await form.getByRole("button", { name: "Create account" }).click();
  await admin.waitForURL("**/admin/gateways");
  const rows = await query<{ id: string }>(`SELECT id FROM "GatewayAccount" WHERE label = $1`, [opts.label]);
  expect(rows).toHaveLength(1);
  return rows[0]!.id;
}
