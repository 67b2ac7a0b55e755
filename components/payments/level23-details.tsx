import { Alert } from "@/components/ui/alert";
import type { Level23Data } from "@/lib/gateways/types";
import { level2Rows } from "@/lib/level23-text";
import { formatMoney } from "@/lib/money";

/**
 * The tax, PO number and line items sent with a sale, and what the gateway flagged in them. Its
 * warnings never changed the payment's outcome: the gateway processed the payment either way.
 */
export function Level23Details({ data, warnings, currency, gatewayLabel }: { data: Level23Data | null; warnings: string[]; currency: string; gatewayLabel: string }) {
  if (!data && warnings.length === 0) return null;
  return (
    <section aria-labelledby="level23-heading" className="flex flex-col gap-3 border-t border-slate-200 p-5 dark:border-slate-700" data-testid="level23-details">
      <h2 id="level23-heading" className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">
        Tax, PO and line items
      </h2>
      {warnings.length > 0 && (
        <Alert tone="warning" title={`${gatewayLabel} flagged the tax / line-item data sent with this payment`}>
          <ul className="mt-1 list-disc pl-5" data-testid="level23-warnings">
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
          <p className="mt-1">These are warnings about the data only: they did not change the payment&apos;s outcome shown above.</p>
        </Alert>
      )}
      {data && (
        <>
          <dl className="flex flex-wrap gap-x-8 gap-y-2 text-sm">
            {level2Rows(data, currency).map(([label, value]) => (
              <div key={label}>
                <dt className="text-xs text-slate-500 dark:text-slate-400">{label}</dt>
                <dd data-testid={`level23-${label === "Tax" ? "tax" : "po"}`}>{value}</dd>
              </div>
            ))}
            {data.order && (
              <>
                <div>
                  <dt className="text-xs text-slate-500 dark:text-slate-400">Order date</dt>
                  <dd>{data.order.orderDate}</dd>
                </div>
                <div>
                  <dt className="text-xs text-slate-500 dark:text-slate-400">Ships</dt>
                  <dd>
                    from {data.order.shipFromPostalCode} to {data.order.shipToPostalCode} ({data.order.shipToCountry})
                  </dd>
                </div>
              </>
            )}
          </dl>
          {data.order && (
            <div className="overflow-x-auto">
              <table className="w-full text-sm" data-testid="level23-items">
                <caption className="sr-only">Line items</caption>
                <thead className="text-left text-xs text-slate-500 dark:text-slate-400">
                  <tr>
                    <th scope="col" className="py-1 pr-3 font-medium">
                      Item
                    </th>
                    <th scope="col" className="py-1 pr-3 font-medium">
                      Code
                    </th>
                    <th scope="col" className="py-1 pr-3 text-right font-medium">
                      Qty
                    </th>
                    <th scope="col" className="py-1 pr-3 text-right font-medium">
                      Unit price
                    </th>
                    <th scope="col" className="py-1 pr-3 text-right font-medium">
                      Net
                    </th>
                    <th scope="col" className="py-1 text-right font-medium">
                      Tax
                    </th>
                  </tr>
                </thead>
                <tbody className="tabular-nums">
                  {data.order.items.map((item, i) => (
                    <tr key={i} className="border-t border-slate-100 dark:border-slate-800">
                      <td className="py-1 pr-3">{item.description}</td>
                      <td className="py-1 pr-3 font-mono text-xs">{item.productCode ?? ""}</td>
                      <td className="py-1 pr-3 text-right">
                        {item.quantity} {item.unitOfMeasure}
                      </td>
                      <td className="py-1 pr-3 text-right">{formatMoney(item.unitCost, currency)}</td>
                      <td className="py-1 pr-3 text-right">{formatMoney(item.netAmount, currency)}</td>
                      <td className="py-1 text-right">{formatMoney(item.taxAmount, currency)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
