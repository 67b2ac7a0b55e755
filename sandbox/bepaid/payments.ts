// POST /transactions/payments, /authorizations, /tokenizations (spec §3.0–3.3, §7).
import { randomUUID } from "node:crypto";
import { json, type SimContext, type SimResponse } from "../types";
import { brandOf, cardDeclines, emulateAvs, emulateCvc, LISTED_TEST_CARDS, luhn, stampOf } from "./cards";
import { baseError, errorResponse, FieldErrors, fieldErrorResponse } from "./errors";
import { isDuplicate } from "./duplicates";
import type { BepaidState, CardRecord, JsonObject, StoredTx, TxStatus } from "./state";
import { sendNotification } from "./webhooks";

export type PaymentType = "payment" | "authorization" | "tokenization";

const CURRENCIES = new Set(
  "AED AMD AUD AZN BGN BRL BYN CAD CHF CNY CZK DKK EUR GBP GEL HKD HUF ILS INR JPY KGS KRW KZT MDL MXN NOK NZD PLN RON RSD RUB SEK SGD THB TJS TRY UAH USD UZS ZAR BHD KWD OMR JOD TND VND ISK CLP".split(" "),
);

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined);
const blank = (v: unknown) => (text(v) ?? "").trim() === "";

/** `amount` must be an integer > 0 (spec §6.2 table). */
export function checkAmount(v: unknown, errs: FieldErrors): number | undefined {
  if (v === undefined || v === null || v === "") {
    errs.add(["amount"], "must be greater than 0");
    return undefined;
  }
  if (typeof v !== "number" || !Number.isInteger(v)) {
    errs.add(["amount"], "must be an integer");
    return undefined;
  }
  if (v <= 0) {
    errs.add(["amount"], "must be greater than 0");
    return undefined;
  }
  return v;
}

interface FullCard {
  kind: "card";
  pan: string;
  cvc: string;
  holder: string;
  expMonth: number;
  expYear: number;
}

function checkCard(cc: unknown, type: PaymentType, state: BepaidState, shopId: string, errs: FieldErrors, now: Date): FullCard | { kind: "token"; card: CardRecord | undefined; cvc?: string } | undefined {
  if (!isObj(cc)) {
    errs.add(["credit_card", "number"], "is invalid");
    return undefined;
  }
  if (type !== "tokenization" && !blank(cc.token) && blank(cc.number)) {
    const token = text(cc.token)!;
    const card = state.cards[token];
    const cvc = text(cc.verification_value);
    if (cvc !== undefined && !/^\d{3,4}$/.test(cvc)) errs.add(["credit_card", "verification_value"], "is not a number");
    return { kind: "token", card: card && card.shopId === shopId ? card : undefined, cvc };
  }
  const pan = text(cc.number) ?? "";
  if (!/^\d{12,19}$/.test(pan) || !luhn(pan)) errs.add(["credit_card", "number"], "is invalid");
  const cvc = text(cc.verification_value) ?? "";
  if (!/^\d{3,4}$/.test(cvc)) errs.add(["credit_card", "verification_value"], "is not a number");
  const holder = text(cc.holder) ?? "";
  if (holder.trim() === "") errs.add(["credit_card", "holder"], "can't be blank");
  else if (holder.length > 32) errs.add(["credit_card", "holder"], "is too long (maximum is 32 characters)");
  const m = text(cc.exp_month) ?? "";
  const y = text(cc.exp_year) ?? "";
  const expMonth = Number(m);
  const expYear = Number(y);
  if (m === "" || y === "") errs.add(["credit_card", "date"], "can't be blank");
  else if (!/^\d{1,2}$/.test(m) || expMonth < 1 || expMonth > 12 || !/^\d{4}$/.test(y)) errs.add(["credit_card", "date"], "is invalid");
  else if (expYear < now.getUTCFullYear() || (expYear === now.getUTCFullYear() && expMonth < now.getUTCMonth() + 1)) {
    // Spec §6.2 [SIM]: an expiry in the past is a 422 field error; the exact v2 text is unknown.
    errs.add(["credit_card", "date"], "is expired");
  }
  return { kind: "card", pan, cvc, holder, expMonth, expYear };
}

