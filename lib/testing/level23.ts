import type { Level23Data } from "../gateways/types";

/** Rover Pay's BLTOKENSALE "with Level 2 / Level 3 data" example (roverpay.md §7), as Keyed's data (no freight or duty fields). */
export const VENDOR_LEVEL23_EXAMPLE: Level23Data = {
  poNumber: "PO-30100",
  taxAmount: 80,
  taxExempt: false,
  order: {
    orderDate: "2026-04-27",
    shipToPostalCode: "92614",
    shipFromPostalCode: "85284",
    shipToCountry: "US",
    items: [
      { description: "Blue widget", productCode: "WIDGET-100", quantity: 2, unitOfMeasure: "EA", unitCost: 500, netAmount: 1000, taxAmount: 80 },
      { description: "Ground shipping", quantity: 1, unitOfMeasure: "EA", unitCost: 150, netAmount: 150, taxAmount: 0 },
    ],
  },
};

/** The same example as the vendor's BLTOKENSALE sends it: every amount a cents string, line numbers from 1. */
export const VENDOR_LEVEL23_WIRE = {
  ponumber: "PO-30100",
  taxamnt: "80",
  taxexempt: "N",
  orderdate: "20260427",
  shiptozip: "92614",
  shipfromzip: "85284",
  shiptocountry: "US",
  items: [
    { lineno: "1", material: "WIDGET-100", description: "Blue widget", quantity: "2", uom: "EA", unitcost: "500", netamnt: "1000", taxamnt: "80" },
    { lineno: "2", description: "Ground shipping", quantity: "1", uom: "EA", unitcost: "150", netamnt: "150", taxamnt: "0" },
  ],
};
