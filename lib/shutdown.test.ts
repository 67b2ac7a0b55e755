import { describe, expect, it } from "vitest";
import { drainingSince, shutdownTimings } from "./shutdown";

describe("shutdown settings", () => {
  it("reads SHUTDOWN_DRAIN_MS and SHUTDOWN_TIMEOUT_MS, and falls back on missing, empty, negative or non-numeric values", () => {
    expect(shutdownTimings({})).toEqual({ drainMs: 0, timeoutMs: 30_000 });
    expect(shutdownTimings({ SHUTDOWN_DRAIN_MS: "5000", SHUTDOWN_TIMEOUT_MS: "0" })).toEqual({ drainMs: 5_000, timeoutMs: 0 });
    expect(shutdownTimings({ SHUTDOWN_DRAIN_MS: "", SHUTDOWN_TIMEOUT_MS: "-1" })).toEqual({ drainMs: 0, timeoutMs: 30_000 });
    expect(shutdownTimings({ SHUTDOWN_DRAIN_MS: "soon", SHUTDOWN_TIMEOUT_MS: "Infinity" })).toEqual({ drainMs: 0, timeoutMs: 30_000 });
  });

  it("says whether the process drains from the state the serve.ts preload keeps", () => {
    expect(drainingSince()).toBeNull();
    const state = globalThis as Record<symbol, unknown>;
    state[Symbol.for("keyed.shutdown")] = { drainingSince: 1234 };
    try {
      expect(drainingSince()).toBe(1234);
    } finally {
      delete state[Symbol.for("keyed.shutdown")];
    }
  });
});
