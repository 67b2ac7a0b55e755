/**
 * "Jan 5, 2026, 2:03 PM" (with seconds: "2:03:09 PM"). Pass the merchant's time zone
 * (getMerchantSettings) wherever a payment's time is shown, so every page agrees.
 */
export function formatDateTime(value: Date | string, opts: { timeZone?: string; seconds?: boolean } = {}): string {
  return new Date(value).toLocaleString("en-US", { timeZone: opts.timeZone, dateStyle: "medium", timeStyle: opts.seconds ? "medium" : "short" });
}
