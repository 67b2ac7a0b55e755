import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { resetDatabase, testDb } from "../testing/db";
import { admitCspReport, CSP_REPORTS_PER_SOURCE, listCspReports, MAX_CSP_REPORT_ROWS, OVERFLOW, recordCspViolations } from "./csp-reports";

const db = testDb();

beforeEach(() => resetDatabase(db));
afterAll(() => db.$disconnect());

const evil = { directive: "script-src-elem", blockedUri: "https://evil.test/x.js", documentUri: "https://pay.example.com/terminal" };

describe("CSP reports", () => {
  it("counts the same directive, blocked URL and page on one row, with first and last seen", async () => {
    await recordCspViolations(db, [evil]);
    await recordCspViolations(db, [evil, { ...evil, documentUri: "https://pay.example.com/customers" }]);
    await Promise.all(Array.from({ length: 5 }, () => recordCspViolations(db, [evil])));
    const rows = await listCspReports(db);
    expect(rows).toHaveLength(2);
    const terminal = rows.find((r) => r.documentUri.endsWith("/terminal"))!;
    expect(terminal).toMatchObject({ ...evil, count: 7 });
    expect(Date.parse(terminal.lastSeen)).toBeGreaterThanOrEqual(Date.parse(terminal.firstSeen));
    expect(Math.abs(Date.parse(terminal.lastSeen) - Date.now())).toBeLessThan(60_000);
  });

  it("keeps at most MAX_CSP_REPORT_ROWS kinds: reports of new kinds beyond are counted on one row", async () => {
    const values = Array.from({ length: MAX_CSP_REPORT_ROWS - 1 }, (_, i) => `('id${i}', 'img-src', 'https://junk${i}.test/', 'https://pay.example.com/terminal')`);
    await db.$executeRawUnsafe(`INSERT INTO "CspReport" (id, directive, "blockedUri", "documentUri") VALUES ${values.join(", ")}`);
    await recordCspViolations(db, [evil]);
    for (let i = 0; i < 30; i++) await recordCspViolations(db, [{ ...evil, blockedUri: `https://other${i}.test/x.js` }]);
    await recordCspViolations(db, [evil]);
    expect(await db.cspReport.count()).toBe(MAX_CSP_REPORT_ROWS + 1);
    expect(await db.cspReport.findFirst({ where: { blockedUri: evil.blockedUri } })).toMatchObject({ count: 2 });
    expect(await db.cspReport.findFirst({ where: { directive: OVERFLOW.directive } })).toMatchObject({ count: 30 });
  });

  it("admits a source's reports up to the limit, then refuses it", async () => {
    const admitted: boolean[] = [];
    for (let i = 0; i < CSP_REPORTS_PER_SOURCE.max + 5; i++) admitted.push(await admitCspReport(db, "203.0.113.9"));
    expect(admitted.filter(Boolean)).toHaveLength(CSP_REPORTS_PER_SOURCE.max - 1);
    expect(admitted.slice(CSP_REPORTS_PER_SOURCE.max - 1).every((a) => !a)).toBe(true);
    expect(await admitCspReport(db, "203.0.113.10")).toBe(true);
  });
});
