import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { fieldErrorsOf } from "../action-result";
import { level23Schema } from "./level23";
import { saleSchema } from "./payment";
import { VENDOR_LEVEL23_EXAMPLE } from "../testing/level23";

const USD = { currency: "USD", maxAmount: 500_000 };
const schema = level23Schema(USD);

const valid = () => ({
  include: true,
  poNumber: " PO-30100 ",
  taxAmount: "0.80",
  taxExempt: false,
  orderDate: "2026-04-27",
  shipToZip: "92614",
  shipFromZip: "85284",
  shipToCountry: "us",
  items: [
    { description: "Blue widget", productCode: "WIDGET-100", quantity: "2", unit: "EA", unitPrice: "5.00", taxAmount: "0.80" },
    { description: "Ground shipping", productCode: "", quantity: "1", unitPrice: "1.50", taxAmount: "0" },
  ],
});

const errorsOf = (input: unknown) => {
  const parsed = z.safeParse(schema, input);
  return parsed.success ? {} : fieldErrorsOf(parsed.error);
};

describe("level23Schema", () => {
  it("turns the typed data into minor units, line totals computed", () => {
    expect(z.parse(schema, valid())).toEqual(VENDOR_LEVEL23_EXAMPLE);
  });

  it("a closed section sends nothing, whatever it still holds", () => {
    expect(z.parse(schema, { ...valid(), include: false, taxAmount: "nonsense" })).toBeUndefined();
  });

  it("Level 2 alone: tax and PO without items needs no shipping fields", () => {
    expect(z.parse(schema, { include: true, taxAmount: "1.25", orderDate: "", shipToZip: "" })).toEqual({ taxAmount: 125, taxExempt: false });
    expect(z.parse(schema, { include: true, taxExempt: true })).toEqual({ taxAmount: 0, taxExempt: true });
  });

  it("puts each problem next to its field", () => {
    expect(errorsOf({ include: true })).toEqual({ taxAmount: "Enter the tax amount, or tick Tax exempt" });
    expect(errorsOf({ include: true, taxAmount: "0" })).toEqual({ taxAmount: "Enter the tax amount, or tick Tax exempt" });
    expect(errorsOf({ include: true, taxAmount: "1.00", taxExempt: true })).toEqual({ taxAmount: "A tax-exempt sale has no tax: clear the tax or untick Tax exempt" });
    expect(errorsOf({ ...valid(), orderDate: "", shipToZip: "9261", shipFromZip: "" })).toEqual({
      orderDate: "Enter the order date",
      shipToZip: "Enter a 5- or 9-digit ZIP code",
      shipFromZip: "Enter the ship-from ZIP / postal code",
    });
    const items = valid().items;
    expect(errorsOf({ ...valid(), items: [{ ...items[0]!, unitPrice: "5,00", quantity: "0", description: "" }, { ...items[1]!, taxAmount: "" }] })).toEqual({
      "items.0.description": "Enter the item description",
      "items.0.quantity": "Enter a whole quantity from 1 to 99999",
      "items.0.unitPrice": "Use a dot for cents, e.g. 1.25",
      "items.1.taxAmount": "Enter the item's tax (0 if none)",
    });
  });

  it("the items' tax must add up to the order's tax (rule 8), said at the order's tax", () => {
    expect(errorsOf({ ...valid(), taxAmount: "0.90" })).toEqual({ taxAmount: "The line items' tax adds up to $0.80; the order's tax must be the same" });
    // Said together with the other problems, not only once they are fixed.
    expect(errorsOf({ ...valid(), taxAmount: "0.90", shipToZip: "9261" })).toEqual({
      taxAmount: "The line items' tax adds up to $0.80; the order's tax must be the same",
      shipToZip: "Enter a 5- or 9-digit ZIP code",
    });
  });

  it("refuses a line whose total is over the account's limit", () => {
    const items = [{ description: "Bulk", quantity: "1000", unitPrice: "600.00", taxAmount: "0.80" }];
    expect(errorsOf({ ...valid(), items })).toEqual({ "items.0.unitPrice": "This line comes to more than this account's limit of $5,000.00" });
  });
});

describe("saleSchema's level23 field", () => {
  const sale = (rules: { level23?: boolean }, level23: unknown) =>
    z.safeParse(saleSchema({ ...USD, ...rules }), {
      idempotencyKey: "3b241101-e2bb-4255-8caf-4136c566a962",
      gatewayAccountId: "acct_1",
      amount: "12.30",
      billing: { firstName: "Pat", lastName: "Doe", address1: "1 Main St", city: "Irvine", postalCode: "92614", country: "US" },
      payment: { type: "saved", paymentMethodId: "pm_1" },
      level23,
    });

  it("is refused for an account whose gateway does not take it", () => {
    const parsed = sale({ level23: false }, valid());
    expect(parsed.success).toBe(false);
    expect(fieldErrorsOf(parsed.error!)).toEqual({ level23: "This account's gateway does not take tax, PO or line-item data" });
    expect(sale({}, { include: true, taxAmount: "1" }).success).toBe(false);
    // Absent, or a closed section, is fine anywhere.
    expect(sale({ level23: false }, { include: false }).data?.level23).toBeUndefined();
    expect(sale({ level23: false }, undefined).success).toBe(true);
  });

  it("carries the data where the gateway takes it", () => {
    expect(sale({ level23: true }, valid()).data?.level23).toMatchObject({ taxAmount: 80, order: { items: [{ netAmount: 1000 }, { netAmount: 150 }] } });
  });
});
