// PayCore (Corefy) simulator: the private API (/api), Card Gate (/cardgate), a hosted-page stub
// (/hpp) and controls (/_sim), on one origin as in the spec's PROPOSED layout (§2).
import { json, type LedgerEntry, type SimRequest, type SimResponse, type Simulator } from "../types";
import { findAccount, type SimAccount } from "./accounts";
import { acs, cardgateSale } from "./cardgate";
import { createInvoice, getInvoice, getRefund, listInvoices, listRefunds, refundInvoice } from "./invoices";
import { advance, release, sendInvoiceCallback } from "./lifecycle";
import { initialState, type PaycoreState } from "./state";
import { apiError, isRecord, nowSeconds, parseJson } from "./util";

function basicUser(req: SimRequest): { user: string; password: string } | undefined {
  const m = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? "");
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, "base64").toString("utf8");
  const at = decoded.indexOf(":");
  return at < 0 ? undefined : { user: decoded.slice(0, at), password: decoded.slice(at + 1) };
}

function authenticate(req: SimRequest): SimAccount | undefined {
  const creds = basicUser(req);
  const account = creds ? findAccount(creds.user) : undefined;
  return account && creds && account.apiKey === creds.password ? account : undefined;
}

const unauthorized = () => apiError(401, "unauthorized", "Unauthorized", "Invalid commerce account id or API key");

const SETTLEABLE = new Set(["processed", "partially_refunded", "refunded", "refund_failed"]);
const APPROVED = new Set([...SETTLEABLE, "verified"]);
const DECLINED = new Set(["process_failed", "verify_failed", "expired", "terminated"]);

export const paycoreSimulator: Simulator<PaycoreState> = {
  name: "paycore",
  initialState,

  handle(req, state, ctx): SimResponse {
    advance(state, ctx.now());
    const { method, path } = req;
    let m: RegExpExecArray | null;

    if (method === "POST" && path === "/cardgate/payment/sale") return cardgateSale(req, state, ctx);
    if ((m = /^\/_sim\/acs\/(cgi_\w+)$/.exec(path))) return acs(req, m[1]!, state, ctx);
    if ((m = /^\/hpp\/(cgi_\w+)$/.exec(path))) {
      return { status: 200, headers: { "content-type": "text/html" }, body: `<!doctype html><title>PayCore sandbox checkout</title><p>Hosted payment page stub for session ${m[1]}. Use host-to-host card entry.</p>` };
    }
    if (path.startsWith("/_sim/")) return control(req, state, ctx);

    if (!path.startsWith("/api/")) return apiError(404, "not_found", "Not found", `No route ${method} ${path}`);
    const account = authenticate(req);
    if (!account) return unauthorized();
    const api = path.slice(4);
    if (api === "/payment-invoices") {
      if (method === "POST") return createInvoice(req, state, ctx, account);
      if (method === "GET") return listInvoices(req, state, ctx, account);
    }
    if (method === "GET" && (m = /^\/payment-invoices\/([\w-]+)$/.exec(api))) return getInvoice(m[1]!, state, ctx, account);
    if (method === "POST" && (m = /^\/payment-invoices\/([\w-]+)\/refund$/.exec(api))) return refundInvoice(m[1]!, req, state, ctx, account);
    if (method === "GET" && api === "/refunds") return listRefunds(req, state, account);
    if (method === "GET" && (m = /^\/refunds\/([\w-]+)$/.exec(api))) return getRefund(m[1]!, state, account);
    return apiError(404, "not_found", "Not found", `No route ${method} ${path}`);
  },

  settle(state, ctx) {
    advance(state, ctx.now());
    let n = 0;
    for (const inv of Object.values(state.invoices)) {
      if (!inv.settled && inv.flow !== "verify" && SETTLEABLE.has(inv.status)) {
        inv.settled = true;
        n++;
      }
    }
    for (const r of Object.values(state.refunds)) {
      if (!r.settled && r.status === "processed") {
        r.settled = true;
        n++;
      }
    }
    return n;
  },

  accountOf(req) {
    const basic = basicUser(req);
    if (basic) return basic.user;
    const bearer = /^Bearer\s+[^.]+\.([^.]+)\./i.exec(req.headers.authorization ?? "");
    if (!bearer) return undefined;
    const payload = parseJson(Buffer.from(bearer[1]!, "base64url").toString("utf8"));
    return isRecord(payload) && typeof payload.coma === "string" ? payload.coma : undefined;
  },

  /** Amounts are integer minor units. */
  ledger(state) {
    advance(state, new Date());
    const entries: LedgerEntry[] = [];
    for (const inv of Object.values(state.invoices)) {
      if (!inv.paymentAttempted) continue;
      entries.push({
        gatewayTransactionId: inv.id,
        reference: inv.referenceId,
        kind: inv.flow === "verify" ? "tokenize" : "sale",
        status: APPROVED.has(inv.status) ? "approved" : DECLINED.has(inv.status) ? "declined" : "pending",
        amount: inv.flow === "verify" ? 0 : inv.amountMinor,
        currency: inv.currency,
        settled: inv.settled,
      });
    }
    for (const r of Object.values(state.refunds)) {
      entries.push({
        gatewayTransactionId: r.id,
        reference: r.referenceId,
        kind: "refund",
        status: r.status === "processed" ? "approved" : r.status === "process_failed" ? "declined" : "pending",
        amount: r.amountMinor,
        currency: r.currency,
        settled: r.settled,
      });
    }
    return entries;
  },
};

/** /_sim controls: complete a slow invoice (S7), terminate one, tune the delay. */
function control(req: SimRequest, state: PaycoreState, ctx: Parameters<Simulator<PaycoreState>["handle"]>[2]): SimResponse {
  if (req.method !== "POST") return apiError(405, "method_not_allowed", "Method not allowed", "Use POST");
  let m: RegExpExecArray | null;
  if (req.path === "/_sim/config") {
    const body = parseJson(req.rawBody);
    if (isRecord(body) && typeof body.finalizeDelayMs === "number" && body.finalizeDelayMs >= 0) state.config.finalizeDelayMs = body.finalizeDelayMs;
    if (isRecord(body) && typeof body.invoiceLifetimeMs === "number" && body.invoiceLifetimeMs > 0) state.config.invoiceLifetimeMs = body.invoiceLifetimeMs;
    ctx.changed();
    return json(200, { config: state.config });
  }
  if ((m = /^\/_sim\/invoices\/(cpi_\w+)\/(complete|terminate)$/.exec(req.path))) {
    const inv = state.invoices[m[1]!];
    if (!inv) return apiError(404, "not_found", "Not found", "Payment invoice not found");
    if (m[2] === "complete") {
      if (inv.scheduled?.reason !== "slow_provider" || inv.scheduled.at !== null) return apiError(422, "validation_error", "Validation error", "Nothing to complete");
      release(state, inv, ctx);
    } else {
      if (inv.status !== "process_pending") return apiError(422, "validation_error", "Validation error", "Only pending invoices can be terminated");
      inv.status = "terminated";
      inv.scheduled = null;
      inv.updated = nowSeconds(ctx.now());
      sendInvoiceCallback(inv, ctx);
    }
    ctx.changed();
    return json(200, { ok: true });
  }
  return apiError(404, "not_found", "Not found", `No control ${req.path}`);
}
