/** "Jan 5, 2026, 2:03 PM" in the merchant's time zone. */
export function formatInZone(iso: string, timeZone: string, withSeconds = false): string {
  return new Date(iso).toLocaleString("en-US", { timeZone, dateStyle: "medium", timeStyle: withSeconds ? "medium" : "short" });
}
