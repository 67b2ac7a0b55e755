// What the settlement report's page, printable page and CSV export share: the filters as typed (with
// a message for each refused one), the account they name, and the report for it.
import { toMajorString } from "../money";
import { csvCell } from "../csv";
import { settlementDays, settlementReportSchema } from "../validation/settlement-report";
import { FLAG_LABELS, settlementAccounts, settlementReport, type SettlementReport } from "./settlement-report";
import type { PaymentContext } from "./payments/context";

export type SettlementAccount = Awaited<ReturnType<typeof settlementAccounts>>[number];

export type SettlementPage =
  | { kind: "no_accounts" }
  | {
      kind: "report";
      accounts: SettlementAccount[];
      /** As typed, to fill the form again. */
      input: { account: string; from: string; to: string };
      /** A message per refused filter; the report then covers the default period. */
      errors: Record<string, string>;
      report: SettlementReport;
    };

export async function openSettlementReport(
  ctx: Pick<PaymentContext, "db" | "clientFor">,
  raw: Record<string, string | undefined>,
  opts: { timeZone: string; now?: Date },
): Promise<SettlementPage> {
  const accounts = await settlementAccounts(ctx.db);
  if (accounts.length === 0) return { kind: "no_accounts" };
  const parsed = settlementReportSchema.safeParse(raw);
  const errors: Record<string, string> = {};
  if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "to")] ??= issue.message;
  const filters = parsed.success ? parsed.data : {};
  let account = accounts.find((a) => a.id === filters.account);
  if (filters.account && !account) errors.account = "Choose an account from the list";
  account ??= accounts.find((a) => a.active) ?? accounts[0]!;
  const days = settlementDays(errors.from || errors.to ? {} : filters, opts.timeZone, opts.now);
  const report = await settlementReport(ctx, { accountId: account.id, ...days }, opts);
  return { kind: "report", accounts, input: { account: account.id, from: raw.from ?? days.from, to: raw.to ?? days.to }, errors, report };
}

/** The report as CSV: one line per day, then one per flagged row. Amounts in major units of the account's currency. */
export async function* settlementCsv(report: SettlementReport): AsyncGenerator<string, void, unknown> {
  const money = (minor: number) => csvCell(toMajorString(minor, report.account.currency), false);
  yield "section,day,sales,refunds,voids,net,count,flags,currency\r\n";
  for (const d of report.days) yield ["day", csvCell(d.day), money(d.sales), money(d.refunds), money(d.voids), money(d.net), d.count, d.flags.length, csvCell(report.account.currency)].join(",") + "\r\n";
  yield ["total", "", money(report.totals.sales), money(report.totals.refunds), money(report.totals.voids), money(report.totals.net), report.totals.count, report.totals.flags, csvCell(report.account.currency)].join(",") + "\r\n";
  yield "\r\nsection,day,reason,kind,amount,keyed_status,transaction_id,reference,gateway_transaction_id,gateway_settled_at_utc\r\n";
  for (const d of report.days)
    for (const f of d.flags)
      yield [
        "flag",
        csvCell(f.day),
        csvCell(FLAG_LABELS[f.reason]),
        csvCell(f.kind),
        money(f.amount),
        csvCell(f.keyedStatus ?? "none"),
        csvCell(f.transactionId),
        csvCell(f.reference),
        csvCell(f.gatewayTransactionId),
        csvCell(f.gatewaySettledAt),
      ].join(",") + "\r\n";
}

export function settlementFileName(report: SettlementReport): string {
  const label = report.account.label.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").toLowerCase() || "account";
  return `settlement-${label}-${report.from}-to-${report.to}.csv`;
}
