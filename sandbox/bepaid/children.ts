// POST /transactions/captures, /voids, /refunds (spec §3.4–3.6) under the lifecycle rules of §8.
import { randomUUID } from "node:crypto";
import { json, type SimContext, type SimResponse } from "../types";
import { isDuplicate } from "./duplicates";
import { baseError, errorResponse, FieldErrors, fieldErrorResponse } from "./errors";
import { checkAmount, render, type Obj } from "./payments";
import type { BepaidState, JsonObject, StoredTx } from "./state";

export type ChildType = "capture" | "void" | "refund";

const APPROVED: Record<ChildType, string> = {
  capture: "Capture was approved",
  void: "Void was approved",
  refund: "Refund was approved",
};

function tooMuch(state: BepaidState, limit: number): SimResponse {
  return errorResponse(state.settings, 400, `Amount can't be greater than ${limit}.`, { amount: [`can't be greater than ${limit}`] });
}

/** The §8 rule for this child against this parent: undefined when allowed, else the refusal. */
function lifecycle(type: ChildType, parent: StoredTx, amount: number, state: BepaidState): SimResponse | undefined {
  const s = state.settings;
  const ok = parent.status === "successful";
  switch (type) {
    case "capture":
      // [GUESS] §8 / Q5: one capture per authorization; partial allowed, remainder released.
      if (parent.type !== "authorization" || !ok || parent.voided || parent.capturedAmount > 0) return baseError(s, "transaction can't be captured");
      return amount > parent.amount ? tooMuch(state, parent.amount) : undefined;
    case "void": {
      const voidable =
        (parent.type === "authorization" && parent.capturedAmount === 0) ||
        (parent.type === "payment" && s.allowPaymentVoid && parent.refundedAmount === 0);
      if (!voidable || !ok || parent.voided || parent.settledAt) return baseError(s, "transaction can't be voided");
      return amount > parent.amount ? tooMuch(state, parent.amount) : undefined;
    }
    case "refund": {
      if ((parent.type !== "payment" && parent.type !== "capture") || !ok || parent.voided) return baseError(s, "transaction can't be refunded");
      const remaining = parent.amount - parent.refundedAmount;
      // [GUESS] §6.2: exact text for an already fully refunded parent.
      if (remaining <= 0) return baseError(s, "transaction has been refunded already");
      return amount > remaining ? tooMuch(state, remaining) : undefined;
    }
  }
}

export function handleChild(type: ChildType, req: Obj, shopId: string, state: BepaidState, ctx: SimContext): SimResponse {
  const s = state.settings;
  const errs = new FieldErrors();
  const parentUid = typeof req.parent_uid === "string" ? req.parent_uid.trim() : "";
  if (parentUid === "") errs.add(["parent_uid"], "can't be blank");
  const amount = checkAmount(req.amount, errs);
  const reason = typeof req.reason === "string" ? req.reason : "";
  if (type === "refund" && reason.trim() === "") errs.add(["reason"], "can't be blank");
  if (reason.length > 255) errs.add(["reason"], "is too long (maximum is 255 characters)");
  const trackingId = typeof req.tracking_id === "string" && req.tracking_id !== "" ? req.tracking_id.slice(0, 255) : null;
  if (errs.any || amount === undefined) return fieldErrorResponse(s, 422, errs);

  const parent = state.transactions[parentUid];
  if (!parent || parent.shopId !== shopId) {
    return errorResponse(s, 400, "Parent uid Parent transaction is not found.", { parent_uid: ["Parent transaction is not found"] });
  }
  const refusal = lifecycle(type, parent, amount, state);
  if (refusal) return refusal;
  if (req.duplicate_check !== false && isDuplicate(state, `${shopId}|${type}|${parentUid}|${amount}`, ctx.now().getTime())) {
    return errorResponse(s, 400, "Duplicate request. Check the status of the original transaction.", { base: ["duplicate request"] });
  }

  if (type === "capture") parent.capturedAmount = amount;
  if (type === "void") parent.voided = true;
  if (type === "refund") parent.refundedAmount += amount;

  const uid = randomUUID();
  const at = ctx.now().toISOString();
  const view: JsonObject = {
    uid,
    id: uid,
    parent_uid: parentUid,
    type,
    status: "successful",
    message: "Successfully processed",
    amount,
    currency: parent.currency,
    test: parent.view.test ?? false,
    // [GUESS] children accept a tracking_id and echo it (see the client's SEND_TRACKING_ID_ON_CHILDREN).
    tracking_id: trackingId,
    created_at: at,
    updated_at: at,
    paid_at: at,
    closed_at: null,
    receipt_url: `${ctx.baseUrl}/customer/transactions/${uid}`,
    ...(type === "refund" ? { reason } : {}),
    additional_data: {},
    [type]: { message: APPROVED[type], ref_id: "8889912", rrn: null, auth_code: null, gateway_id: 477, status: "successful" },
  };
  const tx: StoredTx = {
    uid,
    shopId,
    type,
    status: "successful",
    amount,
    currency: parent.currency,
    trackingId,
    parentUid,
    createdAt: at,
    settledAt: null,
    capturedAmount: 0,
    refundedAmount: 0,
    voided: false,
    view,
  };
  state.transactions[uid] = tx;
  state.order.push(uid);
  ctx.changed();
  return json(200, { transaction: render(tx) });
}
