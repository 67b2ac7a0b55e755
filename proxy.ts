// Runs before every page and API request: refreshes the sliding session cookie (idle timeout),
// sends signed-out visitors of app pages to sign-in, and sets the security headers with a fresh
// CSP nonce (Next.js applies it to its own scripts). Authorization itself is enforced on the
// server in lib/session.ts for every page, action and route handler.
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { auth } from "@/lib/auth";
import { arrivedOverTls, contentSecurityPolicy, newNonce, securityHeaders } from "@/lib/security/headers";

const PUBLIC_PATHS = ["/sign-in", "/api/health", "/api/auth", "/api/webhooks"];

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

export default function proxy(req: NextRequest, event: NextFetchEvent) {
  // A server action may itself sign in or out (sign-out, password change): refreshing the old
  // session cookie on its response would undo that, so actions get the headers only. The action
  // checks the session itself (lib/session.ts).
  if (req.method === "POST" && req.headers.has("next-action")) return withSecurityHeaders(req);
  return withSession(req, event);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|ico|css|js)$).*)"],
};
