import { describe, expect, it } from "vitest";
import { accountLabel, gatewayName } from "./account-label";

describe("accountLabel", () => {
  it("does not repeat the gateway's name when the label already contains it", () => {
    expect(accountLabel("PayCore (sandbox)", "PayCore (Corefy)")).toBe("PayCore (sandbox)");
    expect(accountLabel("BluePay (sandbox)", "BluePay")).toBe("BluePay (sandbox)");
    // Spelled a little differently by the admin who named it.
    expect(accountLabel("RoverPay EUR", "Rover Pay")).toBe("RoverPay EUR");
    expect(accountLabel("Web shop — bepaid", "bePaid")).toBe("Web shop — bepaid");
  });

  it("names the gateway, without its vendor note, after a label that does not", () => {
    expect(accountLabel("Main store", "PayCore (Corefy)")).toBe("Main store (PayCore)");
    expect(accountLabel("Phone orders", "Rover Pay")).toBe("Phone orders (Rover Pay)");
  });

  it("reads a gateway's label as the name a clerk knows", () => {
    expect(gatewayName("PayCore (Corefy)")).toBe("PayCore");
    expect(gatewayName("bePaid")).toBe("bePaid");
  });
});
