// The shop's webhook public key (spec §9): bePaid's back office shows it as base64 DER
// (SubjectPublicKeyInfo) without PEM armour, the PHP SDK stores it so; an admin may paste it with
// the armour too, and a single-line form field drops the line breaks. All of these are accepted.
import { createPublicKey, type KeyObject } from "node:crypto";

const ARMOUR = /-----(BEGIN|END) (RSA )?PUBLIC KEY-----/g;

/** The RSA public key the text holds, or null when it holds none. */
export function parseWebhookPublicKey(text: string): KeyObject | null {
  const pkcs1 = /BEGIN RSA PUBLIC KEY/.test(text);
  const base64 = text.replace(ARMOUR, "").replace(/\s+/g, "");
  if (base64 === "" || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return null;
  try {
    const key = createPublicKey({ key: Buffer.from(base64, "base64"), format: "der", type: pkcs1 ? "pkcs1" : "spki" });
    return key.asymmetricKeyType === "rsa" ? key : null;
  } catch {
    return null;
  }
}
