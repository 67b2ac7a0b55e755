import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createUser, resetDatabase, testDb } from "../testing/db";
import { changeOwnPassword, createUser as adminCreatesUser, PASSWORD_REUSED_MESSAGE, resetUserPassword } from "./users";

const db = testDb();
afterAll(() => db.$disconnect());
beforeEach(() => resetDatabase(db));

describe("password rules (PCI DSS 8.3.5, 8.3.7)", () => {
  it("a password an admin set must be changed at the next sign-in; the user's own choice clears that", async () => {
    const { user: admin } = await createUser(db, { role: "admin" });
    const actor = { id: admin.id, email: admin.email };
    const made = await adminCreatesUser(db, actor, { name: "Nia", email: "nia@keyed.test", role: "clerk", passwordMode: "generate" });
    expect(await db.user.findUniqueOrThrow({ where: { id: made.user.id } })).toMatchObject({ mustChangePassword: true });

    await changeOwnPassword(db, made.user.id, { currentPassword: made.temporaryPassword!, newPassword: "a brand new passphrase 1" });
    expect(await db.user.findUniqueOrThrow({ where: { id: made.user.id } })).toMatchObject({ mustChangePassword: false });

    await resetUserPassword(db, actor, { userId: made.user.id, passwordMode: "set", password: "set by the admin 42" });
    expect(await db.user.findUniqueOrThrow({ where: { id: made.user.id } })).toMatchObject({ mustChangePassword: true });
  });

  it("the first admin made from the command line chose their own password", async () => {
    const made = await adminCreatesUser(db, null, { name: "Owner", email: "owner@keyed.test", role: "admin", passwordMode: "set", password: "the owner's own passphrase" });
    expect(await db.user.findUniqueOrThrow({ where: { id: made.user.id } })).toMatchObject({ mustChangePassword: false });
  });

  it("a new password may not repeat any of the last four", async () => {
    const passwords = ["first passphrase one", "second passphrase two", "third passphrase three", "fourth passphrase four", "fifth passphrase five"];
    const { user } = await createUser(db, { password: passwords[0] });
    for (let i = 1; i < passwords.length; i++) {
      await changeOwnPassword(db, user.id, { currentPassword: passwords[i - 1]!, newPassword: passwords[i]! });
    }
    const current = passwords.at(-1)!;
    // The current one and the three before it are refused …
    for (const reused of passwords.slice(1)) {
      await expect(changeOwnPassword(db, user.id, { currentPassword: current, newPassword: reused })).rejects.toMatchObject({
        message: PASSWORD_REUSED_MESSAGE,
        field: "newPassword",
      });
    }
    // … the fifth-latest is allowed again.
    await changeOwnPassword(db, user.id, { currentPassword: current, newPassword: passwords[0]! });
    expect(await db.previousPassword.count({ where: { userId: user.id } })).toBe(3);
  }, 120_000); // some twenty bcrypt hashes and comparisons at the production cost: slow on a busy machine
});
