// The sign-in redirect (issue 13, finding 5): `next=/\evil.test/steal` landed the browser on evil.test.
import { describe, expect, it } from "vitest";
import { safeNextPath } from "./auth";

describe("safeNextPath", () => {
  it.each(["/\\evil.test/steal", "//evil.test", "/\\/evil.test", "/\t/evil.test", "/\n/evil.test", "\\\\evil.test", "https://evil.test/", "javascript:alert(1)", "evil.test", "", undefined, 42])(
    "keeps a visitor on the app for %j",
    (next) => {
      expect(safeNextPath(next)).toBe("/");
    },
  );

  it.each([
    ["/transactions?status=approved", "/transactions?status=approved"],
    ["/customers/abc#cards", "/customers/abc#cards"],
    ["/admin/../terminal", "/terminal"],
  ])("keeps the app's own path %j", (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });
});
