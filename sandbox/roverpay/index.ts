// Rover Pay simulator (spec /work/shared/gateways/roverpay.md), mounted at /roverpay. It serves
// the vendor's paths ({base}/api/<endpoint lower-case>) and never imports the client.
import { json, type LedgerEntry, type SimRequest, type Simulator } from "../types";
import { control, envelope, finalize, inquire, payment, refund, Refusal, refusalReply, tokenize } from "./handlers";
import { initialState, type RoverState, type Txn } from "./state";

const API = "/api";

/** State loaded from an older state file may lack newer keys; fill them in place. */
function ensureShape(state: RoverState): RoverState {
  const fresh = initialState();
  for (const key of Object.keys(fresh) as (keyof RoverState)[]) {
    if (state[key] === undefined) Object.assign(state, { [key]: fresh[key] });
  }
  return state;
}

function settle(state: RoverState): number {
  ensureShape(state);
  let count = 0;
  for (const id of state.order) {
    const t = state.txns[id];
    if (!t || !t.approved || t.settled) continue;
    // Captured sales / completions and refunds close with the batch; open auths and voids do not.
    if (t.status === "captured" || t.status === "partially_refunded" || t.status === "refunded") {
      t.settled = true;
      if (t.status === "captured" && t.action !== "TOKEN-RETURN") t.status = "settled";
      count += 1;
    }
  }
  for (const key of Object.keys(state.batches)) state.batches[key] = (state.batches[key] ?? 200) + 1;
  return count;
}

function ledgerKind(t: Txn): LedgerEntry["kind"] | null {
  if (t.action === "TOKEN-NEW") return null;
  if (t.action === "TOKEN-RETURN") return t.source === "V" ? "void" : "refund";
  if (t.action === "CC-COMPLETE") return "capture";
  if (t.action === "TOKEN-AVS" || t.action.startsWith("CC-AUTH")) return "auth";
  return "sale";
}

export const roverpaySimulator: Simulator<RoverState> = {
  name: "roverpay",
  initialState,

  async handle(req, rawState, ctx) {
    const state = ensureShape(rawState);
    const path = req.path.toLowerCase();
    if (!path.startsWith(`${API}/`)) return { status: 404, headers: { "content-type": "text/plain" }, body: "Not Found" };
    const endpoint = path.slice(API.length);
    if (endpoint.startsWith("/_sim/")) return control(endpoint, req, state, ctx, () => settle(state));
    if (req.method !== "POST") return { status: 405, headers: { "content-type": "text/plain", allow: "POST" }, body: "Method Not Allowed" };
    const now = ctx.now();
    try {
      const env = envelope(req.rawBody, now);
      switch (endpoint) {
        case "/bltokenize":
          return tokenize(req, state, env, now);
        case "/bltokensale":
          return await payment(req, state, env, now, { capture: true, device: false });
        case "/bltokenauth":
          return await payment(req, state, env, now, { capture: false, device: false });
        case "/blsale":
          return await payment(req, state, env, now, { capture: true, device: true });
        case "/blauth":
          return await payment(req, state, env, now, { capture: false, device: true });
        case "/bltokenfinal":
          return finalize(state, env, now);
        case "/bltokenrefund":
          return refund(state, env, now);
        case "/blinquire":
          return inquire(state, env);
        default:
          return json(404, { error: `unknown endpoint ${endpoint}` });
      }
    } catch (err) {
      if (err instanceof Refusal) return refusalReply(err);
      throw err;
    }
  },

  settle: (state) => settle(state),

  accountOf(req: SimRequest) {
    try {
      const body = JSON.parse(req.rawBody) as { entity?: unknown };
      return typeof body.entity === "string" ? body.entity : undefined;
    } catch {
      return undefined;
    }
  },

  ledger(rawState) {
    const state = ensureShape(rawState);
    const out: LedgerEntry[] = [];
    for (const id of state.order) {
      const t = state.txns[id];
      const kind = t ? ledgerKind(t) : null;
      if (!t || !kind) continue;
      out.push({
        gatewayTransactionId: t.id,
        reference: t.invoice || undefined,
        kind,
        status: t.approved ? "approved" : "declined",
        amount: Math.abs(t.amount),
        currency: "USD",
        settled: t.settled,
      });
    }
    return out;
  },
};
