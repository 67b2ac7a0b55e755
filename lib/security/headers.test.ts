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
