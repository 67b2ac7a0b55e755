// Level 2 / Level 3 data (spec §7): the `level23` object a sale carries, every amount an
// implied-decimal cents string, and the `level23Errors` warnings its reply may carry.
import type { Level23Data } from "../types";
import { LEVEL23_ERRORS_SEPARATOR } from "./spec-guesses";

export interface Level3ItemWire {
  lineno: string;
  material?: string;
  description: string;
  quantity: string;
  uom: string;
  unitcost: string;
  netamnt: string;
  taxamnt: string;
}

export interface Level23Wire {
  ponumber?: string;
  taxamnt: string;
  taxexempt: "Y" | "N";
  orderdate?: string;
  shiptozip?: string;
  shipfromzip?: string;
  shiptocountry?: string;
  items?: Level3ItemWire[];
}

const cents = (minor: number) => String(minor);

/** Our Level 2/3 data in the documented shape; order fields and items only with Level 3. */
export function level23Wire(data: Level23Data): Level23Wire {
  const wire: Level23Wire = {
    ...(data.poNumber ? { ponumber: data.poNumber } : {}),
    taxamnt: cents(data.taxAmount),
    taxexempt: data.taxExempt ? "Y" : "N",
  };
  const order = data.order;
  if (!order) return wire;
  return {
    ...wire,
    orderdate: order.orderDate.replace(/-/g, ""),
    shiptozip: order.shipToPostalCode.replace(/[\s-]/g, ""),
    shipfromzip: order.shipFromPostalCode.replace(/[\s-]/g, ""),
    shiptocountry: order.shipToCountry,
    items: order.items.map((item, i) => ({
      lineno: String(i + 1),
      ...(item.productCode ? { material: item.productCode } : {}),
      description: item.description,
      // §7 names no format for quantity; the vendor's example sends whole units ("2").
      quantity: String(item.quantity),
      uom: item.unitOfMeasure,
      unitcost: cents(item.unitCost),
      netamnt: cents(item.netAmount),
      taxamnt: cents(item.taxAmount),
    })),
  };
}

/** `level23Errors`: comma-joined warnings, omitted when none (§3.2). */
export function level23Warnings(raw: string | undefined): string[] {
  if (!raw) return [];
  return raw
    .split(LEVEL23_ERRORS_SEPARATOR)
    .map((w) => w.trim())
    .filter(Boolean);
}