function checkBilling(b: unknown, required: boolean, errs: FieldErrors): Obj | undefined {
  if (b === undefined || b === null) {
    if (required) for (const f of ["first_name", "last_name", "address", "city", "zip", "country"]) errs.add(["billing_address", f], "can't be blank");
    return undefined;
  }
  if (!isObj(b)) {
    errs.add(["billing_address", "base"], "is invalid");
    return undefined;
  }
  const limits: Record<string, number> = { first_name: 30, last_name: 30, city: 60, address: 255, phone: 100 };
  for (const [f, max] of Object.entries(limits)) {
    const v = text(b[f]);
    if (required && f !== "phone" && (v ?? "").trim() === "") errs.add(["billing_address", f], "can't be blank");
    if (v && v.length > max) errs.add(["billing_address", f], `is too long (maximum is ${max} characters)`);
  }
  const country = text(b.country);
  if (country !== undefined && country !== "" && !/^[A-Za-z]{2}$/.test(country)) errs.add(["billing_address", "country"], "is invalid");
  if (required && blank(b.country)) errs.add(["billing_address", "country"], "can't be blank");
  const zip = text(b.zip);
  if (country?.toUpperCase() === "US" && zip && !/^\d{5}(-\d{4})?$/.test(zip)) errs.add(["billing_address", "zip"], "is invalid");
  if (required && blank(b.zip)) errs.add(["billing_address", "zip"], "can't be blank");
  return b;
}

const DECLINE_MESSAGE: Record<PaymentType, string> = {
  payment: "Payment was declined",
  authorization: "Authorization was declined", // §4 [GUESS]
  tokenization: "Tokenization was declined", // [GUESS] not attested
};
const APPROVE_MESSAGE: Record<PaymentType, string> = {
  payment: "Payment was approved",
  authorization: "Authorization was approved",
  tokenization: "The operation was successfully processed.",
};

