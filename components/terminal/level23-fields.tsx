"use client";

import { useId } from "react";
import { get, useFieldArray, useWatch, type Path, type UseFormReturn } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { InputField, SelectField } from "@/components/ui/field";
import { COUNTRY_OPTIONS } from "@/lib/countries";
import type { Level23Data } from "@/lib/gateways/types";
import { formatMoney, parseMajor, toMajorString } from "@/lib/money";
import { MAX_LEVEL3_ITEMS } from "@/lib/validation/level23";
import type { SaleFormInput, SaleFormOutput } from "@/lib/validation/payment";
import type { TerminalAccount } from "./types";

type Values = SaleFormInput;

export interface Level23Input {
  include: boolean;
  poNumber: string;
  taxAmount: string;
  taxExempt: boolean;
  orderDate: string;
  shipToZip: string;
  shipFromZip: string;
  shipToCountry: string;
  items: Level3ItemInput[];
}

interface Level3ItemInput {
  description: string;
  productCode: string;
  quantity: string;
  unit: string;
  unitPrice: string;
  taxAmount: string;
}

const emptyItem = (): Level3ItemInput => ({ description: "", productCode: "", quantity: "1", unit: "EA", unitPrice: "", taxAmount: "" });

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** The section's starting values: closed, or filled from a sale being retried. */
export function level23Initial(data: Level23Data | null | undefined, currency: string): Level23Input {
  const major = (minor: number) => toMajorString(minor, currency);
  return {
    include: !!data,
    poNumber: data?.poNumber ?? "",
    taxAmount: data && !data.taxExempt ? major(data.taxAmount) : "",
    taxExempt: data?.taxExempt ?? false,
    orderDate: data?.order?.orderDate ?? today(),
    shipToZip: data?.order?.shipToPostalCode ?? "",
    shipFromZip: data?.order?.shipFromPostalCode ?? "",
    shipToCountry: data?.order?.shipToCountry ?? "US",
    items: (data?.order?.items ?? []).map((i) => ({
      description: i.description,
      productCode: i.productCode ?? "",
      quantity: String(i.quantity),
      unit: i.unitOfMeasure,
      unitPrice: major(i.unitCost),
      taxAmount: major(i.taxAmount),
    })),
  };
}

const minorOr0 = (value: string | undefined, currency: string) => {
  const p = parseMajor(value ?? "", currency);
  return p.ok ? p.minor : 0;
};

/**
 * Tax, PO number and line items (Level 2/3 data), for an account whose gateway takes them. Closed
 * by default so the common sale stays short; closing keeps what was typed but sends nothing.
 */
