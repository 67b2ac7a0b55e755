import { describe, expect, it } from "vitest";
import { metricsAccess } from "./access";

describe("who may scrape /api/metrics", () => {
  it("nobody while METRICS_TOKEN is unset: the endpoint is off", () => {
    expect(metricsAccess("Bearer anything", undefined)).toBe("disabled");
    expect(metricsAccess(null, "")).toBe("disabled");
  });

  it("whoever sends the token as a bearer token, and nobody else", () => {
    const token = "s3cret-metrics-token";
    expect(metricsAccess(`Bearer ${token}`, token)).toBe("allowed");
    expect(metricsAccess(`bearer  ${token} `, token)).toBe("allowed");
    expect(metricsAccess(null, token)).toBe("denied");
    expect(metricsAccess("Bearer", token)).toBe("denied");
    expect(metricsAccess(`Bearer ${token}x`, token)).toBe("denied");
    expect(metricsAccess(`Bearer ${token.slice(0, -1)}`, token)).toBe("denied");
    expect(metricsAccess(`Basic ${token}`, token)).toBe("denied");
    expect(metricsAccess(token, token)).toBe("denied");
  });
});
