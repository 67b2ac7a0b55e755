// Runs before every page and API request: refreshes the sliding session cookie (idle timeout),
// sends signed-out visitors of app pages to sign-in, and sets the security headers with a fresh
// CSP nonce (Next.js applies it to its own scripts). Authorization itself is enforced on the
// server in lib/session.ts for every page, action and route handler.
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { auth } from "@/lib/auth";
import { arrivedOverTls, contentSecurityPolicy, newNonce, securityHeaders } from "@/lib/security/headers";

// /api/metrics asks for its own token (lib/metrics/access.ts); the probes answer anyone, with states only.
const PUBLIC_PATHS = ["/sign-in", "/api/health", "/api/ready", "/api/metrics", "/api/auth", "/api/webhooks", "/api/csp-report"];

function withSecurityHeaders(req: NextRequest): NextResponse {
  const tls = arrivedOverTls(req.nextUrl, req.headers);
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development", tls });
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const res = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(securityHeaders({ csp, tls }))) res.headers.set(name, value);
  return res;
}

type Middleware = (req: NextRequest, event: NextFetchEvent) => Promise<Response | undefined> | Response | undefined;

// auth(fn) is typed for both route handlers and middleware; here it is the middleware form.
const withSession = auth((req) => {
  const { pathname, search } = req.nextUrl;
  const isPublic = PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`));
  if (!req.auth && !isPublic && !pathname.startsWith("/api/")) {
    const url = new URL("/sign-in", req.nextUrl.origin);
    if (pathname !== "/") url.searchParams.set("next", `${pathname}${search}`);
    return NextResponse.redirect(url);
  }
  return withSecurityHeaders(req);
}) as unknown as Middleware;

export default withSession;

export const config = {
  // Server actions called by the app's own pages (the router sends a Next-Action header) skip the
  // proxy: their answer is React flight data for the router, not a document, so it needs no CSP;
  // the action checks the session itself (lib/session.ts); and an action may itself sign in or out
  // (sign-out, password change), which refreshing the old session cookie here would undo. Skipping
  // saves about 1.3 ms of CPU per action (BENCHMARKS.md). A form posted without JavaScript carries
  // no such header and gets a full page, so it still passes through here.
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|ico|css|js)$).*)", missing: [{ type: "header", key: "next-action" }] }],
};
