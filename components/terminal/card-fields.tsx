"use client";

import { useState } from "react";
import { get, useWatch, type Path, type UseFormReturn } from "react-hook-form";
import { InputField } from "@/components/ui/field";
import { BRAND_LABELS, cvvLengthFor, detectBrand, formatCardNumber, formatExpiryInput } from "@/lib/card";
import type { SaleFormInput, SaleFormOutput } from "@/lib/validation/payment";
import type { TerminalAccount } from "./types";

type Form = UseFormReturn<SaleFormInput, unknown, SaleFormOutput>;
// The form holds both payment shapes at once; these paths exist on its "new card" branch.
const field = (name: "number" | "expiry" | "cvv" | "holderName" | "save") => `payment.card.${name}` as Path<SaleFormInput>;

/**
 * A keyed card: number, expiry, the security code only where the gateway takes one, and the name on
 * the card — the billing name unless the clerk says it differs, so it is not typed twice.
 */
export function CardFields({ form, account }: { form: Form; account: TerminalAccount }) {
  const { register, setValue, control } = form;
  const errors = form.formState.errors;
  const err = (name: Parameters<typeof field>[0]) => (get(errors, field(name)) as { message?: string } | undefined)?.message;
  const number = (useWatch({ control, name: field("number") }) as string | undefined) ?? "";
  const holder = (useWatch({ control, name: field("holderName") }) as string | undefined) ?? "";
  const [editingHolder, setEditingHolder] = useState(() => form.getFieldState(field("holderName")).isDirty);
  const brand = detectBrand(number);
  const cvvLength = cvvLengthFor(brand);

  return (
    <div className="grid gap-3 sm:grid-cols-6" data-testid="new-card">
      <InputField
        label="Card number"
        inputMode="numeric"
        autoComplete="off"
        placeholder="1234 5678 9012 3456"
        wrapperClassName="sm:col-span-3"
        className="font-mono tracking-wider"
        hint={brand !== "unknown" ? <span data-testid="card-brand">{BRAND_LABELS[brand]}</span> : "Brand is detected as you type"}
        error={err("number")}
        {...register(field("number"), { onChange: (e) => setValue(field("number"), formatCardNumber(e.target.value)) })}
      />
      <InputField
        label="Expiry (MM/YY)"
        inputMode="numeric"
        autoComplete="off"
        placeholder="MM/YY"
        maxLength={7}
        wrapperClassName="sm:col-span-1"
        error={err("expiry")}
        {...register(field("expiry"), { onChange: (e) => setValue(field("expiry"), formatExpiryInput(e.target.value)) })}
      />
      {account.securityCode ? (
        <InputField
          label={`CVV (${cvvLength} digits)`}
          inputMode="numeric"
          autoComplete="off"
          maxLength={4}
          wrapperClassName="sm:col-span-2"
          error={err("cvv")}
          {...register(field("cvv"))}
        />
      ) : (
        <p className="self-end pb-2 text-xs text-slate-500 sm:col-span-2 dark:text-slate-400" data-testid="no-security-code">
          {account.kindLabel} takes no security code, so none is asked for.
        </p>
      )}
      {editingHolder ? (
        <InputField label="Cardholder name" autoComplete="off" autoFocus wrapperClassName="sm:col-span-4" error={err("holderName")} {...register(field("holderName"))} />
      ) : (
        <div className="flex flex-col gap-1 sm:col-span-4">
          <span className="text-sm font-medium text-slate-700 dark:text-slate-300">Name on card</span>
          <p className="flex flex-wrap items-center gap-2 py-2 text-sm">
            <span data-testid="holder-name">{holder || "The billing name below"}</span>
            <button type="button" className="text-brand-700 underline dark:text-brand-300" onClick={() => setEditingHolder(true)}>
              Different name on card
            </button>
          </p>
          {err("holderName") && holder && <p className="text-xs font-medium text-red-700 dark:text-red-300">{err("holderName")}</p>}
        </div>
      )}
      <label className="flex items-center gap-2 self-end pb-2 text-sm sm:col-span-2">
        <input type="checkbox" {...register(field("save"))} />
        Save card to this customer
      </label>
    </div>
  );
}
