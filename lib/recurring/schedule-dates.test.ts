import { describe, expect, it } from "vitest";
import { describeRule, dueAt, firstOccurrenceOnOrAfter, occurrence, withinEnd, type RecurrenceRule } from "./schedule-dates";

const days = (rule: RecurrenceRule, count: number) => Array.from({ length: count }, (_, n) => occurrence(rule, n));

describe("recurring payment days", () => {
  it("monthly on the 31st falls on the last day of shorter months and returns to the 31st", () => {
    expect(days({ anchorDate: "2027-01-31", unit: "month", every: 1 }, 5)).toEqual(["2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30", "2027-05-31"]);
    expect(occurrence({ anchorDate: "2028-01-31", unit: "month", every: 1 }, 1)).toBe("2028-02-29");
    expect(occurrence({ anchorDate: "2027-01-30", unit: "month", every: 1 }, 1)).toBe("2027-02-28");
    expect(occurrence({ anchorDate: "2027-01-30", unit: "month", every: 1 }, 2)).toBe("2027-03-30");
  });

  it("every N months crosses year ends", () => {
    expect(days({ anchorDate: "2026-11-15", unit: "month", every: 3 }, 4)).toEqual(["2026-11-15", "2027-02-15", "2027-05-15", "2027-08-15"]);
  });

  it("weekly and every N weeks keep the weekday, across month and year ends", () => {
    expect(days({ anchorDate: "2026-12-24", unit: "week", every: 1 }, 3)).toEqual(["2026-12-24", "2026-12-31", "2027-01-07"]);
    expect(days({ anchorDate: "2027-02-22", unit: "week", every: 2 }, 3)).toEqual(["2027-02-22", "2027-03-08", "2027-03-22"]);
  });

  it("yearly on Feb 29 is Feb 28 in common years and Feb 29 again in leap years", () => {
    expect(days({ anchorDate: "2028-02-29", unit: "year", every: 1 }, 5)).toEqual(["2028-02-29", "2029-02-28", "2030-02-28", "2031-02-28", "2032-02-29"]);
  });

  it("is due at 09:00 merchant time on either side of a DST change", () => {
    // New York: EST (UTC-5) before Mar 14 2027, EDT (UTC-4) from then; back on Nov 7 2027.
    const rule: RecurrenceRule = { anchorDate: "2027-02-15", unit: "month", every: 1 };
    expect(dueAt(occurrence(rule, 0), "America/New_York").toISOString()).toBe("2027-02-15T14:00:00.000Z");
    expect(dueAt(occurrence(rule, 1), "America/New_York").toISOString()).toBe("2027-03-15T13:00:00.000Z");
    expect(dueAt(occurrence(rule, 9), "America/New_York").toISOString()).toBe("2027-11-15T14:00:00.000Z");
    // On the change days themselves.
    expect(dueAt("2027-03-14", "America/New_York").toISOString()).toBe("2027-03-14T13:00:00.000Z");
    expect(dueAt("2027-11-07", "America/New_York").toISOString()).toBe("2027-11-07T14:00:00.000Z");
    // Southern hemisphere and a zone without DST.
    expect(dueAt("2027-04-04", "Australia/Sydney").toISOString()).toBe("2027-04-03T23:00:00.000Z");
    expect(dueAt("2027-04-03", "Australia/Sydney").toISOString()).toBe("2027-04-02T22:00:00.000Z");
    expect(dueAt("2027-07-01", "Europe/Minsk").toISOString()).toBe("2027-07-01T06:00:00.000Z");
  });

  it("ends after N payments or on a date", () => {
    expect(withinEnd({ kind: "count", count: 3 }, 2, "2030-01-01")).toBe(true);
    expect(withinEnd({ kind: "count", count: 3 }, 3, "2030-01-01")).toBe(false);
    expect(withinEnd({ kind: "until", until: "2027-03-31" }, 9, "2027-03-31")).toBe(true);
    expect(withinEnd({ kind: "until", until: "2027-03-31" }, 0, "2027-04-01")).toBe(false);
    expect(withinEnd({ kind: "never" }, 10_000, "2099-01-01")).toBe(true);
  });

  it("finds the first payment day on or after a day (resuming after a pause)", () => {
    const rule: RecurrenceRule = { anchorDate: "2027-01-31", unit: "month", every: 1 };
    expect(firstOccurrenceOnOrAfter(rule, "2027-03-01")).toBe(2);
    expect(firstOccurrenceOnOrAfter(rule, "2027-02-28")).toBe(1);
  });

  it("describes the plan", () => {
    expect(describeRule({ anchorDate: "2027-01-31", unit: "month", every: 1 })).toBe("Monthly on the 31st (last day in shorter months)");
    expect(describeRule({ anchorDate: "2027-03-02", unit: "week", every: 2 })).toBe("Every 2 weeks on Tuesday");
    expect(describeRule({ anchorDate: "2028-02-29", unit: "year", every: 1 })).toBe("Yearly on February 29 (Feb 28 in other years)");
    expect(describeRule({ anchorDate: "2027-01-22", unit: "month", every: 1 })).toBe("Monthly on the 22nd");
  });
});
