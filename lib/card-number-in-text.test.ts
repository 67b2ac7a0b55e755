// A card number keyed into a free-text field is refused; an ordinary order or reference number is not.
import { describe, expect, it } from "vitest";
import { containsCardNumber } from "./card";
import { customerSearchSchema } from "./validation/customer";
import { historyFiltersSchema } from "./validation/history";

describe("a card number in free text", () => {
  it.each([
    ["4111111111111111", "a Visa number alone"],
    ["4111 1111 1111 1111", "grouped by spaces"],
    ["5555-5555-5555-4444", "grouped by dashes"],
    ["3782 822463 10005", "an Amex number in its 4-6-5 groups"],
    ["Order for 4242424242424242 exp 12/30", "inside a sentence"],
    ["ref 12 4111 1111 1111 1111", "after an unrelated group of digits"],
    ["6011111111111117", "a Discover number"],
    ["4111111111111111 2", "followed by another group of digits"],
  ])("finds %s (%s)", (text) => {
    expect(containsCardNumber(text)).toBe(true);
  });

  it.each([
    ["4111111111111112", "fails Luhn"],
    ["9111111111111111", "no card brand starts with 9"],
    ["411111111111", "too short to be a card number"],
    ["ORD-2026-000123", "an order number"],
    ["+1 (415) 555-0132", "a phone number"],
    ["41111111111111110000", "a 20-digit reference holding a Luhn-valid stretch"],
    ["", "empty"],
  ])("leaves %s alone (%s)", (text) => {
    expect(containsCardNumber(text)).toBe(false);
  });

  it("the customer type-ahead and the history filters refuse a search by card number, and say how to search", () => {
    const bySearch = customerSearchSchema.safeParse({ q: "4111 1111 1111 1111" });
    expect(bySearch.success).toBe(false);
    expect(bySearch.error?.issues[0]?.message).toBe("Search by the card's last 4 digits, never its full number");
    expect(customerSearchSchema.safeParse({ q: "1111" }).success).toBe(true);

    const history = historyFiltersSchema.safeParse({ q: "4111111111111111", order: "5555 5555 5555 4444" });
    expect(history.success).toBe(false);
    expect(history.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["order", "Search by the card's last 4 digits, never its full number"],
      ["q", "Search by the card's last 4 digits, never its full number"],
    ]);
    expect(historyFiltersSchema.safeParse({ q: "Lee", order: "ORD-2026-000123", last4: "1111" }).success).toBe(true);
  });
});
