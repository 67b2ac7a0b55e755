"use client";

import { get, type FieldErrors, type UseFormRegister } from "react-hook-form";
import { InputField, SelectField } from "@/components/ui/field";
import { COUNTRY_CODES, countryName } from "@/lib/countries";

// Names of the countries, once, in the order a clerk scans them: US first, then alphabetical.
const COUNTRY_OPTIONS = (() => {
  const rest = COUNTRY_CODES.filter((c) => c !== "US").map((code) => ({ code, name: countryName(code) }));
  rest.sort((a, b) => a.name.localeCompare(b.name));
  return [{ code: "US", name: countryName("US") }, ...rest];
})();

/** Billing fields under a path prefix ("billing" on the terminal, "" on the customer form). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- shared by two forms whose value types differ only outside these fields
export function BillingFields({ register, errors, prefix }: { register: UseFormRegister<any>; errors: FieldErrors; prefix: string }) {
  const name = (field: string) => (prefix ? `${prefix}.${field}` : field);
  const error = (field: string) => (get(errors, name(field)) as { message?: string } | undefined)?.message;
  const field = (f: string) => ({ ...register(name(f)), error: error(f) });
  return (
    <div className="grid gap-3 sm:grid-cols-6">
      <InputField label="First name" autoComplete="off" wrapperClassName="sm:col-span-3" {...field("firstName")} />
      <InputField label="Last name" autoComplete="off" wrapperClassName="sm:col-span-3" {...field("lastName")} />
      <InputField label="Address" autoComplete="off" wrapperClassName="sm:col-span-6" {...field("address1")} />
      <InputField label="Address line 2" autoComplete="off" wrapperClassName="sm:col-span-6" {...field("address2")} />
      <InputField label="City" autoComplete="off" wrapperClassName="sm:col-span-2" {...field("city")} />
      <InputField label="State / region" autoComplete="off" wrapperClassName="sm:col-span-2" {...field("state")} />
      <InputField label="ZIP / postal code" autoComplete="off" wrapperClassName="sm:col-span-2" {...field("postalCode")} />
      <SelectField label="Country" wrapperClassName="sm:col-span-2" {...field("country")}>
        {COUNTRY_OPTIONS.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name} ({c.code})
          </option>
        ))}
      </SelectField>
      <InputField label="Email" type="email" autoComplete="off" wrapperClassName="sm:col-span-2" {...field("email")} />
      <InputField label="Phone" type="tel" autoComplete="off" wrapperClassName="sm:col-span-2" {...field("phone")} />
    </div>
  );
}
