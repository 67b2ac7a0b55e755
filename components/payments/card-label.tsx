import { BRAND_LABELS } from "@/lib/card";
import type { CardBrand } from "@/lib/gateways/types";

export function brandLabel(brand: string | null | undefined): string {
  return brand && brand in BRAND_LABELS ? BRAND_LABELS[brand as CardBrand] : "Card";
}

function twoDigits(n: number): string {
  return String(n).padStart(2, "0");
}

export function formatExpiry(month: number, year: number): string {
  return `${twoDigits(month)}/${twoDigits(year % 100)}`;
}

/** "Visa •••• 1111" (and "exp 12/29" when known). Never more than the last four digits. */
export function CardLabel({ brand, last4, expMonth, expYear }: { brand: string | null; last4: string | null; expMonth?: number; expYear?: number }) {
  return (
    <span className="whitespace-nowrap">
      {brandLabel(brand)} •••• {last4 ?? "????"}
      {expMonth && expYear ? <span className="text-slate-500 dark:text-slate-400"> · exp {formatExpiry(expMonth, expYear)}</span> : null}
    </span>
  );
}
