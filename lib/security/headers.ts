// Response security headers, built per request so the Content-Security-Policy can carry a nonce:
// scripts run only with that nonce (no 'unsafe-inline'), the app cannot be framed, and pages that
// show customer data are never cached. Browsers report what the policy blocked to /api/csp-report
// (PCI DSS 11.6.1: a changed payment page is noticed): by `report-uri`, and behind TLS also by the
// Reporting API (`report-to`). Not over plain http: Chromium sends Reporting API reports only from
// secure pages, and ignores `report-uri` once `report-to` is there, so every report would be lost.

export const CSP_REPORT_PATH = "/api/csp-report";
const REPORT_GROUP = "csp";

export function newNonce(): string {
  return Buffer.from(crypto.randomUUID()).toString("base64");
}

export function contentSecurityPolicy(nonce: string, opts: { dev: boolean; tls: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes (React `style`) need this; scripts do not get it.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.tls ? ["upgrade-insecure-requests"] : []),
    `report-uri ${CSP_REPORT_PATH}`,
    ...(opts.tls ? [`report-to ${REPORT_GROUP}`] : []),
  ].join("; ");
}

/** Headers every response carries; HSTS only when the request arrived over TLS. */
export function securityHeaders(opts: { csp: string; tls: boolean }): Record<string, string> {
  return {
    "Content-Security-Policy": opts.csp,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Cache-Control": "no-store, max-age=0",
    ...(opts.tls ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains", "Reporting-Endpoints": `${REPORT_GROUP}="${CSP_REPORT_PATH}"` } : {}),
  };
}

/** Behind a proxy that terminates TLS, x-forwarded-proto says so. */
export function arrivedOverTls(url: URL, headers: Headers): boolean {
  return url.protocol === "https:" || headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}
