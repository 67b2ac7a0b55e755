import { config } from "../config";

/** True when a session signed in at `signedInAt` (ms) is past its absolute lifetime, or its time is unknown. */
export function sessionExpired(signedInAt: unknown, nowMs = Date.now()): boolean {
  return typeof signedInAt !== "number" || nowMs - signedInAt > config.sessionAbsoluteSeconds * 1000;
}
