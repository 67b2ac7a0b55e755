import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { codeAt, newTotpSecret, timeStep } from "../auth/totp";
import { encrypt } from "../crypto";
import { createUser, resetDatabase, testDb } from "../testing/db";
import { confirmEnrollment, pendingEnrollment, resetMfa } from "./mfa";
import { SIGN_IN_MESSAGES, THROTTLE, signIn } from "./sign-in";

const db = testDb();
afterAll(() => db.$disconnect());
beforeEach(() => resetDatabase(db));

let ipCounter = 0;
const freshIp = () => `198.51.100.${++ipCounter}`;

async function enrolledUser(role: "clerk" | "manager" | "admin" = "manager") {
  const { user, password } = await createUser(db, { role });
  const secret = newTotpSecret();
  await db.user.update({ where: { id: user.id }, data: { totpSecret: encrypt(secret), totpEnabledAt: new Date() } });
  return { user, password, secret };
}

describe("enrollment", () => {
  it("shows one pending key until a code from it turns the second factor on, keeps it encrypted, and gives ten single-use recovery codes", async () => {
    const { user } = await createUser(db, { role: "admin" });
    const first = await pendingEnrollment(db, user.id);
    const again = await pendingEnrollment(db, user.id);
    expect(again).toEqual(first);
    expect(first!.uri).toMatch(/^otpauth:\/\/totp\/Keyed:/);

    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.totpPendingSecret).not.toContain(first!.secret);
    expect(stored.totpEnabledAt).toBeNull();

    const actor = { id: user.id, email: user.email };
    await expect(confirmEnrollment(db, actor, codeAt(newTotpSecret(), timeStep()))).rejects.toMatchObject({ field: "code" });
    const { recoveryCodes } = await confirmEnrollment(db, actor, codeAt(first!.secret, timeStep()));
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);

    const enabled = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(enabled.totpEnabledAt).not.toBeNull();
    expect(enabled.totpSecret).toBe(stored.totpPendingSecret);
    expect(enabled.totpPendingSecret).toBeNull();
    const hashes = await db.recoveryCode.findMany({ where: { userId: user.id } });
    expect(hashes.map((h) => h.codeHash).join()).not.toContain(recoveryCodes[0]!.replace("-", ""));
    expect(await pendingEnrollment(db, user.id)).toBeNull();
    expect(await db.auditEvent.count({ where: { action: "user.mfa_enrolled", targetId: user.id } })).toBe(1);
  });
});

describe("sign-in with a second factor", () => {
  it("asks for the code only after the right password, and does not count the question as a failure", async () => {
    const { user, password } = await enrolledUser();
    expect(await signIn(db, { email: user.email, password: `${password}x`, ip: freshIp() })).toEqual({ ok: false, reason: "invalid" });
    expect(await signIn(db, { email: user.email, password, ip: freshIp() })).toEqual({ ok: false, reason: "code_required" });
    expect(await db.rateLimit.findUnique({ where: { key: `email:${user.email}` } })).toMatchObject({ count: 1 });
    expect(await db.auditEvent.count({ where: { actorId: user.id, action: "auth.sign_in" } })).toBe(0);
  });

  it("accepts the current code once: the same code again (a replay) is refused", async () => {
    const { user, password, secret } = await enrolledUser();
    const code = codeAt(secret, timeStep());
    const first = await signIn(db, { email: user.email, password, code, ip: freshIp() });
    expect(first.ok).toBe(true);
    const replay = await signIn(db, { email: user.email, password, code, ip: freshIp() });
    expect(replay).toEqual({ ok: false, reason: "wrong_code" });
    // An older step's code, still inside the clock-drift window, is refused too.
    expect(await signIn(db, { email: user.email, password, code: codeAt(secret, timeStep() - 1), ip: freshIp() })).toEqual({
      ok: false,
      reason: "wrong_code",
    });
  });

  it("locks the account after repeated wrong codes, like wrong passwords", async () => {
    const { user, password, secret } = await enrolledUser();
    const right = codeAt(secret, timeStep());
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, "0");
    for (let i = 0; i < THROTTLE.maxPerAccount; i++) {
      expect(await signIn(db, { email: user.email, password, code: wrong, ip: freshIp() })).toEqual({ ok: false, reason: "wrong_code" });
    }
    expect(await signIn(db, { email: user.email, password, code: right, ip: freshIp() })).toEqual({ ok: false, reason: "locked" });
    expect(SIGN_IN_MESSAGES.locked).toContain("30 minutes");
    const failures = await db.auditEvent.findMany({ where: { actorId: user.id, action: "auth.sign_in_failed" } });
    expect(failures.every((f) => (f.details as { reason: string }).reason === "wrong_code")).toBe(true);
  });

  it("signs in with a recovery code once", async () => {
    const { user, password } = await createUser(db, { role: "manager" });
    const { secret } = (await pendingEnrollment(db, user.id))!;
    const { recoveryCodes } = await confirmEnrollment(db, { id: user.id, email: user.email }, codeAt(secret, timeStep()));
    const code = recoveryCodes[3]!;
    expect((await signIn(db, { email: user.email, password, code: code.toUpperCase(), ip: freshIp() })).ok).toBe(true);
    expect(await signIn(db, { email: user.email, password, code, ip: freshIp() })).toEqual({ ok: false, reason: "wrong_code" });
    const audit = await db.auditEvent.findFirst({ where: { actorId: user.id, action: "auth.sign_in" } });
    expect(audit?.details).toEqual({ factor: "recovery_code" });
  });

  it("an admin's reset clears the factor, the recovery codes, and is audited", async () => {
    const { user: admin } = await createUser(db, { role: "admin" });
    const { user, password } = await enrolledUser("clerk");
    await resetMfa(db, { id: admin.id, email: admin.email }, user.id, "203.0.113.9");
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after).toMatchObject({ totpSecret: null, totpEnabledAt: null, totpLastStep: null });
    expect(after.mfaResetAt).not.toBeNull();
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.auditEvent.findFirst({ where: { action: "user.mfa_reset", targetId: user.id } })).toMatchObject({ actorId: admin.id, ip: "203.0.113.9" });
    // Signing in now takes the password only; the session is then held to enrollment (lib/session.ts).
    expect((await signIn(db, { email: user.email, password, ip: freshIp() })).ok).toBe(true);
  });
});
