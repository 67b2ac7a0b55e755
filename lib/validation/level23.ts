// Level 2/3 purchase data on a sale (tax, PO number, line items), as the terminal's collapsed
// section sends it: `include` false (the section closed) means none. Amounts are typed in major
// units and come out in minor units (Level23Data). The rules are Rover Pay's (spec §7), checked
// here so the clerk sees them at the field instead of as the gateway's warnings afterwards.
import * as z from "zod/mini";
import { isCountryCode } from "../countries";
import type { Level23Data } from "../gateways/types";
import { formatMoney, parseMajor } from "../money";
import { optionalText, text } from "./text";

export const MAX_LEVEL3_ITEMS = 50;
const MAX_QUANTITY = 99_999;

/** An amount typed in major units: its minor units, or why not. `blank` is what "" means (null: required). */
function moneyOf(value: string, currency: string, max: number, blank: number | null): { minor: number } | { message: string } {
  if (value.trim() === "" && blank !== null) return { minor: blank };
  const parsed = parseMajor(value, currency);
  if (!parsed.ok) {
    const messages = {
      empty: "Enter an amount (0 if none)",
      format: "Enter an amount, e.g. 1.25",
      decimal_comma: "Use a dot for cents, e.g. 1.25",
      precision: `${currency} amounts have at most ${currency === "JPY" ? 0 : 2} decimal places`,
      too_large: `At most ${formatMoney(max, currency)}`,
    } as const;
    return { message: messages[parsed.error] };
  }
  if (parsed.minor > max) return { message: `At most ${formatMoney(max, currency)} (this account's limit)` };
  return { minor: parsed.minor };
}

// Required fields are checked in toData, with the rest, so every problem shows at once.
const itemShape = {
  description: optionalText(text("Item description", 40)),
  productCode: optionalText(text("Product code", 20)),
  quantity: z.string().check(z.trim()),
  unit: z._default(z.optional(text("Unit", 12)), "EA"),
  unitPrice: z.string(),
  taxAmount: z.string(),
};

const included = {
  include: z.literal(true),
  poNumber: optionalText(text("PO number", 25)),
  taxAmount: z._default(z.optional(z.string()), ""),
  taxExempt: z._default(z.optional(z.boolean()), false),
  orderDate: z._default(z.optional(z.string().check(z.trim())), ""),
  shipToZip: optionalText(text("Ship-to ZIP", 10)),
  shipFromZip: optionalText(text("Ship-from ZIP", 10)),
  shipToCountry: z._default(z.optional(z.string().check(z.trim(), z.toUpperCase())), "US"),
  items: z._default(z.optional(z.array(z.object(itemShape)).check(z.maxLength(MAX_LEVEL3_ITEMS, `At most ${MAX_LEVEL3_ITEMS} line items`))), []),
};

type Included = z.output<z.ZodMiniObject<typeof included>>;

const US_ZIP = /^\d{5}(-?\d{4})?$/;

function isDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** The data, or null with issues added at the fields (one pass does both, so the rules live once). */
function toData(v: Included, currency: string, max: number, issue: (path: (string | number)[], message: string) => void): Level23Data | null {
  let ok = true;
  const fail = (path: (string | number)[], message: string) => {
    ok = false;
    issue(path, message);
  };
  const tax = moneyOf(v.taxAmount, currency, max, v.taxExempt ? 0 : null);
  if ("message" in tax) fail(["taxAmount"], v.taxAmount.trim() === "" ? "Enter the tax amount, or tick Tax exempt" : tax.message);
  // Rule 1: an exempt sale has no tax; one that is not exempt has some.
  else if (v.taxExempt && tax.minor !== 0) fail(["taxAmount"], "A tax-exempt sale has no tax: clear the tax or untick Tax exempt");
  else if (!v.taxExempt && tax.minor === 0) fail(["taxAmount"], "Enter the tax amount, or tick Tax exempt");

  let taxesReadable = true;
  const items = v.items.map((item, i) => {
    if (item.description === "") fail(["items", i, "description"], "Enter the item description");
    if (item.unit === "") fail(["items", i, "unit"], "Enter the unit, e.g. EA");
    const quantity = /^\d{1,5}$/.test(item.quantity) ? Number(item.quantity) : 0;
    if (item.quantity === "") fail(["items", i, "quantity"], "Enter the quantity");
    else if (quantity < 1 || quantity > MAX_QUANTITY) fail(["items", i, "quantity"], `Enter a whole quantity from 1 to ${MAX_QUANTITY}`);
    const unitCost = moneyOf(item.unitPrice, currency, max, null);
    if ("message" in unitCost) fail(["items", i, "unitPrice"], item.unitPrice.trim() === "" ? "Enter the unit price" : unitCost.message);
    const itemTax = moneyOf(item.taxAmount, currency, max, null);
    if ("message" in itemTax) {
      taxesReadable = false;
      fail(["items", i, "taxAmount"], item.taxAmount.trim() === "" ? "Enter the item's tax (0 if none)" : itemTax.message);
    }
    const net = "minor" in unitCost ? unitCost.minor * quantity : 0;
    if (net > max) fail(["items", i, "unitPrice"], `This line comes to more than this account's limit of ${formatMoney(max, currency)}`);
    return {
      description: item.description,
      ...(item.productCode ? { productCode: item.productCode } : {}),
      quantity,
      unitOfMeasure: item.unit,
      unitCost: "minor" in unitCost ? unitCost.minor : 0,
      netAmount: net,
      taxAmount: "minor" in itemTax ? itemTax.minor : 0,
    };
  });

  if (items.length > 0) {
    // Rules 3 and 4: line items need the order's date and where it ships from and to.
    if (v.orderDate === "") fail(["orderDate"], "Enter the order date");
    else if (!isDate(v.orderDate)) fail(["orderDate"], "Enter the order date as YYYY-MM-DD");
    if (!isCountryCode(v.shipToCountry)) fail(["shipToCountry"], "Choose a country");
    for (const [field, label] of [["shipToZip", "ship-to"], ["shipFromZip", "ship-from"]] as const) {
      if (v[field] === "") fail([field], `Enter the ${label} ZIP / postal code`);
      else if (v.shipToCountry === "US" && !US_ZIP.test(v[field])) fail([field], "Enter a 5- or 9-digit ZIP code");
      else if (!/^[A-Za-z0-9 -]+$/.test(v[field])) fail([field], "Use letters, digits, spaces or dashes");
    }
    // Rule 8: the items' tax adds up to the order's (once every tax amount can be read).
    const itemTax = items.reduce((sum, item) => sum + item.taxAmount, 0);
    if (taxesReadable && "minor" in tax && itemTax !== tax.minor) {
      fail(["taxAmount"], `The line items' tax adds up to ${formatMoney(itemTax, currency)}; the order's tax must be the same`);
    }
  }
  if (!ok || "message" in tax) return null;
  return {
    ...(v.poNumber ? { poNumber: v.poNumber } : {}),
    taxAmount: tax.minor,
    taxExempt: v.taxExempt,
    ...(items.length > 0
      ? { order: { orderDate: v.orderDate, shipToPostalCode: v.shipToZip, shipFromPostalCode: v.shipFromZip, shipToCountry: v.shipToCountry, items } }
      : {}),
  };
}

/** Level 2/3 data for a sale in `currency`, each amount at most `maxAmount` (minor units): Level23Data, or undefined when not included. */
export function level23Schema(limits: { currency: string; maxAmount: number }) {
  return z.pipe(
    z.discriminatedUnion("include", [z.object({ include: z.literal(false) }), z.object(included)]),
    z.transform((v, ctx): Level23Data | undefined => {
      if (!v.include) return undefined;
      const data = toData(v, limits.currency, limits.maxAmount, (path, message) => ctx.issues.push({ code: "custom", path, message, input: v }));
      return data ?? undefined;
    }),
  );
}

/** For a gateway without Level 2/3 data: anything but "not included" is refused. */
const refused = z.pipe(
  z.unknown(),
  z.transform((v, ctx): undefined => {
    if (v && typeof v === "object" && (v as { include?: unknown }).include !== false) {
      ctx.issues.push({ code: "custom", path: [], message: "This account's gateway does not take tax, PO or line-item data", input: v });
    }
    return undefined;
  }),
);

/** The sale's `level23` field: the data where the account's gateway takes it, refused elsewhere. */
export function level23Field(limits: { currency: string; maxAmount: number }, supported: boolean) {
  return z.optional(supported ? level23Schema(limits) : refused);
}
