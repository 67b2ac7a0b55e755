// How Level 2/3 data (tax, PO number, line items) reads on the printed and the emailed receipt.
import type { Level3Item, Level23Data } from "./gateways/types";
import { formatMoney } from "./money";

/** The Level 2 facts as label / value rows. */
export function level2Rows(data: Level23Data, currency: string): [string, string][] {
  return [...(data.poNumber ? [["PO number", data.poNumber] as [string, string]] : []), ["Tax", data.taxExempt ? "Tax exempt" : formatMoney(data.taxAmount, currency)]];
}

/** "2 EA × $5.00 · WIDGET-100 · tax $0.80": a line item's detail under its description and total. */
export function itemDetail(item: Level3Item, currency: string): string {
  return [`${item.quantity} ${item.unitOfMeasure} × ${formatMoney(item.unitCost, currency)}`, item.productCode, `tax ${formatMoney(item.taxAmount, currency)}`].filter(Boolean).join(" · ");
}
