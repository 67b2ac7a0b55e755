import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../db";
import { createUser as insertUser, resetDatabase, testDb, uniqueEmail } from "../testing/db";
import { createUserSchema } from "../validation/admin";
import type { Actor } from "./audit";
import { verifyPassword } from "./passwords";
import { signIn } from "./sign-in";
import { LAST_ADMIN_MESSAGE, changeOwnPassword, changeUserRole, createUser, resetUserPassword, setUserActive } from "./users";

let db: Db;
let admin: Actor;

beforeAll(() => {
  db = testDb();
});
afterAll(async () => {
  await db?.$disconnect();
});
beforeEach(async () => {
  await resetDatabase(db);
  const { user } = await insertUser(db, { role: "admin" });
  admin = { id: user.id, email: user.email };
});

const auditFor = (targetId: string) => db.auditEvent.findMany({ where: { targetId }, orderBy: { createdAt: "asc" } });

describe("creating users", () => {
  it("creates a user with a temporary password shown once, which signs in", async () => {
    const email = uniqueEmail("new");
    const { user, temporaryPassword } = await createUser(db, admin, createUserSchema.parse({ name: "New Clerk", email, role: "clerk", passwordMode: "generate" }));
    expect(temporaryPassword).toMatch(/^[A-Za-z0-9]{16}$/);
    expect((await signIn(db, { email, password: temporaryPassword!, ip: null })).ok).toBe(true);
    const events = await auditFor(user.id);
    expect(events[0]).toMatchObject({ action: "user.create", actorEmail: admin.email, details: { email, role: "clerk" } });
    expect(JSON.stringify(events)).not.toContain(temporaryPassword);
  });

  it("uses the password the admin set and refuses a duplicate email", async () => {
    const email = uniqueEmail("set");
    const values = createUserSchema.parse({ name: "Set Pw", email, role: "manager", passwordMode: "set", password: "correct horse battery" });
    const { temporaryPassword } = await createUser(db, admin, values);
    expect(temporaryPassword).toBeUndefined();
    expect((await signIn(db, { email, password: "correct horse battery", ip: null })).ok).toBe(true);
    await expect(createUser(db, admin, values)).rejects.toMatchObject({ status: 409, field: "email" });
  });
});

describe("the last active admin", () => {
  it("cannot be demoted or deactivated, but can once another admin exists", async () => {
    await expect(changeUserRole(db, admin, { userId: admin.id, role: "manager" })).rejects.toThrow(LAST_ADMIN_MESSAGE);
    const { user: other } = await insertUser(db, { role: "admin" });
    await expect(setUserActive(db, { id: other.id, email: other.email }, { userId: admin.id, active: false })).resolves.toMatchObject({ active: false });
    // Now `other` is the last active admin.
    await expect(changeUserRole(db, { id: other.id, email: other.email }, { userId: other.id, role: "clerk" })).rejects.toThrow(LAST_ADMIN_MESSAGE);
    expect((await db.user.findUniqueOrThrow({ where: { id: other.id } })).role).toBe("admin");
  });

  it("holds when two admins demote each other at the same time", async () => {
    const { user: other } = await insertUser(db, { role: "admin" });
    const results = await Promise.allSettled([
      changeUserRole(db, admin, { userId: other.id, role: "clerk" }),
      changeUserRole(db, { id: other.id, email: other.email }, { userId: admin.id, role: "clerk" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.user.count({ where: { role: "admin", active: true } })).toBe(1);
  });

  it("does not let an admin deactivate themselves", async () => {
    await insertUser(db, { role: "admin" });
    await expect(setUserActive(db, admin, { userId: admin.id, active: false })).rejects.toMatchObject({ status: 409 });
  });
});

describe("role and status changes", () => {
  it("records role changes, deactivation and reactivation; a deactivated user cannot sign in", async () => {
    const { user, password } = await insertUser(db, { role: "clerk" });
    await changeUserRole(db, admin, { userId: user.id, role: "manager" });
    await setUserActive(db, admin, { userId: user.id, active: false });
    expect((await signIn(db, { email: user.email, password, ip: null })).ok).toBe(false);
    await setUserActive(db, admin, { userId: user.id, active: true });
    const events = await auditFor(user.id);
    expect(events.map((e) => [e.action, e.details])).toEqual([
      ["user.role_change", { email: user.email, from: "clerk", to: "manager" }],
      ["user.deactivate", { email: user.email }],
      ["user.reactivate", { email: user.email }],
    ]);
  });
});

describe("passwords", () => {
  it("a reset sets a new password, bumps passwordChangedAt and lifts a lockout", async () => {
    const { user, password } = await insertUser(db, { role: "clerk" });
    await db.user.update({ where: { id: user.id }, data: { passwordChangedAt: new Date("2020-01-01"), lockedUntil: new Date(Date.now() + 60_000) } });
    await db.rateLimit.create({ data: { key: `email:${user.email}`, count: 0, lockedUntil: new Date(Date.now() + 60_000) } });
    const { temporaryPassword } = await resetUserPassword(db, admin, { userId: user.id, passwordMode: "generate" });
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.passwordChangedAt.getTime()).toBeGreaterThan(new Date("2020-01-02").getTime());
    expect(await verifyPassword(password, after.passwordHash)).toBe(false);
    expect((await signIn(db, { email: user.email, password: temporaryPassword!, ip: null })).ok).toBe(true);
    expect((await auditFor(user.id)).map((e) => e.action)).toContain("user.password_reset");
  });

  it("a user changes their own password only with the current one, and not to a common or short one", async () => {
    const { user, password } = await insertUser(db, { role: "clerk" });
    await db.user.update({ where: { id: user.id }, data: { passwordChangedAt: new Date("2020-01-01") } });
    await expect(changeOwnPassword(db, user.id, { currentPassword: "wrong-password-1", newPassword: "a fine new passphrase" })).rejects.toMatchObject({
      field: "currentPassword",
    });
    await expect(changeOwnPassword(db, user.id, { currentPassword: password, newPassword: "password1234" })).rejects.toMatchObject({ field: "newPassword" });
    await expect(changeOwnPassword(db, user.id, { currentPassword: password, newPassword: "short" })).rejects.toMatchObject({ field: "newPassword" });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordChangedAt.toISOString()).toBe("2020-01-01T00:00:00.000Z");

    await changeOwnPassword(db, user.id, { currentPassword: password, newPassword: "a fine new passphrase" });
    expect((await signIn(db, { email: user.email, password: "a fine new passphrase", ip: null })).ok).toBe(true);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordChangedAt.getFullYear()).toBeGreaterThan(2020);
    const actions = (await auditFor(user.id)).map((e) => e.action);
    expect(actions).toEqual(["user.password_change_failed", "user.password_change"]);
  });
});
