/**
 * "Jan 5, 2026, 2:03 PM" (with seconds: "2:03:09 PM") in the merchant's time zone (getMerchantSettings),
 * so every page agrees. The zone is required: without one the server would write UTC and the browser
 * its own zone.
 */
export function formatDateTime(value: Date | string, opts: { timeZone: string; seconds?: boolean }): string {
  return new Date(value).toLocaleString("en-US", { timeZone: opts.timeZone, dateStyle: "medium", timeStyle: opts.seconds ? "medium" : "short" });
}

// ---- calendar days in a time zone (the merchant's, for date filters) ----

// Building an Intl.DateTimeFormat costs about 0.2 ms, using one a few microseconds: a year of
// dashboard days asks for 733 midnights, so each zone's formatters are made once.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(kind: "wall" | "day", tz: string): Intl.DateTimeFormat {
  const key = `${kind}:${tz}`;
  let f = formatters.get(key);
  if (!f) {
    f =
      kind === "wall"
        ? new Intl.DateTimeFormat("en-US", { timeZone: tz, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" })
        : new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" });
    formatters.set(key, f);
  }
  return f;
}

/** How far `tz`'s wall clock is ahead of UTC at `instant`, in ms. */
function offsetAt(instant: number, tz: string): number {
  const parts = formatter("wall", tz).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant a day ("2026-03-08") starts in `tz` (DST-aware). */
export function startOfDay(day: string, tz: string): Date {
  return wallTimeOn(day, 0, tz);
}

/**
 * The instant the wall clock in `tz` shows `minutes` past midnight on `day` (DST-aware: 09:00 is 09:00
 * local on either side of a change; a time skipped by a change lands just after it).
 */
export function wallTimeOn(day: string, minutes: number, tz: string): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, 0, minutes);
  // Two passes: the offset at the guess may differ from the offset at the answer around DST changes.
  const first = wall - offsetAt(wall, tz);
  return new Date(wall - offsetAt(first, tz));
}

/** The day ("YYYY-MM-DD") `instant` falls on in `tz`. */
export function dayIn(instant: Date, tz: string): string {
  return formatter("day", tz).format(instant);
}

export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}
