// Runs before every page and API request: refreshes the sliding session cookie (idle timeout),
// sends signed-out visitors of app pages to sign-in, and sets the security headers with a fresh
// CSP nonce (Next.js applies it to its own scripts). Authorization itself is enforced on the
// server in lib/session.ts for every page, action and route handler.
import { NextResponse } from "next/server";
import { auth } from "@/lib/auth";
import { arrivedOverTls, contentSecurityPolicy, newNonce, securityHeaders } from "@/lib/security/headers";

const PUBLIC_PATHS = ["/sign-in", "/api/health", "/api/auth", "/api/webhooks"];

export default auth((req) => {
  const { pathname, search } = req.nextUrl;
  const tls = arrivedOverTls(req.nextUrl, req.headers);
  const isPublic = PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`));
  if (!req.auth && !isPublic && !pathname.startsWith("/api/")) {
    const url = new URL("/sign-in", req.nextUrl.origin);
    if (pathname !== "/") url.searchParams.set("next", `${pathname}${search}`);
    return NextResponse.redirect(url);
  }
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development", tls });
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const res = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(securityHeaders({ csp, tls }))) res.headers.set(name, value);
  return res;
});

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|ico|css|js)$).*)"],
};
