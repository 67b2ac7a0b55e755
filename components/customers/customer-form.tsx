"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { get, useWatch, type Path } from "react-hook-form";
import { saveCustomerAction } from "@/app/(app)/customers/actions";
import { BillingFields } from "@/components/terminal/billing-fields";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { InputField } from "@/components/ui/field";
import { useZodForm } from "@/components/ui/use-zod-form";
import { customerSchema, type CustomerInput } from "@/lib/validation/customer";

const EMPTY: CustomerInput = { firstName: "", lastName: "", company: "", address1: "", address2: "", city: "", state: "", postalCode: "", country: "US", email: "", phone: "" };

/** Create (no id) or edit a customer. `country`: a new customer's, the merchant's setting. */
export function CustomerForm({ id, initial, country: newCountry = "US" }: { id?: string; initial?: CustomerInput; country?: string }) {
  const router = useRouter();
  const form = useZodForm(customerSchema, { defaultValues: initial ?? { ...EMPTY, country: newCountry } });
  const country = useWatch({ control: form.control, name: "country" });
  const { errors } = form.formState;
  const [error, setError] = useState<string | null>(null);
  const [saving, startSaving] = useTransition();

  function onValid(values: CustomerInput) {
    startSaving(async () => {
      setError(null);
      const result = await saveCustomerAction(id ?? null, values);
      if (!result.ok) {
        setError(result.error);
        Object.entries(result.fieldErrors ?? {}).forEach(([path, message], i) =>
          form.setError(path as Path<CustomerInput>, { type: "server", message }, { shouldFocus: i === 0 }),
        );
        return;
      }
      router.push(`/customers/${result.data.id}`);
    });
  }

  return (
    <form onSubmit={(e) => void form.handleSubmit(onValid)(e)} noValidate className="flex flex-col gap-4">
      {error && <Alert tone="error">{error}</Alert>}
      <BillingFields
        register={form.register}
        errors={errors}
        prefix=""
        country={country}
        onPostalCheck={() => void (form.getValues("postalCode") && form.trigger("postalCode"))}
      />
      <InputField label="Company (optional)" autoComplete="off" error={(get(errors, "company") as { message?: string } | undefined)?.message} {...form.register("company")} />
      <div className="flex gap-3">
        <Button type="submit" busy={saving}>
          {id ? "Save changes" : "Create customer"}
        </Button>
        <Link href={id ? `/customers/${id}` : "/customers"} className="rounded-md px-4 py-2 text-sm text-slate-700 dark:text-slate-300 hover:bg-slate-100 dark:hover:bg-slate-800">
          Cancel
        </Link>
      </div>
    </form>
  );
}
