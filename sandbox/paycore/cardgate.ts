// Card Gate (spec §3.3): card entry for an invoice, authorised by the invoice's Bearer token,
// plus the fake 3-D Secure ACS page.
import { json, type SimContext, type SimRequest, type SimResponse } from "../types";
import { cardgateDoc } from "./documents";
import { release, schedule } from "./lifecycle";
import { brandOf, classify, decide, forFlow, SLOW_PROVIDER_FRACTION, TEST_CARDS } from "./rules";
import type { PaycoreState, SimInvoice, StoredCard } from "./state";
import { apiError, fraction, invalid, isRecord, luhn, parseJson } from "./util";

const A = "/data/attributes";

function invoiceForBearer(req: SimRequest, state: PaycoreState): SimInvoice | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "");
  if (!m) return undefined;
  return Object.values(state.invoices).find((i) => i.bearer === m[1]);
}

export function cardgateSale(req: SimRequest, state: PaycoreState, ctx: SimContext): SimResponse {
  const inv = invoiceForBearer(req, state);
  if (!inv) return apiError(401, "unauthorized", "Unauthorized", "Missing or invalid Card Gate bearer token");
  if (inv.paymentAttempted || inv.status !== "process_pending") {
    return invalid(`Invoice in status ${inv.status} does not accept a payment`, "/data");
  }
  const body = parseJson(req.rawBody);
  if (!isRecord(body) || !isRecord(body.data)) return invalid("Body must be a JSON:API document", "/data");
  if (body.data.type !== "sale-operation") return invalid('data.type must be "sale-operation"', "/data/type");
  const a = isRecord(body.data.attributes) ? body.data.attributes : {};

  let card: StoredCard;
  let cvv: string | null = null;
  if (inv.card && inv.usedToken && a.card_number === undefined) {
    card = inv.card; // card predefined by the invoice's token (§7.3)
  } else {
    const pan = typeof a.card_number === "string" ? a.card_number : "";
    if (!/^\d{12,19}$/.test(pan) || (!luhn(pan) && !(pan in TEST_CARDS))) return invalid("card_number is invalid", `${A}/card_number`);
    if (typeof a.cvv !== "string" || !/^\d{3,4}$/.test(a.cvv)) return invalid("cvv must be 3 or 4 digits", `${A}/cvv`);
    if (typeof a.exp_month !== "string" || !/^(0[1-9]|1[0-2])$/.test(a.exp_month)) return invalid('exp_month must be two digits, e.g. "04"', `${A}/exp_month`);
    if (typeof a.exp_year !== "string" || !/^\d{2}$/.test(a.exp_year)) return invalid('exp_year must be two digits, e.g. "30"', `${A}/exp_year`);
    const holder = typeof a.card_holder === "string" && a.card_holder.trim() ? a.card_holder.trim() : (inv.customerName ?? "CARD HOLDER");
    card = { first6: pan.slice(0, 6), last4: pan.slice(-4), brand: brandOf(pan), holder, expMonth: a.exp_month, expYear: a.exp_year, cls: classify(pan) };
    cvv = a.cvv;
  }
  inv.card = card;
  const decision = decide(card, cvv, false, ctx.now());
  const outcome = forFlow(decision.outcome, inv.flow);
  const hold = decision.threeDs ? "3ds" : fraction(inv.amountMinor) === SLOW_PROVIDER_FRACTION ? "slow_provider" : undefined;
  schedule(state, inv, outcome, ctx, hold);
  ctx.changed();
  return json(201, cardgateDoc(inv, hold === "3ds" ? `${ctx.baseUrl}/_sim/acs/${inv.sid}` : null));
}

/** GET shows the fake ACS page; POST completes authentication and lets the decided outcome proceed. */
export function acs(req: SimRequest, sid: string, state: PaycoreState, ctx: SimContext): SimResponse {
  const inv = Object.values(state.invoices).find((i) => i.sid === sid);
  if (!inv) return apiError(404, "not_found", "Not found", "Unknown Card Gate session");
  if (req.method === "GET") {
    return {
      status: 200,
      headers: { "content-type": "text/html" },
      body: `<!doctype html><title>PayCore sandbox 3-D Secure</title><h1>3-D Secure (sandbox)</h1><form method="post"><button>Complete authentication</button></form>`,
    };
  }
  if (inv.scheduled?.reason !== "3ds" || inv.scheduled.at !== null) return invalid("No authentication pending for this session", "/data");
  // A slow-provider amount (S7) still waits after 3DS.
  if (fraction(inv.amountMinor) === SLOW_PROVIDER_FRACTION) inv.scheduled.reason = "slow_provider";
  else release(state, inv, ctx);
  ctx.changed();
  return json(200, { data: { id: sid, attributes: { status: "process_pending", resolution: "ok" } } });
}
