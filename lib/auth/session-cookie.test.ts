import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { readSessionCookie } from "./session-cookie";

const SECRET = "unit-test-secret-0123456789abcdef0123456789";
const NAME = "authjs.session-token";

function jar(cookies: Record<string, string>) {
  return (name: string) => cookies[name];
}

async function cookieFor(token: Record<string, unknown>, opts: { secret?: string; salt?: string; maxAge?: number } = {}) {
  return encode({ token, secret: opts.secret ?? SECRET, salt: opts.salt ?? NAME, maxAge: opts.maxAge ?? 900 });
}

describe("readSessionCookie", () => {
  it("reads the claims of a cookie Auth.js encoded", async () => {
    const value = await cookieFor({ uid: "user-1", sid: "sid-1", signedInAt: 1_700_000_000_000, email: "a@b.test" });
    expect(await readSessionCookie(jar({ [NAME]: value }), SECRET)).toEqual({ uid: "user-1", sid: "sid-1", signedInAt: 1_700_000_000_000 });
  });

  it("reads the __Secure- cookie Auth.js sets over HTTPS (salted with its own name)", async () => {
    const secure = `__Secure-${NAME}`;
    const value = await cookieFor({ uid: "user-2", sid: "sid-2" }, { salt: secure });
    expect(await readSessionCookie(jar({ [secure]: value }), SECRET)).toMatchObject({ uid: "user-2", sid: "sid-2" });
  });

  it("joins a cookie Auth.js split into chunks", async () => {
    const value = await cookieFor({ uid: "user-3", sid: "sid-3" });
    const half = Math.floor(value.length / 2);
    expect(await readSessionCookie(jar({ [`${NAME}.0`]: value.slice(0, half), [`${NAME}.1`]: value.slice(half) }), SECRET)).toMatchObject({ uid: "user-3" });
  });

  it("refuses a cookie sealed with another secret, an expired one, a tampered one, and none at all", async () => {
    const other = await cookieFor({ uid: "user-4", sid: "s" }, { secret: "another-secret-0123456789abcdef0123456789" });
    expect(await readSessionCookie(jar({ [NAME]: other }), SECRET)).toBeNull();

    const expired = await cookieFor({ uid: "user-4", sid: "s" }, { maxAge: -60 });
    expect(await readSessionCookie(jar({ [NAME]: expired }), SECRET)).toBeNull();

    const good = await cookieFor({ uid: "user-4", sid: "s" });
    const parts = good.split(".");
    parts[3] = parts[3]!.slice(0, -2) + (parts[3]!.endsWith("AA") ? "BB" : "AA");
    expect(await readSessionCookie(jar({ [NAME]: parts.join(".") }), SECRET)).toBeNull();

    expect(await readSessionCookie(jar({}), SECRET)).toBeNull();
  });

  it("allows Auth.js's 15 s of clock skew on the expiry, and no more", async () => {
    const value = await cookieFor({ uid: "user-6", sid: "s" }, { maxAge: 100 });
    const cookies = jar({ [NAME]: value });
    expect(readSessionCookie(cookies, SECRET, Date.now() + 110_000)).toMatchObject({ uid: "user-6" });
    expect(readSessionCookie(cookies, SECRET, Date.now() + 120_000)).toBeNull();
  });

  it("refuses garbage and a token whose header names other algorithms", async () => {
    expect(readSessionCookie(jar({ [NAME]: "not-a-jwe" }), SECRET)).toBeNull();
    expect(readSessionCookie(jar({ [NAME]: "a.b.c.d.e" }), SECRET)).toBeNull();
    const value = await cookieFor({ uid: "user-7", sid: "s" });
    const [, ...rest] = value.split(".");
    const gcmHeader = Buffer.from(JSON.stringify({ alg: "dir", enc: "A256GCM" })).toString("base64url");
    expect(readSessionCookie(jar({ [NAME]: [gcmHeader, ...rest].join(".") }), SECRET)).toBeNull();
  });

  it("refuses a valid cookie that names no user", async () => {
    const value = await cookieFor({ sid: "sid-5" });
    expect(await readSessionCookie(jar({ [NAME]: value }), SECRET)).toBeNull();
  });
});
