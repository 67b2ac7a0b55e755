// Credential encryption at rest: AES-256-GCM under APP_ENCRYPTION_KEY (32 bytes, base64).
// Each ciphertext carries the id of the key that sealed it, so keys can be rotated:
// APP_ENCRYPTION_KEY is the current key; APP_ENCRYPTION_KEYS_OLD ("id:base64,id:base64")
// lists retired keys that may still decrypt until `npm run keys:rotate` re-encrypts everything.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

export interface Key {
  id: string;
  bytes: Buffer;
}

function parseKey(base64: string): Buffer {
  const bytes = Buffer.from(base64.trim(), "base64");
  if (bytes.length !== 32) throw new Error("APP_ENCRYPTION_KEY must be 32 bytes, base64-encoded");
  return bytes;
}

/** A key's id is derived from the key itself, so it never has to be configured. */
export function keyId(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex").slice(0, 12);
}

export function keyFromBase64(base64: string): Key {
  const bytes = parseKey(base64);
  return { id: keyId(bytes), bytes };
}

export function currentKey(): Key {
  const b64 = process.env.APP_ENCRYPTION_KEY;
  if (!b64) throw new Error("APP_ENCRYPTION_KEY is not set (the start command creates one for the embedded setup)");
  return keyFromBase64(b64);
}

let known: { env: string; keys: Key[] } | undefined;

/** The current key, then retired ones. Parsed once per configuration: every sale decrypts credentials. */
export function knownKeys(): Key[] {
  const env = `${process.env.APP_ENCRYPTION_KEY ?? ""}|${process.env.APP_ENCRYPTION_KEYS_OLD ?? ""}`;
  if (known?.env !== env) known = { env, keys: parseKnownKeys() };
  return known.keys;
}

function parseKnownKeys(): Key[] {
  const old = (process.env.APP_ENCRYPTION_KEYS_OLD ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => keyFromBase64(s.includes(":") ? s.slice(s.indexOf(":") + 1) : s));
  return [currentKey(), ...old];
}

export function generateKeyBase64(): string {
  return randomBytes(32).toString("base64");
}

/** "v1.<keyId>.<iv>.<tag>.<ciphertext>", all base64url. */
export function encrypt(plaintext: string, key: Key = currentKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key.bytes, iv);
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return ["v1", key.id, iv.toString("base64url"), tag.toString("base64url"), ct.toString("base64url")].join(".");
}

export function ciphertextKeyId(sealed: string): string | undefined {
  return sealed.split(".")[1];
}

export function decrypt(sealed: string, keys: Key[] = knownKeys()): string {
  const [version, id, iv, tag, ct] = sealed.split(".");
  if (version !== "v1" || !id || !iv || !tag || ct === undefined) throw new Error("not a Keyed ciphertext");
  const key = keys.find((k) => k.id === id);
  if (!key) throw new Error(`no encryption key with id ${id} is configured`);
  const decipher = createDecipheriv("aes-256-gcm", key.bytes, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
}
