// Runs last (file name): after every spec has keyed its test cards, no card number or security code
// may be found in any text or JSON column of the database, nor in the app server's log; and no saved
// card's gateway token (read back from the vault with the app's key) anywhere else, nor on any page,
// API answer or export that shows those cards and their payments.
import { expect, test } from "./support/fixtures";
import { decrypt, keyFromBase64 } from "../lib/crypto";
import { tokenSecrets } from "../lib/testing/vault";
import { signIn } from "./support/auth";
import { query } from "./support/db";
import { ENCRYPTION_KEY } from "./support/env";
import { appLog } from "./support/logs";
import { TEST_CVVS, TEST_PANS } from "./terminal/terminal-helpers";

const spaced = (pan: string) => pan.replace(/(\d{4})(?=\d)/g, "$1 ");

/** A PAN as typed or formatted; a CVV as a whole value or next to a cvv-like key (a bare "111" is too common). */
function findings(text: string): string[] {
  const out: string[] = [];
  for (const pan of TEST_PANS) if (text.includes(pan) || text.includes(spaced(pan))) out.push(`PAN …${pan.slice(-4)}`);
  for (const cvv of TEST_CVVS) {
    if (new RegExp(`(cvv2?|cvc2?|csc|security_?code|verification_?value)["'\\s:=]{0,4}${cvv}\\b`, "i").test(text)) out.push(`CVV ${cvv}`);
  }
  return out;
}

/** Every text and JSON value in the database, with where it is. */
async function storedValues(): Promise<{ at: string; v: string }[]> {
  const columns = await query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT table_name, column_name, data_type FROM information_schema.columns
     WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')`,
  );
  expect(columns.length).toBeGreaterThan(10);
  const out: { at: string; v: string }[] = [];
  for (const c of columns) {
    const rows = await query<{ v: string }>(`SELECT "${c.column_name}"::text AS v FROM "${c.table_name}" WHERE "${c.column_name}" IS NOT NULL`);
    for (const { v } of rows) out.push({ at: `${c.table_name}.${c.column_name}`, v });
  }
  return out;
}

test("no test card number or CVV is stored in the database or written to the app log", async () => {
  const values = await storedValues();
  expect(values.length).toBeGreaterThan(0);
  const hits: string[] = [];
  for (const { at, v } of values) {
    for (const f of findings(v)) hits.push(`${at}: ${f}`);
    // A column holding exactly a CVV, or a JSON value that is exactly one.
    for (const cvv of TEST_CVVS) if (v === cvv || v.includes(`"${cvv}"`)) hits.push(`${at}: value ${cvv}`);
  }
  // The suite must have keyed cards for this scan to mean anything.
  const transactions = await query<{ n: string }>(`SELECT count(*)::text AS n FROM "Transaction" WHERE "cardLast4" IS NOT NULL`);
  expect(Number(transactions[0]!.n)).toBeGreaterThan(0);
  expect(hits).toEqual([]);

  const log = appLog();
  expect(findings(log)).toEqual([]);
});

test("saved-card tokens are sealed in the vault and found nowhere else: no other column, log line, page, API answer or export", async ({ page }) => {
  test.setTimeout(180_000);
  const vault = await query<{ id: string; customerId: string; token: string }>(`SELECT id, "customerId", token FROM "PaymentMethod"`);
  // The suite must have saved cards for this scan to mean anything.
  expect(vault.length).toBeGreaterThan(0);
  const key = keyFromBase64(ENCRYPTION_KEY);
  for (const pm of vault) expect(pm.token, `saved card ${pm.id}`).toMatch(/^v1\.[0-9a-f]{12}\./);
  const secrets = vault.flatMap((pm) => tokenSecrets(decrypt(pm.token, [key])));
  const found = (text: string) => secrets.filter((s) => text.includes(s)).map((s) => `token …${s.slice(-4)}`);

  const hits: string[] = [];
  for (const { at, v } of await storedValues()) if (at !== "PaymentMethod.token") for (const f of found(v)) hits.push(`${at}: ${f}`);
  for (const f of found(appLog())) hits.push(`app log: ${f}`);

  // Everything an admin can open about these cards and what was paid with them.
  const customers = [...new Set(vault.map((pm) => pm.customerId))];
  const payments = await query<{ id: string }>(`SELECT id FROM "Transaction" WHERE "customerId" = ANY($1) ORDER BY "createdAt" DESC LIMIT 150`, [customers]);
  const names = await query<{ lastName: string }>(`SELECT DISTINCT "lastName" FROM "Customer" WHERE id = ANY($1)`, [customers]);
  const urls = [
    "/terminal",
    "/customers",
    "/transactions",
    "/api/transactions",
    "/api/transactions/export",
    "/admin/audit",
    "/api/admin/audit/export",
    ...customers.flatMap((id) => [`/customers/${id}`, `/api/customers/${id}`]),
    ...payments.flatMap(({ id }) => [`/transactions/${id}`, `/api/transactions/${id}`, `/receipt/${id}`]),
    ...names.map(({ lastName }) => `/api/customers/search?q=${encodeURIComponent(lastName)}`),
  ];
  await signIn(page, "admin");
  for (const url of urls) {
    const res = await page.request.get(url);
    expect(res.status(), url).toBeLessThan(500);
    for (const f of found(await res.text())) hits.push(`${url}: ${f}`);
  }
  expect(hits).toEqual([]);
});
