"use client";

import { useState, useTransition } from "react";
import type { Path } from "react-hook-form";
import { saveMerchantSettingsAction } from "@/app/(app)/admin/settings/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { InputField, SelectField } from "@/components/ui/field";
import { useZodForm } from "@/components/ui/use-zod-form";
import { COUNTRY_OPTIONS } from "@/lib/countries";
import type { MerchantSettings } from "@/lib/services/settings";
import { merchantSettingsSchema } from "@/lib/validation/admin";

export function MerchantSettingsForm({ initial, timeZones }: { initial: MerchantSettings; timeZones: string[] }) {
  const form = useZodForm(merchantSettingsSchema, { defaultValues: initial });
  const { errors } = form.formState;
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const zones = timeZones.includes(initial.timeZone) ? timeZones : [initial.timeZone, ...timeZones];

  const onSubmit = form.handleSubmit((values) => {
    setMessage(null);
    startTransition(async () => {
      const r = await saveMerchantSettingsAction(values);
      if (!r.ok) {
        setMessage({ tone: "error", text: r.error });
        for (const [name, msg] of Object.entries(r.fieldErrors ?? {})) form.setError(name as Path<MerchantSettings>, { message: msg });
        return;
      }
      form.reset(r.data);
      setMessage({ tone: "success", text: "Settings saved." });
    });
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Merchant settings" className="flex max-w-xl flex-col gap-4 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-5">
      {message?.tone === "error" && <Alert tone="error">{message.text}</Alert>}
      {message?.tone === "success" && (
        // role="alert" so the result is announced right after the save, like an error would be.
        <p role="alert" className="rounded-md border border-green-300 dark:border-green-800 bg-green-50 dark:bg-green-950 px-4 py-3 text-sm text-green-800 dark:text-green-200">
          {message.text}
        </p>
      )}
      <InputField label="Merchant name" hint="Printed on receipts." error={errors.merchantName?.message} {...form.register("merchantName")} />
      <InputField label="Address" hint="Printed on receipts." autoComplete="street-address" error={errors.merchantAddress?.message} {...form.register("merchantAddress")} />
      <InputField label="Phone" hint="Printed on receipts." type="tel" autoComplete="tel" error={errors.merchantPhone?.message} {...form.register("merchantPhone")} />
      <SelectField label="Time zone" hint="Used for dates in history and audit filters." error={errors.timeZone?.message} {...form.register("timeZone")}>
        {zones.map((tz) => (
          <option key={tz} value={tz}>
            {tz}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Two-step sign-in for clerks"
        hint="Managers and admins always need it."
        error={errors.clerkMfa?.message}
        {...form.register("clerkMfa")}
      >
        <option value="required">Required (PCI DSS 8.4.2)</option>
        <option value="optional">Optional for clerks</option>
      </SelectField>
      <SelectField
        label="Billing country of a new customer"
        hint="What the terminal proposes; the clerk can change it per sale."
        error={errors.billingCountry?.message}
        {...form.register("billingCountry")}
      >
        <option value="">From the gateway account&apos;s currency (USD: United States, BYN: Belarus, …)</option>
        {COUNTRY_OPTIONS.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name} ({c.code})
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Email receipts"
        hint="Automatic: after each approved sale or refund whose customer gave an email. Needs the mail server below."
        error={errors.receiptEmails?.message}
        {...form.register("receiptEmails")}
      >
        <option value="manual">When a clerk sends one</option>
        <option value="automatic">Automatically, to the billing email</option>
      </SelectField>
      {form.watch("clerkMfa") === "optional" && (
        <Alert tone="warning">
          Clerks can reach the terminal and card history. Signing them in with a password only breaks PCI DSS requirement 8.4.2
          (multi-factor authentication for all access into the cardholder data environment).
        </Alert>
      )}
      <div>
        <Button type="submit" busy={pending}>
          {pending ? "Saving…" : "Save settings"}
        </Button>
      </div>
    </form>
  );
}
