// The sign-in throttle and the audit log took the first X-Forwarded-For value (issue 13, finding 3):
// rotating the header bypassed the per-IP limit and wrote a forged address into the audit log.
import { describe, expect, it } from "vitest";
import { clientIp, PEER_HEADER, trustedProxies } from "./client-ip";

const h = (peer: string | null, xff?: string) => {
  const headers = new Headers();
  if (peer) headers.set(PEER_HEADER, peer);
  if (xff) headers.set("x-forwarded-for", xff);
  return headers;
};

describe("clientIp", () => {
  it("ignores X-Forwarded-For from a connection that is not a trusted proxy", () => {
    expect(clientIp(h("198.51.100.7", "203.0.113.1"), trustedProxies(""))).toBe("198.51.100.7");
    expect(clientIp(h("::ffff:127.0.0.1", "203.0.113.1, 10.0.0.1"), trustedProxies(""))).toBe("127.0.0.1");
  });

  it("behind trusted proxies takes the right-most address that is not a proxy, so a forged left part changes nothing", () => {
    const proxies = trustedProxies("10.0.0.0/8, 192.0.2.10");
    expect(clientIp(h("10.1.2.3", "203.0.113.5"), proxies)).toBe("203.0.113.5");
    expect(clientIp(h("10.1.2.3", "6.6.6.6, 203.0.113.5, 192.0.2.10"), proxies)).toBe("203.0.113.5");
    expect(clientIp(h("10.1.2.3", "not-an-ip, 203.0.113.5"), proxies)).toBe("203.0.113.5");
    expect(clientIp(h("10.1.2.3"), proxies)).toBe("10.1.2.3");
  });

  it("knows no client without the server's peer header (a request that did not come through the server)", () => {
    expect(clientIp(h(null, "203.0.113.1"), trustedProxies(""))).toBeNull();
  });

  it("refuses a malformed TRUSTED_PROXIES entry instead of trusting it", () => {
    expect(() => trustedProxies("10.0.0.0/8, proxy.example")).toThrow(/"proxy.example" is not an IP address or CIDR range/);
  });
});
