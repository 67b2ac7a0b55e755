import { afterAll, describe, expect, it } from "vitest";
import { createUser, testDb } from "../testing/db";
import { recordAudit } from "./audit";

const db = testDb();
afterAll(() => db.$disconnect());

async function newEvent() {
  const { user } = await createUser(db, { role: "admin" });
  await recordAudit(db, { actor: { id: user.id, email: user.email }, action: "test.append_only", targetType: "User", targetId: user.id, details: { note: "original" } });
  return db.auditEvent.findFirstOrThrow({ where: { actorId: user.id, action: "test.append_only" } });
}

describe("audit log", () => {
  it("refuses UPDATE and keeps the row as written", async () => {
    const event = await newEvent();
    await expect(db.auditEvent.update({ where: { id: event.id }, data: { details: { note: "rewritten" } } })).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`UPDATE "AuditEvent" SET "action" = 'test.rewritten' WHERE "id" = ${event.id}`).rejects.toThrow(/append-only/);
    expect(await db.auditEvent.findUnique({ where: { id: event.id } })).toEqual(event);
  });

  it("refuses DELETE and TRUNCATE", async () => {
    const event = await newEvent();
    await expect(db.auditEvent.delete({ where: { id: event.id } })).rejects.toThrow(/append-only/);
    await expect(db.auditEvent.deleteMany({})).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
    expect(await db.auditEvent.findUnique({ where: { id: event.id } })).toEqual(event);
  });

  it("masks card numbers and drops secrets in details", async () => {
    const { user } = await createUser(db);
    await recordAudit(db, {
      actor: { id: user.id, email: user.email },
      action: "test.redaction",
      details: { note: "customer read 4111 1111 1111 1111 over the phone", cvv: "123", password: "hunter22" },
    });
    const event = await db.auditEvent.findFirstOrThrow({ where: { actorId: user.id, action: "test.redaction" } });
    const stored = JSON.stringify(event.details);
    expect(stored).not.toContain("4111 1111 1111 1111");
    expect(stored).toContain("1111");
    expect(stored).not.toContain("hunter22");
    expect(event.details).toMatchObject({ cvv: "[REDACTED]" });
  });
});
