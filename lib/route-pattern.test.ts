import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRoutes, routePattern } from "./route-pattern";

// The shape next build writes (.next/routes-manifest.json), trimmed to what is read.
const manifest = {
  staticRoutes: [{ page: "/" }, { page: "/terminal" }, { page: "/api/health" }],
  dynamicRoutes: [
    { page: "/customers/[id]/edit", regex: "^/customers/([^/]+?)/edit(?:/)?$" },
    { page: "/customers/[id]", regex: "^/customers/([^/]+?)(?:/)?$" },
    { page: "/api/auth/[...nextauth]", regex: "^/api/auth/(.+?)(?:/)?$" },
  ],
};

function routes() {
  const dir = mkdtempSync(join(tmpdir(), "keyed-routes-"));
  writeFileSync(join(dir, "routes-manifest.json"), JSON.stringify(manifest));
  return loadRoutes(dir);
}

describe("a request's route pattern", () => {
  it("names a page or route by its pattern, never by the ids in its path", () => {
    const r = routes();
    expect(routePattern(r, "/")).toBe("/");
    expect(routePattern(r, "/terminal")).toBe("/terminal");
    expect(routePattern(r, "/terminal/")).toBe("/terminal");
    expect(routePattern(r, "/customers/cm3x9")).toBe("/customers/[id]");
    expect(routePattern(r, "/customers/cm3x9/edit")).toBe("/customers/[id]/edit");
    expect(routePattern(r, "/api/auth/callback/credentials")).toBe("/api/auth/[...nextauth]");
  });

  it("names the router's own fetches for a page by that page, and static files and unknown paths by their kind", () => {
    const r = routes();
    expect(routePattern(r, "/customers/cm3x9.rsc")).toBe("/customers/[id]");
    expect(routePattern(r, "/index.rsc")).toBe("/");
    expect(routePattern(r, "/terminal.segments/_tree.segment.rsc")).toBe("/terminal");
    expect(routePattern(r, "/_next/static/chunks/abc.js")).toBe("/_next/static");
    expect(routePattern(r, "/_next/image")).toBe("/_next");
    expect(routePattern(r, "/wp-login.php")).toBe("(unmatched)");
  });

  it("calls everything unmatched when there is no build manifest (next dev)", () => {
    const r = loadRoutes(join(tmpdir(), "no-such-build"));
    expect(routePattern(r, "/terminal")).toBe("(unmatched)");
  });
});
