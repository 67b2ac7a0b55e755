"use client";

import { get, type FieldErrors, type UseFormRegister } from "react-hook-form";
import { InputField, SelectField } from "@/components/ui/field";
import { COUNTRY_OPTIONS } from "@/lib/countries";
import { postalExample } from "@/lib/validation/postal";

interface Props {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- shared by two forms whose value types differ only outside these fields
  register: UseFormRegister<any>;
  errors: FieldErrors;
  prefix: string;
  /** The chosen country: the postal code field shows the format it expects. */
  country: string;
  /** Checks the postal code against the country as soon as either is left or changed, not only on submit. */
  onPostalCheck(): void;
}

/** Billing fields under a path prefix ("billing" on the terminal, "" on the customer form). */
export function BillingFields({ register, errors, prefix, country, onPostalCheck }: Props) {
  const name = (field: string) => (prefix ? `${prefix}.${field}` : field);
  const error = (field: string) => (get(errors, name(field)) as { message?: string } | undefined)?.message;
  const field = (f: string) => ({ ...register(name(f)), error: error(f) });
  const example = postalExample(country);
  return (
    <div className="grid gap-3 sm:grid-cols-6">
      <InputField label="First name" autoComplete="off" wrapperClassName="sm:col-span-3" {...field("firstName")} />
      <InputField label="Last name" autoComplete="off" wrapperClassName="sm:col-span-3" {...field("lastName")} />
      <InputField label="Address" autoComplete="off" wrapperClassName="sm:col-span-6" {...field("address1")} />
      <InputField label="Address line 2" autoComplete="off" wrapperClassName="sm:col-span-6" {...field("address2")} />
      <InputField label="City" autoComplete="off" wrapperClassName="sm:col-span-2" {...field("city")} />
      <InputField label="State / region" autoComplete="off" wrapperClassName="sm:col-span-2" {...field("state")} />
      <InputField
        label="ZIP / postal code"
        autoComplete="off"
        wrapperClassName="sm:col-span-2"
        hint={example ? `e.g. ${example}` : undefined}
        {...register(name("postalCode"), { onBlur: onPostalCheck })}
        error={error("postalCode")}
      />
      <SelectField label="Country" wrapperClassName="sm:col-span-2" {...register(name("country"), { onChange: onPostalCheck })} error={error("country")}>
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