export function Level23Fields({ form, account, intent }: { form: UseFormReturn<Values, unknown, SaleFormOutput>; account: TerminalAccount; intent: "sale" | "auth" }) {
  const { register, control, setValue, setFocus } = form;
  const errors = form.formState.errors;
  const err = (path: string) => (get(errors, path) as { message?: string } | undefined)?.message;
  const name = (p: string) => `level23.${p}` as Path<Values>;
  const include = useWatch({ control, name: name("include") }) as boolean | undefined;
  const items = useWatch({ control, name: name("items") }) as Level3ItemInput[] | undefined;
  const taxAmount = useWatch({ control, name: name("taxAmount") }) as string | undefined;
  const { fields, append, remove } = useFieldArray({ control, name: "level23.items" as never });
  const sectionId = useId();
  const currency = account.currency;

  function open() {
    setValue(name("include"), true as never);
    // After the fields mount.
    setTimeout(() => setFocus(name("poNumber")), 0);
  }

  function close() {
    setValue(name("include"), false as never);
    form.clearErrors("level23" as Path<Values>);
  }

  if (!include) {
    return (
      <div className="sm:col-span-6">
        <button type="button" className="text-sm text-brand-700 underline dark:text-brand-300" aria-expanded="false" aria-controls={sectionId} onClick={open} data-testid="level23-open">
          Add tax / PO / line items
        </button>
        {err("level23") && <p className="mt-1 text-xs font-medium text-red-700 dark:text-red-300">{err("level23")}</p>}
      </div>
    );
  }

  const lines = items ?? [];
  const net = lines.reduce((sum, i) => sum + minorOr0(i.unitPrice, currency) * (/^\d+$/.test(i.quantity ?? "") ? Number(i.quantity) : 0), 0);
  const itemTax = lines.reduce((sum, i) => sum + minorOr0(i.taxAmount, currency), 0);
  const orderTax = minorOr0(taxAmount, currency);

  return (
    <fieldset id={sectionId} className="flex flex-col gap-3 rounded-md border border-slate-200 p-4 dark:border-slate-700 sm:col-span-6" data-testid="level23-fields">
      <legend className="px-1 text-sm font-semibold">Tax, PO and line items</legend>
      {intent === "auth" && <p className="text-sm text-amber-800 dark:text-amber-300">These go with a sale: choose Sale below, or remove them to authorize.</p>}
      {err("level23") && (
        <p role="alert" className="text-xs font-medium text-red-700 dark:text-red-300">
          {err("level23")}
        </p>
      )}
      <div className="grid gap-3 sm:grid-cols-6">
        <InputField label="PO number" autoComplete="off" wrapperClassName="sm:col-span-2" error={err("level23.poNumber")} {...register(name("poNumber"))} />
        <InputField label={`Tax (${currency})`} inputMode="decimal" autoComplete="off" placeholder="0.00" wrapperClassName="sm:col-span-2" error={err("level23.taxAmount")} {...register(name("taxAmount"))} />
        <label className="flex items-center gap-2 pt-6 text-sm sm:col-span-2">
          <input type="checkbox" {...register(name("taxExempt"))} /> Tax exempt
        </label>
      </div>

      {fields.length > 0 && (
        <div className="flex flex-col gap-3">
          <h3 className="text-sm font-medium">Line items</h3>
          <ol className="flex flex-col gap-3">
            {fields.map((field, i) => {
              const item = lines[i];
              const qty = /^\d+$/.test(item?.quantity ?? "") ? Number(item?.quantity) : 0;
              const lineNet = minorOr0(item?.unitPrice, currency) * qty;
              const at = (f: string) => `level23.items.${i}.${f}`;
              return (
                <li key={field.id} role="group" aria-label={`Item ${i + 1}`} className="grid items-start gap-2 rounded border border-slate-100 p-2 dark:border-slate-800 sm:grid-cols-12" data-testid="level23-item">
                  <InputField label={`Item ${i + 1} description`} autoComplete="off" wrapperClassName="sm:col-span-4" error={err(at("description"))} {...register(at("description") as Path<Values>)} />
                  <InputField label="Product code" autoComplete="off" wrapperClassName="sm:col-span-2" error={err(at("productCode"))} {...register(at("productCode") as Path<Values>)} />
                  <InputField label="Qty" inputMode="numeric" autoComplete="off" wrapperClassName="sm:col-span-1" error={err(at("quantity"))} {...register(at("quantity") as Path<Values>)} />
                  <InputField label="Unit" autoComplete="off" wrapperClassName="sm:col-span-1" error={err(at("unit"))} {...register(at("unit") as Path<Values>)} />
                  <InputField label="Unit price" inputMode="decimal" autoComplete="off" placeholder="0.00" wrapperClassName="sm:col-span-2" error={err(at("unitPrice"))} {...register(at("unitPrice") as Path<Values>)} />
                  <InputField label="Tax" inputMode="decimal" autoComplete="off" placeholder="0.00" wrapperClassName="sm:col-span-2" error={err(at("taxAmount"))} {...register(at("taxAmount") as Path<Values>)} />
                  <div className="flex items-center justify-between gap-2 text-xs text-slate-600 dark:text-slate-400 sm:col-span-12">
                    <span>Line total {formatMoney(lineNet, currency)} before tax</span>
                    <button type="button" className="text-red-700 underline dark:text-red-300" onClick={() => remove(i)} aria-label={`Remove item ${i + 1}`}>
                      Remove
                    </button>
                  </div>
                </li>
              );
            })}
          </ol>
          <div className="grid gap-3 sm:grid-cols-6">
            <InputField label="Order date" type="date" wrapperClassName="sm:col-span-2" error={err("level23.orderDate")} {...register(name("orderDate"))} />
            <InputField label="Ship-from ZIP" autoComplete="off" wrapperClassName="sm:col-span-1" error={err("level23.shipFromZip")} {...register(name("shipFromZip"))} />
            <InputField label="Ship-to ZIP" autoComplete="off" wrapperClassName="sm:col-span-1" error={err("level23.shipToZip")} {...register(name("shipToZip"))} />
            <SelectField label="Ship-to country" wrapperClassName="sm:col-span-2" error={err("level23.shipToCountry")} {...register(name("shipToCountry"))}>
              {COUNTRY_OPTIONS.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </SelectField>
          </div>
          <p className="text-sm tabular-nums" aria-live="polite" data-testid="level23-totals">
            Items {formatMoney(net, currency)} + tax {formatMoney(itemTax, currency)} = {formatMoney(net + itemTax, currency)}
            {itemTax !== orderTax && <span className="text-amber-800 dark:text-amber-300"> · the items&apos; tax must equal the order&apos;s tax ({formatMoney(orderTax, currency)})</span>}
          </p>
        </div>
      )}

      <div className="flex flex-wrap gap-3">
        {fields.length < MAX_LEVEL3_ITEMS && (
          <Button type="button" variant="secondary" onClick={() => append(emptyItem() as never)} data-testid="level23-add-item">
            Add line item
          </Button>
        )}
        <Button type="button" variant="secondary" onClick={close}>
          Remove tax / PO / line items
        </Button>
      </div>
    </fieldset>
  );
}
