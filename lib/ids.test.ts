import { describe, expect, it } from "vitest";
import { newId } from "./ids";

describe("newId", () => {
  it("has the shape of a Prisma cuid: 25 lowercase base-36 characters starting with c", () => {
    expect(newId()).toMatch(/^c[0-9a-z]{24}$/);
  });

  it("never repeats within a burst from one process", () => {
    const ids = Array.from({ length: 20_000 }, newId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("orders ids made in later milliseconds after earlier ones", async () => {
    const first = newId();
    await new Promise((r) => setTimeout(r, 5));
    expect(newId() > first).toBe(true);
  });
});