export function handlePayment(type: PaymentType, req: Obj, shopId: string, state: BepaidState, ctx: SimContext): SimResponse {
  const s = state.settings;
  const now = ctx.now();
  const errs = new FieldErrors();
  const amount = checkAmount(req.amount, errs);
  const currency = text(req.currency) ?? "";
  if (currency.trim() === "") errs.add(["currency"], "can't be blank");
  else if (!CURRENCIES.has(currency)) errs.add(["currency"], "is unknown ISO 4217 Alpha-3 code");
  const description = text(req.description) ?? "";
  if (description.trim() === "") errs.add(["description"], "can't be blank");
  else if (description.length > 255) errs.add(["description"], "is too long (maximum is 255 characters)");
  const trackingId = text(req.tracking_id) ?? null;
  if (trackingId && trackingId.length > 255) errs.add(["tracking_id"], "is too long (maximum is 255 characters)");
  const card = checkCard(req.credit_card, type, state, shopId, errs, now);
  const billing = checkBilling(req.billing_address, s.requireBilling, errs);
  const customer = isObj(req.customer) ? req.customer : undefined;
  if (s.requireBilling && blank(customer?.email)) errs.add(["customer", "email"], "can't be blank");
  if (errs.any) return fieldErrorResponse(s, 422, errs);
  if (!card || amount === undefined) return errorResponse(s, 422, "Request is invalid");

  // References are checked after field validation, and answer 400 (recorded, spec §6.2).
  if (card.kind === "token" && !card.card) {
    return errorResponse(s, 400, "Token does not exist.", { credit_card: { token: ["does not exist"] } });
  }
  const test = req.test === true;
  if (s.strictTestCards && test && card.kind === "card" && !LISTED_TEST_CARDS.includes(card.pan)) {
    return baseError(s, "Live data not supported in test mode");
  }

  const saved = card.kind === "token" ? card.card! : undefined;
  const stamp = card.kind === "card" ? stampOf(card.pan) : saved!.stamp;
  if (req.duplicate_check !== false && isDuplicate(state, `${shopId}|${type}|${amount}|${card.kind === "token" ? saved!.token : stamp}`, now.getTime())) {
    return errorResponse(s, 400, "Duplicate request. Check the status of the original transaction.", { base: ["duplicate request"] });
  }

  const cvc = card.cvc;
  const avsCode = emulateAvs(text(billing?.address), text(billing?.zip));
  const cvcCode = emulateCvc(cvc);
  const declines = card.kind === "card" ? cardDeclines(card.pan) : saved!.declines;
  let status: TxStatus = "successful";
  let subMessage = APPROVE_MESSAGE[type];
  if (declines) {
    status = "failed";
    subMessage = DECLINE_MESSAGE[type];
  } else if (type !== "tokenization" && s.declineAmountsEnding51 && amount % 100 === 51) {
    status = "failed";
    subMessage = "Insufficient funds";
  } else if (s.rejectAvs.includes(avsCode) || s.rejectCvc.includes(cvcCode)) {
    status = "failed";
    subMessage = "AVS/CVC verification failed";
  }
  const ok = status === "successful";

  let record: CardRecord;
  if (card.kind === "card") {
    record = {
      token: ok ? randomUUID() : "",
      shopId,
      stamp,
      brand: brandOf(card.pan),
      bin: card.pan.slice(0, 6),
      last4: card.pan.slice(-4),
      holder: card.holder,
      expMonth: card.expMonth,
      expYear: card.expYear,
      declines,
    };
    if (ok) state.cards[record.token] = record;
  } else {
    record = saved!;
  }

  const uid = randomUUID();
  const at = now.toISOString();
  const creditCard: JsonObject = {
    holder: record.holder,
    stamp: record.stamp,
    brand: record.brand,
    last_4: record.last4,
    first_1: record.bin.slice(0, 1),
    bin: record.bin,
    issuer_country: "US",
    issuer_name: "VISA Demo Bank",
    product: null,
    exp_month: record.expMonth,
    exp_year: record.expYear,
    token_provider: null,
    token: record.token || null,
  };
  const sub: JsonObject =
    type === "tokenization"
      ? { status, message: subMessage }
      : {
          auth_code: ok ? "654321" : null,
          bank_code: "05",
          rrn: "999",
          ref_id: "777888",
          message: subMessage,
          amount,
          currency,
          billing_descriptor: "test descriptor",
          gateway_id: 477,
          status,
        };
  const view: JsonObject = {
    uid,
    id: uid,
    status,
    message: ok ? "Successfully processed" : DECLINE_MESSAGE[type],
    type,
    payment_method_type: "credit_card",
    amount,
    currency,
    description,
    tracking_id: trackingId,
    test,
    language: text(req.language) ?? "en",
    created_at: at,
    updated_at: at,
    paid_at: ok && type !== "tokenization" ? at : null,
    expired_at: null,
    closed_at: null,
    manually_corrected_at: null,
    recurring_type: null,
    receipt_url: `${ctx.baseUrl}/customer/transactions/${uid}`,
    redirect_url: `${ctx.baseUrl}/process/${uid}`,
    status_code: null,
    credit_card: creditCard,
    [type]: sub,
    avs_cvc_verification: { avs_verification: { result_code: avsCode }, cvc_verification: { result_code: cvcCode } },
    customer: {
      ip: text(customer?.ip) ?? null,
      email: text(customer?.email) ?? null,
      device_id: null,
      birth_date: null,
    },
    billing_address: billing
      ? {
          first_name: text(billing.first_name) ?? null,
          last_name: text(billing.last_name) ?? null,
          address: text(billing.address) ?? null,
          country: text(billing.country) ?? null,
          city: text(billing.city) ?? null,
          zip: text(billing.zip) ?? null,
          state: text(billing.state) ?? null,
          phone: text(billing.phone) ?? null,
        }
      : null,
  };
  const tx: StoredTx = {
    uid,
    shopId,
    type,
    status,
    amount,
    currency,
    trackingId,
    parentUid: null,
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
  sendNotification(req.notification_url, shopId, render(tx), ctx);
  return json(200, { transaction: render(tx) });
}

export function render(tx: StoredTx): JsonObject {
  return { ...tx.view, settled_at: tx.settledAt };
}
