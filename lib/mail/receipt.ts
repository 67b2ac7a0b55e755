// The receipt email: what the printed receipt shows (app/receipt/[id]), for the customer's inbox.
// Never AVS/CVV results, the gateway's internal ids or Keyed's row ids: the receipt number is the
// reference the gateway knows the payment by.
import { BRAND_LABELS } from "../card";
import type { CardBrand } from "../gateways/types";
import { itemDetail, level2Rows } from "../level23-text";
import { formatMoney } from "../money";
import type { MerchantSettings } from "../services/settings";
import type { TransactionView } from "../services/transactions/detail";
import { formatDateTime } from "../time";
import type { EmailContent } from "./render";

const KIND_WORDS: Record<TransactionView["kind"], string> = { sale: "Sale", auth: "Authorization", capture: "Sale", refund: "Refund", void: "Void" };

export function receiptEmail(view: TransactionView, merchant: MerchantSettings): EmailContent {
  const amount = formatMoney(view.amount, view.currency);
  const kind = KIND_WORDS[view.kind];
  const brand = view.card.brand && view.card.brand in BRAND_LABELS ? BRAND_LABELS[view.card.brand as CardBrand] : "Card";
  const card = view.card.last4 ? `${brand} •••• ${view.card.last4}` : null;
  const name = view.billing ? `${view.billing.firstName} ${view.billing.lastName}`.trim() : (view.customer?.name ?? null);
  const contact = [merchant.merchantAddress, merchant.merchantPhone].filter(Boolean);
  return {
    subject: `Your receipt from ${merchant.merchantName}: ${kind.toLowerCase()} of ${amount}`,
    preview: `${kind} of ${amount}${card ? ` on ${card}` : ""}`,
    blocks: [
      { kind: "title", text: merchant.merchantName },
      ...(contact.length ? [{ kind: "lines" as const, lines: contact }] : []),
      ...(view.account.mode === "test" ? [{ kind: "lines" as const, lines: ["TEST TRANSACTION — NO MONEY MOVED"], small: true }] : []),
      { kind: "amount", text: amount, caption: `${kind} approved` },
      {
        kind: "rows",
        rows: [
          ["Card", card],
          ["Cardholder", name || null],
          ["Auth code", view.authCode],
          ["Order", view.orderId],
          ["Date", formatDateTime(view.createdAt, { timeZone: merchant.timeZone, seconds: true })],
          ["Receipt no.", view.reference],
        ],
      },
      ...(view.level23 ? [{ kind: "rows" as const, rows: level2Rows(view.level23, view.currency) }] : []),
      ...(view.level23?.order
        ? [{ kind: "rows" as const, rows: view.level23.order.items.map((item): [string, string] => [`${item.description} (${itemDetail(item, view.currency)})`, formatMoney(item.netAmount, view.currency)]) }]
        : []),
      ...(view.description ? [{ kind: "note" as const, text: view.description }] : []),
      { kind: "lines", lines: ["Thank you.", ...(merchant.merchantPhone ? [`Questions about this ${kind.toLowerCase()}? Call ${merchant.merchantPhone}.`] : [])], small: true },
    ],
  };
}
