// BluePay simulator: bp10emu and bp20post over one transaction store, plus stq and bpdailyreport2.
// Independent of lib/ on purpose: it is the counterpart that catches client bugs.
import type { LedgerEntry, SimRequest, Simulator } from "../types";
import { bp10emu, bp20post, dailyReport, formFields, stq } from "./interfaces";
import { settleAll } from "./processor";
import { initialState, type BluepayState, type SimTxn } from "./state";

export { DEMO_CREDENTIALS } from "./accounts";

function ledgerKind(t: SimTxn): LedgerEntry["kind"] {
  switch (t.type) {
    case "SALE":
      return "sale";
    case "AUTH":
      return t.amountCents === 0 ? "tokenize" : "auth";
    case "CAPTURE":
      return "capture";
    case "VOID":
      return "void";
    case "REFUND":
    case "CREDIT":
      return "refund";
  }
}

export const bluepaySimulator: Simulator<BluepayState> = {
  name: "bluepay",
  initialState,
  handle(req: SimRequest, state, ctx) {
    const path = req.path.replace(/\/+$/, "");
    if (req.method === "GET" && path === "/interfaces/wlcatch") {
      return { status: 200, headers: { "content-type": "text/html" }, body: "<html><body>Transaction processed.</body></html>" };
    }
    if (req.method !== "POST") return { status: 405, headers: { "content-type": "text/plain" }, body: "Method Not Allowed" };
    switch (path) {
      case "/interfaces/bp10emu":
        return bp10emu(req, state, ctx);
      case "/interfaces/bp20post":
        return bp20post(req, state, ctx);
      case "/interfaces/stq":
        return stq(req, state);
      case "/interfaces/bpdailyreport2":
        return dailyReport(req, state);
      default:
        return { status: 404, headers: { "content-type": "text/html" }, body: "<html><body>Not Found</body></html>" };
    }
  },
  settle: (state, ctx) => settleAll(state, ctx.now()),
  accountOf(req) {
    const f = formFields(req.rawBody);
    return f.MERCHANT ?? f.ACCOUNT_ID;
  },
  ledger: (state) =>
    state.txns.map((t) => ({
      gatewayTransactionId: t.id,
      reference: t.customId2 || t.orderId || undefined,
      kind: ledgerKind(t),
      status: t.status === "1" ? "approved" : "declined",
      amount: t.amountCents,
      currency: "USD",
      settled: t.settleDate !== "",
    })),
};
