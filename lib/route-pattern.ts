// The app's route pattern for a request path ("/customers/[id]" for /customers/c1x…), from the
// build's routes manifest: what the request log and the HTTP metrics name a request by, so a label
// holds one value per route rather than one per id.
import { readFileSync } from "node:fs";
import { join } from "node:path";

interface Manifest {
  staticRoutes?: { page: string }[];
  dynamicRoutes?: { page: string; regex: string }[];
}

interface Routes {
  static: Set<string>;
  dynamic: { page: string; regex: RegExp }[];
}

// turbopackIgnore: the build folder is read at run time; it is not a file for the build to trace.
export function loadRoutes(distDir = join(/*turbopackIgnore: true*/ process.cwd(), process.env.NEXT_DIST_DIR || ".next")): Routes {
  try {
    const manifest = JSON.parse(readFileSync(join(distDir, "routes-manifest.json"), "utf8")) as Manifest;
    return {
      static: new Set((manifest.staticRoutes ?? []).map((r) => r.page)),
      dynamic: (manifest.dynamicRoutes ?? []).map((r) => ({ page: r.page, regex: new RegExp(r.regex) })),
    };
  } catch {
    // next dev keeps no manifest where next start reads it: every page is then "(unmatched)"; the log line's path still tells.
    return { static: new Set(), dynamic: [] };
  }
}

/** For a path without its query string. The router's own requests for a page (…/page.rsc, …/page.segments/…) name the page. */
export function routePattern(routes: Routes, pathname: string): string {
  if (pathname.startsWith("/_next/static/")) return "/_next/static";
  if (pathname.startsWith("/_next/")) return "/_next";
  const path = pathname.replace(/\.segments\/.*$/, "").replace(/\.rsc$/, "").replace(/(.)\/$/, "$1");
  const page = path === "/index" ? "/" : path;
  if (routes.static.has(page)) return page;
  return routes.dynamic.find((r) => r.regex.test(page))?.page ?? "(unmatched)";
}
