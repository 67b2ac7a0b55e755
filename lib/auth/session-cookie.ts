// Reads the Auth.js session cookie directly, for lib/session.ts (every page, action and route).
// Auth.js's own auth() does far more per call than reading who is signed in: it builds a Request,
// derives the key with HKDF twice, makes a CSRF digest and re-encrypts the cookie it cannot set
// from a server action; and jose's WebCrypto path costs about 1 ms per decryption here (measured,
// BENCHMARKS.md). This derives the key once and decrypts with node:crypto. The middleware (proxy.ts)
// still runs auth() on navigations, so the sliding idle timeout is refreshed there as before.
// The cookie is a compact JWE (RFC 7516) with "dir" keying and A256CBC-HS512 (RFC 7518 §5.2).
import { createDecipheriv, createHmac, hkdfSync, timingSafeEqual } from "node:crypto";

export interface SessionClaims {
  uid: string;
  sid?: string;
  signedInAt?: number;
}

/** Auth.js's cookie names: the __Secure- one is used over HTTPS. */
export const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

const keys = new Map<string, Buffer>();
/** Seconds of clock skew allowed on the expiry, as Auth.js allows. */
const CLOCK_TOLERANCE_S = 15;

/** The key Auth.js derives for its JWE session cookie (A256CBC-HS512): HKDF-SHA256, salted with the cookie name. */
function keyFor(secret: string, cookieName: string): Buffer {
  const id = `${cookieName}\u0000${secret}`;
  let key = keys.get(id);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", secret, cookieName, `Auth.js Generated Encryption Key (${cookieName})`, 64));
    keys.set(id, key);
  }
  return key;
}

/** The cookie's value; Auth.js splits a long one into NAME.0, NAME.1, … */
function cookieValue(get: (name: string) => string | undefined, name: string): string | undefined {
  const whole = get(name);
  if (whole) return whole;
  const chunks: string[] = [];
  for (let i = 0; ; i++) {
    const chunk = get(`${name}.${i}`);
    if (chunk === undefined) break;
    chunks.push(chunk);
  }
  return chunks.length ? chunks.join("") : undefined;
}

/** The JWE's JSON payload, or null unless it is authentic (the tag checks) and well formed. */
function decryptJwe(token: string, key: Buffer): Record<string, unknown> | null {
  const [protectedHeader, encryptedKey, iv64, ciphertext64, tag64, ...rest] = token.split(".");
  if (!protectedHeader || encryptedKey !== "" || !iv64 || !ciphertext64 || !tag64 || rest.length) return null;
  const header = JSON.parse(Buffer.from(protectedHeader, "base64url").toString("utf8")) as { alg?: unknown; enc?: unknown; zip?: unknown };
  if (header.alg !== "dir" || header.enc !== "A256CBC-HS512" || header.zip !== undefined) return null;
  const iv = Buffer.from(iv64, "base64url");
  const ciphertext = Buffer.from(ciphertext64, "base64url");
  const tag = Buffer.from(tag64, "base64url");
  if (iv.length !== 16 || tag.length !== 32) return null;
  // Authentication tag: the first half of HMAC-SHA-512 over AAD ‖ IV ‖ ciphertext ‖ AAD length in bits.
  const aad = Buffer.from(protectedHeader, "ascii");
  const aadBits = Buffer.alloc(8);
  aadBits.writeBigUInt64BE(BigInt(aad.length * 8));
  const expected = createHmac("sha512", key.subarray(0, 32)).update(aad).update(iv).update(ciphertext).update(aadBits).digest().subarray(0, 32);
  if (!timingSafeEqual(expected, tag)) return null;
  const decipher = createDecipheriv("aes-256-cbc", key.subarray(32), iv);
  const plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  const payload = JSON.parse(plaintext) as unknown;
  return payload && typeof payload === "object" && !Array.isArray(payload) ? (payload as Record<string, unknown>) : null;
}

/**
 * The signed-in claims of the request's session cookie, or null when there is none or it is not
 * valid (tampered, another secret, expired). Revocation is checked by the caller, against the database.
 */
export function readSessionCookie(get: (name: string) => string | undefined, secret: string, nowMs = Date.now()): SessionClaims | null {
  for (const name of SESSION_COOKIES) {
    const token = cookieValue(get, name);
    if (!token) continue;
    let payload: Record<string, unknown> | null;
    try {
      payload = decryptJwe(token, keyFor(secret, name));
    } catch {
      return null; // not base64url, not JSON, bad padding: not a cookie this app issued
    }
    if (!payload || typeof payload.exp !== "number" || payload.exp + CLOCK_TOLERANCE_S < nowMs / 1000) return null;
    if (typeof payload.uid !== "string") return null;
    return {
      uid: payload.uid,
      sid: typeof payload.sid === "string" ? payload.sid : undefined,
      signedInAt: typeof payload.signedInAt === "number" ? payload.signedInAt : undefined,
    };
  }
  return null;
}
