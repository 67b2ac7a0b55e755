import { countryName } from "@/lib/countries";
import type { Billing } from "@/lib/validation/payment";

/** A billing address as it would be written on an envelope, plus contact details. */
export function BillingBlock({ billing }: { billing: Billing | null }) {
  if (!billing) return <p className="text-sm text-slate-500 dark:text-slate-400">No billing details.</p>;
  const cityLine = [billing.city, billing.state, billing.postalCode].filter(Boolean).join(", ");
  return (
    <address data-testid="billing-block" className="text-sm not-italic leading-6">
      <div className="font-medium">
        {billing.firstName} {billing.lastName}
      </div>
      <div>{billing.address1}</div>
      {billing.address2 && <div>{billing.address2}</div>}
      <div>{cityLine}</div>
      <div>{countryName(billing.country)}</div>
      {billing.email && <div>{billing.email}</div>}
      {billing.phone && <div>{billing.phone}</div>}
    </address>
  );
}
