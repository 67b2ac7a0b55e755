import { describe, expect, it } from "vitest";
import { arrivedOverTls, contentSecurityPolicy, securityHeaders } from "./headers";

describe("security headers", () => {
  it("allows scripts only with the request's nonce, never inline, and forbids framing", () => {
    const csp = contentSecurityPolicy("abc123", { dev: false, tls: false });
    const scriptSrc = csp.split("; ").find((d) => d.startsWith("script-src"))!;
    expect(scriptSrc).toContain("'nonce-abc123'");
    expect(scriptSrc).not.toContain("unsafe-inline");
    expect(scriptSrc).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("upgrade-insecure-requests");
  });

  it("has browsers report violations to the app: by report-uri, and behind TLS by the Reporting API too", () => {
    const secure = contentSecurityPolicy("n", { dev: false, tls: true }).split("; ");
    expect(secure).toContain("report-uri /api/csp-report");
    expect(secure).toContain("report-to csp");
    expect(securityHeaders({ csp: "x", tls: true })["Reporting-Endpoints"]).toBe('csp="/api/csp-report"');
    // Chromium would drop every report: it ignores report-uri once report-to is set, and sends those only from secure pages.
    const plain = contentSecurityPolicy("n", { dev: false, tls: false }).split("; ");
    expect(plain).toContain("report-uri /api/csp-report");
    expect(plain.some((d) => d.startsWith("report-to"))).toBe(false);
    expect(securityHeaders({ csp: "x", tls: false })["Reporting-Endpoints"]).toBeUndefined();
  });

  it("sends HSTS and upgrades requests only behind TLS", () => {
    const plain = securityHeaders({ csp: "x", tls: false });
    expect(plain["Strict-Transport-Security"]).toBeUndefined();
    expect(plain["Cache-Control"]).toContain("no-store");
    expect(securityHeaders({ csp: "x", tls: true })["Strict-Transport-Security"]).toMatch(/max-age=\d+/);
    expect(contentSecurityPolicy("n", { dev: false, tls: true })).toContain("upgrade-insecure-requests");
    expect(arrivedOverTls(new URL("http://shop.test/"), new Headers({ "x-forwarded-proto": "https" }))).toBe(true);
    expect(arrivedOverTls(new URL("http://127.0.0.1/"), new Headers())).toBe(false);
  });
});
