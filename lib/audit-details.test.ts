import { describe, expect, it } from "vitest";
import { describeDetails, targetHref } from "./audit-details";

describe("audit details as shown to admins", () => {
  it("formats money from minor units and leaves the currency out as its own line", () => {
    expect(describeDetails({ amount: 1250, currency: "USD", status: "approved" })).toEqual([
      { label: "Amount", value: "$12.50" },
      { label: "Status", value: "approved" },
    ]);
  });

  it("shows changes as from → to, one per field", () => {
    expect(describeDetails({ changes: { merchantName: { from: "Keyed Demo Merchant", to: "Corner Shop" } } })).toEqual([
      { label: "Merchant name", value: "Keyed Demo Merchant → Corner Shop" },
    ]);
    expect(describeDetails({ email: "x@keyed.test", from: "clerk", to: "manager" })).toEqual([
      { label: "Email", value: "x@keyed.test" },
      { label: "From", value: "clerk" },
      { label: "To", value: "manager" },
    ]);
  });

  it("links the objects it names", () => {
    expect(describeDetails({ customerId: "c_1", brand: "visa", last4: "1111" })).toEqual([
      { label: "Customer", value: "c_1", href: "/customers/c_1" },
      { label: "Brand", value: "visa" },
      { label: "Card ending", value: "1111" },
    ]);
    expect(targetHref("Transaction", "t_1")).toBe("/transactions/t_1");
    expect(targetHref("gateway_account", "g 1")).toBe("/admin/gateways/g%201");
    expect(targetHref("thing", "x")).toBeUndefined();
  });

  it("shows what it does not know as text, never as markup", () => {
    expect(describeDetails(null)).toEqual([]);
    expect(describeDetails({ note: "<b>x</b>", n: 2, list: ["a", "b"] })).toEqual([
      { label: "Note", value: "<b>x</b>" },
      { label: "N", value: "2" },
      { label: "List", value: "a, b" },
    ]);
  });
});
