// CSV cells a spreadsheet would run (issue 13, finding 7): ;, |, a tab, a full-width ＝ and a formula
// behind spaces went out as they were.
import { describe, expect, it } from "vitest";
import { csvCell } from "./csv";

describe("csvCell", () => {
  it.each(["=1+1", "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", ";cmd", "|calc", "＝1+1", "＋1", "－1", "＠A1", "  =1+1", "\u3000=1"])("neutralizes %j with a leading apostrophe", (value) => {
    const cell = csvCell(value);
    expect(cell.replace(/^"/, "").startsWith("'")).toBe(true);
  });

  it.each([
    ["Jane Doe", "Jane Doe"],
    ["ORD-7", "ORD-7"],
    ["a, b", '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
  ])("leaves ordinary text %j readable", (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it("writes the export's own numbers as they are", () => {
    expect(csvCell("-12.50", false)).toBe("-12.50");
    expect(csvCell(null)).toBe("");
  });
});
