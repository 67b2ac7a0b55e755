// Invoice state changes: outcomes are decided at once but become visible after a delay (or a /_sim
// action); reads apply due changes lazily, and each change is announced by one signed callback.
import type { SimContext } from "../types";
import { findAccount } from "./accounts";
import { invoiceDoc } from "./documents";
import type { FinalOutcome, PaycoreState, Scheduled, SimInvoice } from "./state";
import { nowSeconds, randomAlnum, randomDigits, sign } from "./util";

const SUCCESS = new Set(["processed", "verified"]);

function applyFinal(inv: SimInvoice, s: Scheduled, atSeconds: number): void {
  inv.status = s.status;
  inv.resolution = s.resolution;
  inv.updated = atSeconds;
  if (SUCCESS.has(s.status)) {
    inv.processed = atSeconds;
    inv.rrn = s.rrn ?? null;
    inv.approvalCode = s.approvalCode ?? null;
    inv.mintedToken = s.token ?? null;
  }
  inv.scheduled = null;
}

/** Applies every due change (and expires abandoned invoices). Called before every read. */
export function advance(state: PaycoreState, now: Date): void {
  const t = now.getTime();
  for (const inv of Object.values(state.invoices)) {
    const s = inv.scheduled;
    if (s && s.at !== null && s.at <= t) {
      applyFinal(inv, s, Math.floor(s.at / 1000));
      if (s.token && inv.card && inv.customerRef) {
        state.tokens[s.token] = { token: s.token, account: inv.account, customerRef: inv.customerRef, card: inv.card };
      }
    } else if (!inv.paymentAttempted && inv.status === "process_pending" && t - inv.created * 1000 > state.config.invoiceLifetimeMs) {
      inv.status = "expired";
      inv.updated = nowSeconds(now);
    }
  }
}

/** Decides the invoice's final outcome; it shows after the configured delay, or waits (`hold`). */
export function schedule(state: PaycoreState, inv: SimInvoice, outcome: FinalOutcome, ctx: SimContext, hold?: Scheduled["reason"]): void {
  const success = SUCCESS.has(outcome.status);
  inv.paymentAttempted = true;
  inv.scheduled = {
    ...outcome,
    at: null,
    reason: hold ?? "delay",
    rrn: success ? randomDigits(12) : undefined,
    approvalCode: success ? randomAlnum(6).toUpperCase() : undefined,
    token: success && inv.tokenize ? randomAlnum(32) : undefined,
  };
  if (!hold) release(state, inv, ctx);
}

/** Lets a held outcome (3DS, slow provider) proceed. */
export function release(state: PaycoreState, inv: SimInvoice, ctx: SimContext): boolean {
  const s = inv.scheduled;
  if (!s) return false;
  const delay = state.config.finalizeDelayMs;
  s.at = ctx.now().getTime() + delay;
  const preview: SimInvoice = JSON.parse(JSON.stringify(inv)) as SimInvoice;
  applyFinal(preview, s, Math.floor(s.at / 1000));
  sendInvoiceCallback(preview, ctx, delay);
  return true;
}

/** Posts the invoice document, signed per spec §5, to its callback_url (if any). */
export function sendInvoiceCallback(inv: SimInvoice, ctx: SimContext, delayMs = 50): void {
  if (!inv.callbackUrl) return;
  const account = findAccount(inv.account);
  if (!account) return;
  const body = JSON.stringify(invoiceDoc(inv, ctx.baseUrl));
  ctx.sendCallback(
    inv.callbackUrl,
    { headers: { "content-type": "application/json", "x-signature": sign(account.callbackSecret, body) }, body },
    delayMs,
  );
}
