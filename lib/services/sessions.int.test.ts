import { afterAll, describe, expect, it } from "vitest";
import { testDb } from "../testing/db";
import { isSessionRevoked, revokeSession } from "./sessions";

const db = testDb();
afterAll(() => db.$disconnect());

describe("signed-out sessions", () => {
  it("a revoked session id is refused, others are not, and expired revocations are pruned", async () => {
    await revokeSession(db, "sid-old", -60);
    await revokeSession(db, "sid-signed-out", 900);
    expect(await isSessionRevoked(db, "sid-signed-out")).toBe(true);
    expect(await isSessionRevoked(db, "sid-still-signed-in")).toBe(false);
    // The second call pruned the first one, whose session could no longer be presented anyway.
    expect(await isSessionRevoked(db, "sid-old")).toBe(false);
  });
});
