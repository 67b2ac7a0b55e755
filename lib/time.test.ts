import { describe, expect, it } from "vitest";
import { addDays, dayIn, startOfDay } from "./time";

describe("calendar days in a time zone", () => {
  it("marks day boundaries at local midnight across a DST change", () => {
    expect(startOfDay("2026-03-08", "America/New_York").toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(startOfDay("2026-03-09", "America/New_York").toISOString()).toBe("2026-03-09T04:00:00.000Z");
    expect(startOfDay("2026-07-01", "Europe/Minsk").toISOString()).toBe("2026-06-30T21:00:00.000Z");
  });

  it("names the local day of an instant and steps across month ends", () => {
    expect(dayIn(new Date("2026-03-09T03:30:00Z"), "America/New_York")).toBe("2026-03-08");
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });
});
