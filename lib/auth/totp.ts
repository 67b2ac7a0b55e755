// TOTP (RFC 6238) with the `otpauth` library: SHA-1, 6 digits, 30-second steps, which every
// authenticator app reads from the QR code's otpauth:// URI.
import * as OTPAuth from "otpauth";

const PERIOD = 30;
/** One step either side, for clocks that drift (RFC 6238 §5.2 recommends at most one). */
const WINDOW = 1;
const ISSUER = "Keyed";

function totp(secretBase32: string, email: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({ issuer: ISSUER, label: email, algorithm: "SHA1", digits: 6, period: PERIOD, secret: OTPAuth.Secret.fromBase32(secretBase32) });
}

export function timeStep(nowMs = Date.now()): number {
  return Math.floor(nowMs / 1000 / PERIOD);
}

/** The step a code belongs to, if it is valid now (within the window), else null. */
export function matchingStep(secretBase32: string, code: string, nowMs = Date.now()): number | null {
  const token = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secretBase32, "").validate({ token, timestamp: nowMs, window: WINDOW });
  return delta === null ? null : timeStep(nowMs) + delta;
}

/** The code of a step; for tests and the demo code printer. */
export function codeAt(secretBase32: string, step: number): string {
  return totp(secretBase32, "").generate({ timestamp: step * PERIOD * 1000 });
}

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

export function otpauthUri(secretBase32: string, email: string): string {
  return totp(secretBase32, email).toString();
}

