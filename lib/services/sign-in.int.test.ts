import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createUser, resetDatabase, testDb, uniqueEmail } from "../testing/db";
import { SIGN_IN_MESSAGES, THROTTLE, signIn } from "./sign-in";

const db = testDb();
afterAll(() => db.$disconnect());
beforeEach(() => resetDatabase(db));

let ipCounter = 0;
/** A fresh client address per test, so per-IP counting does not leak between tests. */
const freshIp = () => `198.51.100.${++ipCounter}`;

const auditFor = (email: string) =>
  db.auditEvent.findMany({ where: { details: { path: ["email"], equals: email } }, orderBy: { createdAt: "asc" } });

describe("sign-in", () => {
  it("accepts the right password and says who signed in", async () => {
    const { user, password } = await createUser(db, { role: "manager", name: "Morgan M" });
    const ip = freshIp();
    const result = await signIn(db, { email: user.email, password, ip });
    expect(result).toEqual({ ok: true, user: { id: user.id, email: user.email, name: "Morgan M", role: "manager" } });

    const events = await db.auditEvent.findMany({ where: { actorId: user.id, action: "auth.sign_in" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorEmail: user.email, ip });
  });

  it("ignores case and surrounding spaces in the email", async () => {
    const { user, password } = await createUser(db);
    const result = await signIn(db, { email: `  ${user.email.toUpperCase()} `, password, ip: freshIp() });
    expect(result.ok).toBe(true);
  });

  it("answers a wrong password, an unknown email and a deactivated account identically", async () => {
    const { user, password } = await createUser(db);
    const { user: inactive, password: inactivePassword } = await createUser(db, { active: false });
    const wrong = await signIn(db, { email: user.email, password: `${password}x`, ip: freshIp() });
    const unknown = await signIn(db, { email: uniqueEmail("nobody"), password, ip: freshIp() });
    const deactivated = await signIn(db, { email: inactive.email, password: inactivePassword, ip: freshIp() });

    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
    expect(deactivated).toEqual(wrong);
    expect(SIGN_IN_MESSAGES.invalid).toBe("Email or password is wrong.");
  });

  it("records failures in the audit log with the reason, never the password", async () => {
    const { user, password } = await createUser(db);
    const unknownEmail = uniqueEmail("nobody");
    const ip = freshIp();
    await signIn(db, { email: user.email, password: "not-the-password-123", ip });
    await signIn(db, { email: unknownEmail, password: "another-guess-456", ip });

    const [wrong] = await auditFor(user.email);
    expect(wrong).toMatchObject({ action: "auth.sign_in_failed", actorId: user.id, ip, details: { email: user.email, reason: "wrong_password" } });
    const [unknown] = await auditFor(unknownEmail);
    expect(unknown).toMatchObject({ action: "auth.sign_in_failed", actorId: null, ip, details: { email: unknownEmail, reason: "unknown_email" } });

    const stored = JSON.stringify([wrong, unknown]);
    expect(stored).not.toContain("not-the-password-123");
    expect(stored).not.toContain("another-guess-456");
    expect(stored).not.toContain(password);
  });

  it(`locks an account after ${THROTTLE.maxPerAccount} failures, even against the right password, and an unknown email alike`, async () => {
    const { user, password } = await createUser(db);
    const unknownEmail = uniqueEmail("nobody");
    // A new address for every attempt: only the per-account limit is in play.
    for (let i = 0; i < THROTTLE.maxPerAccount; i++) {
      expect(await signIn(db, { email: user.email, password: "wrong-password", ip: freshIp() })).toEqual({ ok: false, reason: "invalid" });
      expect(await signIn(db, { email: unknownEmail, password: "wrong-password", ip: freshIp() })).toEqual({ ok: false, reason: "invalid" });
    }

    const locked = await signIn(db, { email: user.email, password, ip: freshIp() });
    expect(locked).toEqual({ ok: false, reason: "locked" });
    expect(await signIn(db, { email: unknownEmail, password, ip: freshIp() })).toEqual(locked);
    expect(SIGN_IN_MESSAGES.locked).not.toMatch(/account|exist|email/i);

    const throttled = (await auditFor(user.email)).filter((e) => e.action === "auth.sign_in_throttled");
    expect(throttled).toHaveLength(1);

    // Another account is not affected.
    const other = await createUser(db);
    expect((await signIn(db, { email: other.user.email, password: other.password, ip: freshIp() })).ok).toBe(true);
  });

  it("forgets an account's earlier failures after a successful sign-in", async () => {
    const { user, password } = await createUser(db);
    const ip = freshIp();
    for (let i = 0; i < THROTTLE.maxPerAccount - 1; i++) await signIn(db, { email: user.email, password: "wrong-password", ip });
    expect((await signIn(db, { email: user.email, password, ip })).ok).toBe(true);
    for (let i = 0; i < THROTTLE.maxPerAccount - 1; i++) await signIn(db, { email: user.email, password: "wrong-password", ip });
    expect((await signIn(db, { email: user.email, password, ip })).ok).toBe(true);
  });

  it(`locks a client address after ${THROTTLE.maxPerIp} failures across different emails`, { timeout: 120_000 }, async () => {
    const { user, password } = await createUser(db);
    const ip = freshIp();
    for (let i = 0; i < THROTTLE.maxPerIp; i++) {
      expect(await signIn(db, { email: uniqueEmail("spray"), password: "guess", ip })).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await signIn(db, { email: user.email, password, ip })).toEqual({ ok: false, reason: "locked" });
    // The same account from another address still signs in: the lock is on the address.
    expect((await signIn(db, { email: user.email, password, ip: freshIp() })).ok).toBe(true);
  });
});
