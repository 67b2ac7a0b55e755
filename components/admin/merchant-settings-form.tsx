"use client";

import { useState, useTransition } from "react";
import type { Path } from "react-hook-form";
import { saveMerchantSettingsAction } from "@/app/(app)/admin/settings/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { InputField, SelectField } from "@/components/ui/field";
import { useZodForm } from "@/components/ui/use-zod-form";
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
    <form onSubmit={onSubmit} noValidate aria-label="Merchant settings" className="flex max-w-xl flex-col gap-4 rounded-lg border border-slate-200 bg-white p-5">
      {message?.tone === "error" && <Alert tone="error">{message.text}</Alert>}
      {message?.tone === "success" && (
        // role="alert" so the result is announced right after the save, like an error would be.
        <p role="alert" className="rounded-md border border-green-300 bg-green-50 px-4 py-3 text-sm text-green-800">
          {message.text}
        </p>
      )}
      <InputField label="Merchant name" hint="Printed on receipts." error={errors.merchantName?.message} {...form.register("merchantName")} />
      <SelectField label="Time zone" hint="Used for dates in history and audit filters." error={errors.timeZone?.message} {...form.register("timeZone")}>
        {zones.map((tz) => (
          <option key={tz} value={tz}>
            {tz}
          </option>
        ))}
      </SelectField>
      <div>
        <Button type="submit" busy={pending}>
          {pending ? "Saving…" : "Save settings"}
        </Button>
      </div>
    </form>
  );
}
