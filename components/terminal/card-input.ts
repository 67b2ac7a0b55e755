import { digitsOnly } from "@/lib/card";

/** "1229" → "12/29" as the clerk types; a typed slash is kept. */
export function formatExpiryInput(value: string): string {
  const d = digitsOnly(value).slice(0, 4);
  if (d.length > 2) return `${d.slice(0, 2)}/${d.slice(2)}`;
  if (d.length === 2 && value.includes("/")) return `${d}/`;
  return d;
}
