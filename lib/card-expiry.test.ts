import { describe, expect, it } from "vitest";
import { formatExpiryInput, parseExpiry } from "./card";

/** What the field shows after typing `keys` one at a time (each keystroke is formatted, as in the form). */
const typed = (keys: string) => [...keys].reduce((shown, key) => formatExpiryInput(shown + key), "");

describe("card expiry", () => {
  it.each([
    ["1/29", { month: 1, year: 2029 }],
    ["01/29", { month: 1, year: 2029 }],
    ["12/29", { month: 12, year: 2029 }],
    ["1229", { month: 12, year: 2029 }],
    ["0129", { month: 1, year: 2029 }],
    ["12/2029", { month: 12, year: 2029 }],
    ["1/2029", { month: 1, year: 2029 }],
    ["122029", { month: 12, year: 2029 }],
    [" 12 / 29 ", { month: 12, year: 2029 }],
    ["12-29", { month: 12, year: 2029 }],
  ])("reads %j", (input, expected) => {
    expect(parseExpiry(input)).toEqual(expected);
  });

  it.each(["12/9", "129", "13/29", "0/29", "00/29", "12/", "1/2/29", "12029", "ab/cd", ""])("refuses %j", (input) => {
    expect(parseExpiry(input)).toBeNull();
  });

  it.each([
    ["1/29", "01/29", 1, 2029],
    ["1229", "12/29", 12, 2029],
    ["12/29", "12/29", 12, 2029],
    ["122029", "12/2029", 12, 2029],
    ["12/2029", "12/2029", 12, 2029],
    ["329", "03/29", 3, 2029],
    ["3/29", "03/29", 3, 2029],
    ["0129", "01/29", 1, 2029],
  ])("typing %j shows %j: month %i of %i", (keys, shown, month, year) => {
    expect(typed(keys)).toBe(shown);
    expect(parseExpiry(shown)).toEqual({ month, year });
  });

  it("keeps a backspace over the slash, and a lone 0 as typed", () => {
    expect(formatExpiryInput("01")).toBe("01");
    expect(formatExpiryInput("0")).toBe("0");
    expect(formatExpiryInput("0/")).toBe("0");
    expect(formatExpiryInput("03")).toBe("03");
    expect(formatExpiryInput("1")).toBe("1");
  });
});
