// A far-future date in the history filters answered 500 (issue 13, finding 7): the day after
// 9999-12-31 cannot be computed. Such a date is now refused at the field, in history and audit alike.
import { describe, expect, it } from "vitest";
import { auditFilterSchema } from "./admin";
import { historyFiltersSchema } from "./history";

describe("date filters", () => {
  it.each(["9999-12-31", "0001-01-01", "2100-01-01", "1999-12-31"])("refuse %s at the field with the range", (day) => {
    const history = historyFiltersSchema.safeParse({ from: day });
    expect(history.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["from", "Enter a date between 2000 and 2099"]]);
    const audit = auditFilterSchema.safeParse({ to: day });
    expect(audit.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["to", "Enter a date between 2000 and 2099"]]);
  });

  it("accept a day of this century", () => {
    expect(historyFiltersSchema.safeParse({ from: "2026-02-28", to: "2099-12-31" }).success).toBe(true);
  });
});
