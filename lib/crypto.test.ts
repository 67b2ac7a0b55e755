import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ciphertextKeyId, currentKey, decrypt, encrypt, generateKeyBase64, keyFromBase64, knownKeys } from "./crypto";

const SECRET = "c62ba280f0fe0d579947405243326c08937f79e287bdc5421750b84c97df053e";
const saved = { key: process.env.APP_ENCRYPTION_KEY, old: process.env.APP_ENCRYPTION_KEYS_OLD };

beforeEach(() => {
  process.env.APP_ENCRYPTION_KEY = generateKeyBase64();
  delete process.env.APP_ENCRYPTION_KEYS_OLD;
});
afterEach(() => {
  process.env.APP_ENCRYPTION_KEY = saved.key;
  process.env.APP_ENCRYPTION_KEYS_OLD = saved.old;
  if (saved.key === undefined) delete process.env.APP_ENCRYPTION_KEY;
  if (saved.old === undefined) delete process.env.APP_ENCRYPTION_KEYS_OLD;
});

describe("credential encryption", () => {
  it("round-trips, and the ciphertext neither contains the secret nor repeats", () => {
    const a = encrypt(SECRET);
    const b = encrypt(SECRET);
    expect(a).not.toContain(SECRET);
    expect(a).not.toBe(b);
    expect(decrypt(a)).toBe(SECRET);
    expect(ciphertextKeyId(a)).toBe(currentKey().id);
  });

  it("refuses to decrypt under another key", () => {
    const sealed = encrypt(SECRET);
    const other = keyFromBase64(generateKeyBase64());
    expect(() => decrypt(sealed, [other])).toThrow(/no encryption key/);
    // Same id, wrong bytes: GCM authentication fails.
    expect(() => decrypt(sealed, [{ id: currentKey().id, bytes: other.bytes }])).toThrow();
  });

  it("detects a tampered ciphertext", () => {
    const [v, id, iv, tag, ct] = encrypt(SECRET).split(".");
    const flipped = Buffer.from(ct!, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    expect(() => decrypt([v, id, iv, tag, flipped.toString("base64url")].join("."))).toThrow();
  });

  it("reads ciphertexts of a retired key listed in APP_ENCRYPTION_KEYS_OLD", () => {
    const oldB64 = process.env.APP_ENCRYPTION_KEY!;
    const sealed = encrypt(SECRET);
    process.env.APP_ENCRYPTION_KEY = generateKeyBase64();
    expect(() => decrypt(sealed)).toThrow(/no encryption key/);
    process.env.APP_ENCRYPTION_KEYS_OLD = `old1:${oldB64}`;
    expect(knownKeys()).toHaveLength(2);
    expect(decrypt(sealed)).toBe(SECRET);
  });

  it("refuses a key that is not 32 bytes", () => {
    expect(() => keyFromBase64(Buffer.from("short").toString("base64"))).toThrow(/32 bytes/);
  });
});
