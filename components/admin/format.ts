/** "Jan 5, 2026, 14:03" in the viewer's locale; for admin tables and "set … by …" notes. */
export function formatDateTime(value: Date | string): string {
  return new Date(value).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" });
}
