import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../db";
import { resetDatabase, testDb, uniqueEmail } from "../testing/db";
import { recordAudit } from "./audit";
import { csvCell } from "../csv";
import { auditCsv, auditFilterOptions, listAuditEvents } from "./audit-log";
import { MERCHANT_DEFAULTS, getMerchantSettings, updateMerchantSettings } from "./settings";

let db: Db;

beforeAll(() => {
  db = testDb();
});
afterAll(async () => {
  await db?.$disconnect();
});
beforeEach(async () => {
  await resetDatabase(db);
});

async function collect(gen: AsyncGenerator<string>): Promise<string> {
  let out = "";
  for await (const chunk of gen) out += chunk;
  return out;
}

describe("the audit table is append-only", () => {
  it("refuses UPDATE and DELETE", async () => {
    const actor = { id: "a1", email: uniqueEmail("appendonly") };
    await recordAudit(db, { actor, action: "test.append_only" });
    const row = await db.auditEvent.findFirstOrThrow({ where: { actorEmail: actor.email } });
    await expect(db.$executeRaw`UPDATE "AuditEvent" SET "action" = 'tampered' WHERE "id" = ${row.id}`).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`DELETE FROM "AuditEvent" WHERE "id" = ${row.id}`).rejects.toThrow(/append-only/);
    await expect(db.auditEvent.update({ where: { id: row.id }, data: { action: "tampered" } })).rejects.toThrow();
    expect(await db.auditEvent.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ action: "test.append_only" });
  });
});

describe("listing and export", () => {
  it("filters by actor, action and date range in the merchant's time zone, newest first, in pages", async () => {
    const alice = { id: "alice", email: uniqueEmail("alice") };
    const bob = { id: "bob", email: uniqueEmail("bob") };
    // 2026-03-10 02:00 UTC is still March 9 in New York.
    const at = (iso: string) => new Date(iso);
    const rows = [
      { actor: alice, action: "filter.one", createdAt: at("2026-03-10T02:00:00Z") },
      { actor: alice, action: "filter.two", createdAt: at("2026-03-10T15:00:00Z") },
      { actor: bob, action: "filter.one", createdAt: at("2026-03-11T15:00:00Z") },
    ];
    for (const r of rows) await db.auditEvent.create({ data: { actorId: r.actor.id, actorEmail: r.actor.email, action: r.action, createdAt: r.createdAt } });
    const tz = "America/New_York";

    const byAlice = await listAuditEvents(db, { actor: alice.email }, { timeZone: tz });
    expect(byAlice.events.map((e) => e.action)).toEqual(["filter.two", "filter.one"]);
    const ones = await listAuditEvents(db, { action: "filter.one" }, { timeZone: tz });
    expect(ones.events.map((e) => e.actorEmail)).toEqual([bob.email, alice.email]);
    const march10 = await listAuditEvents(db, { from: "2026-03-10", to: "2026-03-10" }, { timeZone: tz });
    expect(march10.events.map((e) => e.action)).toEqual(["filter.two"]);
    const utcMarch10 = await listAuditEvents(db, { from: "2026-03-10", to: "2026-03-10" }, { timeZone: "UTC" });
    expect(utcMarch10.events).toHaveLength(2);

    const page1 = await listAuditEvents(db, { actor: "", from: "2026-03-01", to: "2026-03-31" }, { timeZone: tz, pageSize: 2 });
    expect(page1.events).toHaveLength(2);
    const page2 = await listAuditEvents(db, { from: "2026-03-01", to: "2026-03-31" }, { timeZone: tz, pageSize: 2, after: page1.nextCursor! });
    expect(page2.events.map((e) => e.action)).toEqual(["filter.one"]);
    expect(page2.nextCursor).toBeNull();

    const options = await auditFilterOptions(db);
    expect(options.actors).toEqual(expect.arrayContaining([alice.email, bob.email]));
    expect(options.actions).toEqual(expect.arrayContaining(["filter.one", "filter.two"]));
  });

  it("exports the filtered rows as CSV across batches, neutralizing formulas", async () => {
    const actor = { id: "csv", email: uniqueEmail("csv") };
    for (let i = 0; i < 5; i++) await recordAudit(db, { actor, action: "csv.row", targetType: "thing", targetId: `t${i}`, details: { note: i === 0 ? '=HYPERLINK("x")' : `n,${i}` } });
    const csv = await collect(auditCsv(db, { actor: actor.email }, "UTC", 2));
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("time_utc,actor_email,actor_id,action,target_type,target_id,ip,details");
    expect(lines).toHaveLength(6);
    expect(lines.slice(1).every((l) => l.includes(actor.email) && l.includes("csv.row"))).toBe(true);
    expect(csvCell("=1+1")).toBe(`"'=1+1"`);
    expect(csvCell('say "hi", ok')).toBe(`"say ""hi"", ok"`);
  });
});

describe("merchant settings", () => {
  it("default until saved; saving records what changed", async () => {
    expect(await getMerchantSettings(db)).toEqual(MERCHANT_DEFAULTS);
    const actor = { id: "settings-admin", email: uniqueEmail("settings") };
    await updateMerchantSettings(db, actor, { ...MERCHANT_DEFAULTS, merchantName: "Corner Shop" });
    expect(await getMerchantSettings(db)).toEqual({ ...MERCHANT_DEFAULTS, merchantName: "Corner Shop" });
    const events = await db.auditEvent.findMany({ where: { actorEmail: actor.email } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "settings.update", details: { changes: { merchantName: { from: "Keyed Demo Merchant", to: "Corner Shop" } } } });
  });
});
