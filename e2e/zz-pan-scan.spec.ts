// Runs last (file name): after every spec has keyed its test cards, no card number or security code
// may be found in any text or JSON column of the database, nor in the app server's log.
import { expect, test } from "@playwright/test";
import { query } from "./support/db";
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

test("no test card number or CVV is stored in the database or written to the app log", async () => {
  const columns = await query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT table_name, column_name, data_type FROM information_schema.columns
     WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')`,
  );
  expect(columns.length).toBeGreaterThan(10);
  const hits: string[] = [];
  let scanned = 0;
  for (const c of columns) {
    const rows = await query<{ v: string }>(`SELECT "${c.column_name}"::text AS v FROM "${c.table_name}" WHERE "${c.column_name}" IS NOT NULL`);
    for (const { v } of rows) {
      scanned++;
      for (const f of findings(v)) hits.push(`${c.table_name}.${c.column_name}: ${f}`);
      // A column holding exactly a CVV, or a JSON value that is exactly one.
      for (const cvv of TEST_CVVS) if (v === cvv || v.includes(`"${cvv}"`)) hits.push(`${c.table_name}.${c.column_name}: value ${cvv}`);
    }
  }
  expect(scanned).toBeGreaterThan(0);
  // The suite must have keyed cards for this scan to mean anything.
  const transactions = await query<{ n: string }>(`SELECT count(*)::text AS n FROM "Transaction" WHERE "cardLast4" IS NOT NULL`);
  expect(Number(transactions[0]!.n)).toBeGreaterThan(0);
  expect(hits).toEqual([]);

  const log = appLog();
  expect(findings(log)).toEqual([]);
});
