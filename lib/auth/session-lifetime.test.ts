import { describe, expect, it } from "vitest";
import { config } from "../config";
import { sessionExpired } from "./session-lifetime";

describe("absolute session lifetime", () => {
  const now = Date.UTC(2026, 11, 2, 12);
  it("ends a session 12 hours after it signed in, however active it was", () => {
    expect(config.sessionAbsoluteSeconds).toBe(12 * 3600);
    expect(sessionExpired(now - 11.9 * 3600_000, now)).toBe(false);
    expect(sessionExpired(now - 12 * 3600_000 - 1000, now)).toBe(true);
  });
  it("treats a session without a sign-in time as expired", () => {
    expect(sessionExpired(undefined, now)).toBe(true);
    expect(sessionExpired("yesterday", now)).toBe(true);
  });
});
