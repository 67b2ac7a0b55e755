// bePaid (beGateway API v2) simulator, mounted at /bepaid. Paths match gateway.bepaid.by.
import { randomUUID } from "node:crypto";
import { json, type LedgerEntry, type SimRequest, type SimResponse, type Simulator } from "../types";
import { authenticate, basicUser } from "./accounts";
import { handleChild, type ChildType } from "./children";
import { accessDenied, errorResponse, recordNotFound } from "./errors";
import { handlePayment, isObj, render, type PaymentType } from "./payments";
import { initialState, upgradeState, type BepaidState, type StoredTx } from "./state";

const POSTS: Record<string, { kind: "payment"; type: PaymentType } | { kind: "child"; type: ChildType }> = {
  "/transactions/payments": { kind: "payment", type: "payment" },
  "/transactions/authorizations": { kind: "payment", type: "authorization" },
  "/transactions/tokenizations": { kind: "payment", type: "tokenization" },
  "/transactions/captures": { kind: "child", type: "capture" },
  "/transactions/voids": { kind: "child", type: "void" },
  "/transactions/refunds": { kind: "child", type: "refund" },
};

/** §3.8 [GUESS]: newest first, at most 10. */
function byTrackingId(state: BepaidState, shopId: string, trackingId: string): StoredTx[] {
  const out: StoredTx[] = [];
  for (let i = state.order.length - 1; i >= 0 && out.length < 10; i--) {
    const tx = state.transactions[state.order[i]!];
    if (tx && tx.shopId === shopId && tx.trackingId !== null && tx.trackingId.split(";").includes(trackingId)) out.push(tx);
  }
  return out;
}

function route(req: SimRequest, state: BepaidState, ctx: Parameters<Simulator<BepaidState>["handle"]>[2]): SimResponse {
  const shopId = authenticate(req.headers.authorization);
  if (!shopId) return accessDenied();
  const s = state.settings;

  if (req.method === "GET") {
    const tracking = /^\/(?:v2\/)?transactions\/tracking_id\/([^/]+)$/.exec(req.path);
    if (tracking) {
      const list = byTrackingId(state, shopId, decodeURIComponent(tracking[1]!));
      return json(200, { transactions: list.map(render) });
    }
    const one = /^\/transactions\/([^/]+)$/.exec(req.path);
    if (one) {
      const tx = state.transactions[decodeURIComponent(one[1]!)];
      return tx && tx.shopId === shopId ? json(200, { transaction: render(tx) }) : recordNotFound();
    }
    return recordNotFound();
  }

  const op = req.method === "POST" ? POSTS[req.path] : undefined;
  if (!op) return recordNotFound();
  // §6.3 [SIM]: E.1024 / E.1026 / E.1017 analogues.
  if (!(req.headers["content-type"] ?? "").toLowerCase().includes("application/json")) return errorResponse(s, 400, "MIME type not supported");
  let body: unknown;
  try {
    body = JSON.parse(req.rawBody);
  } catch {
    return errorResponse(s, 400, "Invalid JSON");
  }
  if (!isObj(body) || !isObj(body.request)) return errorResponse(s, 400, "Request section missing");
  return op.kind === "payment" ? handlePayment(op.type, body.request, shopId, state, ctx) : handleChild(op.type, body.request, shopId, state, ctx);
}

const LEDGER_KIND: Partial<Record<StoredTx["type"], LedgerEntry["kind"]>> = {
  payment: "sale",
  authorization: "auth",
  capture: "capture",
  void: "void",
  refund: "refund",
};
const LEDGER_STATUS: Record<StoredTx["status"], LedgerEntry["status"]> = { successful: "approved", failed: "declined", incomplete: "pending" };

export const bepaidSimulator: Simulator<BepaidState> = {
  name: "bepaid",
  initialState,
  handle(req, state, ctx) {
    const res = route(req, upgradeState(state), ctx);
    return { ...res, headers: { ...res.headers, "X-Request-Id": randomUUID() } };
  },
  settle(raw, ctx) {
    const state = upgradeState(raw);
    const at = ctx.now().toISOString();
    let n = 0;
    for (const uid of state.order) {
      const tx = state.transactions[uid];
      if (!tx || tx.status !== "successful" || tx.settledAt || tx.voided) continue;
      if (tx.type === "tokenization" || tx.type === "void") continue;
      tx.settledAt = at;
      n++;
    }
    if (n > 0) ctx.changed();
    return n;
  },
  accountOf: (req) => basicUser(req.headers.authorization)?.id,
  ledger(raw) {
    const state = upgradeState(raw);
    const out: LedgerEntry[] = [];
    for (const uid of state.order) {
      const tx = state.transactions[uid];
      const kind = tx && LEDGER_KIND[tx.type];
      if (!tx || !kind) continue;
      out.push({
        gatewayTransactionId: tx.uid,
        reference: tx.trackingId ?? undefined,
        kind,
        status: LEDGER_STATUS[tx.status],
        amount: tx.amount,
        currency: tx.currency,
        settled: tx.settledAt !== null,
      });
    }
    return out;
  },
};
