import { describe, expect, it } from "vitest";
import type { MerchantSettings } from "../services/settings";
import type { TransactionView } from "../services/transactions/detail";
import { VENDOR_LEVEL23_EXAMPLE } from "../testing/level23";
import { receiptEmail } from "./receipt";

const merchant = { merchantName: "Acme", merchantAddress: "", merchantPhone: "", timeZone: "UTC" } as MerchantSettings;
const view = (level23: TransactionView["level23"]) =>
  ({
    kind: "sale",
    amount: 1230,
    currency: "USD",
    card: { brand: "visa", last4: "1111", masked: null },
    billing: null,
    customer: null,
    authCode: "PPS220",
    orderId: null,
    description: null,
    reference: "r1",
    createdAt: "2026-04-27T12:00:00.000Z",
    account: { mode: "test" },
    level23,
    level23Warnings: [],
  }) as unknown as TransactionView;

const rows = (v: TransactionView) => receiptEmail(v, merchant).blocks.flatMap((b) => (b.kind === "rows" ? b.rows : []));

describe("receiptEmail with Level 2/3 data", () => {
  it("shows the PO number, the tax and each line item", () => {
    const r = rows(view(VENDOR_LEVEL23_EXAMPLE));
    expect(r).toContainEqual(["PO number", "PO-30100"]);
    expect(r).toContainEqual(["Tax", "$0.80"]);
    expect(r).toContainEqual(["Blue widget (2 EA × $5.00 · WIDGET-100 · tax $0.80)", "$10.00"]);
  });

  it("says tax exempt, and shows nothing of the kind for a sale without it", () => {
    expect(rows(view({ taxAmount: 0, taxExempt: true }))).toContainEqual(["Tax", "Tax exempt"]);
    expect(rows(view(null)).map(([label]) => label)).not.toContain("Tax");
  });
});
