import { describe, expect, it } from "vitest";
import { dashboardDays, dashboardPeriodSchema, daysBetween } from "./dashboard";

const NOW = new Date("2026-03-10T03:00:00Z"); // still March 9 in New York, already March 10 in UTC

describe("dashboard period", () => {
  it("counts calendar days, a DST change included", () => {
    expect(daysBetween("2026-03-08", "2026-03-08")).toBe(1);
    expect(daysBetween("2026-03-01", "2026-03-31")).toBe(31);
    expect(daysBetween("2024-01-01", "2024-12-31")).toBe(366);
  });

  it("reads presets in the merchant's time zone, the last 7 days by default", () => {
    expect(dashboardDays({ range: "today" }, "America/New_York", NOW)).toEqual({ from: "2026-03-09", to: "2026-03-09" });
    expect(dashboardDays({}, "America/New_York", NOW)).toEqual({ from: "2026-03-03", to: "2026-03-09" });
    expect(dashboardDays({ range: "last30" }, "UTC", NOW)).toEqual({ from: "2026-02-09", to: "2026-03-10" });
    expect(dashboardDays({ from: "2026-01-01", to: "2026-01-02" }, "UTC", NOW)).toEqual({ from: "2026-01-01", to: "2026-01-02" });
  });

  it("refuses an inverted, half-given or longer-than-a-year period with a message on the field", () => {
    const issue = (input: Record<string, string>) => {
      const r = dashboardPeriodSchema.safeParse(input);
      return r.success ? null : { path: r.error.issues[0]!.path.join("."), message: r.error.issues[0]!.message };
    };
    expect(issue({ from: "2026-03-10", to: "2026-03-01" })).toEqual({ path: "to", message: "The last day is before the first day" });
    expect(issue({ from: "2016-01-01", to: "2026-01-01" })?.message).toMatch(/at most 366 days/);
    expect(issue({ from: "2026-03-01" })).toEqual({ path: "to", message: "Enter both the first and the last day" });
    expect(issue({ from: "2025-01-01", to: "2025-12-31" })).toBeNull();
    expect(issue({ range: " ", from: "", to: "" })).toBeNull();
  });
});
