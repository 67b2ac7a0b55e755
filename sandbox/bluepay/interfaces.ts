// The wire adapters: bp10emu (302 + Location), bp20post (url-encoded body), stq and bpdailyreport2.
// Each checks the seal, maps its field names onto the canonical request and formats the reply.
import type { SimContext, SimRequest, SimResponse } from "../types";
import { findAccount, type SimAccount } from "./accounts";
import { process, type Outcome } from "./processor";
import { dollars, issueDate } from "./rules";
import { BP10EMU_DEFAULT_TPS, BP20POST_DEFAULT_TPS, DEFAULT_STAMP_DEF, digest, knownHashType, REPORT_DEFAULT_TPS, sealMatches, valuesOf } from "./seal";
import type { BluepayState, SimTxn } from "./state";

/** Form body → fields; empty values count as "not sent" (§4.3). Names upper-cased unless `keepCase`. */
export function formFields(body: string, keepCase = false): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(body)) {
    if (v === "") continue;
    out[keepCase ? k : k.toUpperCase()] = v;
  }
  return out;
}

function sealOk(account: SimAccount, fields: Record<string, string>, defaults: readonly string[]): { ok: boolean; hashType: string } {
  const hashType = fields.TPS_HASH_TYPE ?? account.defaultHashType;
  const seal = fields.TAMPER_PROOF_SEAL;
  if (!seal || !knownHashType(hashType)) return { ok: false, hashType };
  const names = fields.TPS_DEF ? fields.TPS_DEF.split(" ").filter((n) => n !== "" && n !== "SECRET_KEY") : defaults;
  return { ok: sealMatches(account.secretKey, fields, names, hashType, seal), hashType };
}

const maskPan = (pan: string) => (pan ? `${"x".repeat(Math.max(0, pan.length - 4))}${pan.slice(-4)}` : "");

// ---- bp10emu ---------------------------------------------------------------------------------

export function bp10emu(req: SimRequest, state: BluepayState, ctx: SimContext): SimResponse {
  const f = formFields(req.rawBody);
  const now = ctx.now();
  const account = findAccount(f.MERCHANT);
  const sealCheck = account ? sealOk(account, f, BP10EMU_DEFAULT_TPS) : { ok: false, hashType: "" };
  let outcome: Outcome;
  if (!account || !sealCheck.ok) {
    outcome = { status: "E", message: "SECURITY ERROR" };
  } else if (f.PAYMENT_TYPE === "ACH") {
    outcome = { status: "E", message: "ACH is not supported by this simulator" };
  } else {
    let expiry = f.CC_EXPIRES;
    if (!expiry && f.CC_EXPIRES_MONTH && f.CC_EXPIRES_YEAR) expiry = `${f.CC_EXPIRES_MONTH.padStart(2, "0")}${f.CC_EXPIRES_YEAR.slice(-2)}`;
    const [first, ...rest] = (f.NAME ?? "").split(" ");
    const canonical: Record<string, string | undefined> = {
      AMOUNT: f.AMOUNT,
      MASTER_ID: f.RRNO,
      PAYMENT_ACCOUNT: f.CC_NUM,
      CARD_EXPIRE: expiry,
      CARD_CVV2: f.CVCCVV2 ?? f.CVCVV2,
      NAME1: f.NAME1 ?? (first || undefined),
      NAME2: f.NAME2 ?? (rest.join(" ") || undefined),
      ADDR1: f.ADDR1,
      ADDR2: f.ADDR2,
      CITY: f.CITY,
      STATE: f.STATE,
      ZIP: f.ZIPCODE,
      COUNTRY: f.COUNTRY,
      EMAIL: f.EMAIL,
      PHONE: f.PHONE,
      ORDER_ID: f.ORDER_ID,
      INVOICE_ID: f.INVOICE_ID,
      CUSTOM_ID: f.CUSTOM_ID,
      CUSTOM_ID2: f.CUSTOM_ID2,
      MEMO: f.COMMENT,
      DUPLICATE_OVERRIDE: f.DUPLICATE_OVERRIDE,
    };
    const fields = Object.fromEntries(Object.entries(canonical).filter((e): e is [string, string] => e[1] !== undefined));
    outcome = process(state, account, { type: f.TRANSACTION_TYPE ?? "", mode: f.MODE ?? "TEST", origin: "bp10emu", fields }, now);
  }
  if (outcome.status !== "E") ctx.changed();

  const version = Number(f.RESPONSEVERSION ?? "0") || 0;
  const out = bp10Reply(outcome, f, version, now);
  if (account && version >= 1) {
    const hashType = knownHashType(sealCheck.hashType) ? sealCheck.hashType : account.defaultHashType;
    const def = f.BP_STAMP_DEF ?? DEFAULT_STAMP_DEF;
    out.TPS_HASH_TYPE = hashType;
    out.BP_STAMP_DEF = def;
    out.BP_STAMP = digest(account.secretKey, valuesOf(out, def.split(" ").filter(Boolean)), hashType).toUpperCase();
  }
  const result = out.Result;
  const target = (result === "APPROVED" ? f.APPROVED_URL : result === "DECLINED" ? f.DECLINED_URL : f.MISSING_URL) ?? `${ctx.baseUrl}/interfaces/wlcatch`;
  const location = `${target}${target.includes("?") ? "&" : "?"}${new URLSearchParams(out).toString()}`;
  return { status: 302, headers: { location, "content-type": "text/html" }, body: "" };
}

function bp10Reply(outcome: Outcome, req: Record<string, string>, version: number, now: Date): Record<string, string> {
  if (outcome.status === "E") {
    const out: Record<string, string> = { Result: "ERROR", RRNO: "", MESSAGE: outcome.message, AUTH_CODE: "", AVS: "", CVV2: "" };
    if (version >= 1) Object.assign(out, { STATUS: "E", TRANS_ID: "", ID: "", FANCY_STATUS: "Error", ISSUE_DATE: issueDate(now), MODE: req.MODE ?? "TEST" });
    return out;
  }
  const t = outcome.txn;
  const result = t.status === "1" ? "APPROVED" : "DECLINED";
  const out: Record<string, string> = {
    Result: result,
    RRNO: t.id,
    MESSAGE: outcome.duplicate ? "DUPLICATE" : t.message,
    AUTH_CODE: t.authCode,
    AVS: t.avs,
    CVV2: t.cvv2,
    PAYMENT_ACCOUNT: maskPan(t.pan),
    CARD_TYPE: t.cardType,
    CARD_EXPIRE: t.expiry,
    BANK_NAME: "NETWORK ONLY",
    PAYMENT_TYPE: "CREDIT",
    AMOUNT: dollars(t.amountCents),
    ORDER_ID: t.orderId,
    INVOICE_ID: t.invoiceId,
    REBID: "",
  };
  if (version >= 1) {
    Object.assign(out, {
      STATUS: t.status,
      TRANS_ID: t.id,
      ID: t.id,
      TRANS_TYPE: t.type,
      FANCY_STATUS: t.status === "1" ? "Approved" : "Declined",
      CVV2_STATUS: req.CVCCVV2 ? "1" : "",
      ISSUE_DATE: t.issueDate,
      MODE: t.mode,
      FLAGS: t.mode === "TEST" ? "T" : "",
      ORIGIN: t.origin,
      MEMO: t.memo,
      NAME1: t.name1,
      NAME2: t.name2,
      CUSTOM_ID: t.customId,
      CUSTOM_ID2: t.customId2,
      MASTER_ID: t.masterId,
      ORIG_IS_SETTLED: "0",
    });
  }
  return out;
}

// ---- bp20post --------------------------------------------------------------------------------

/**
 * Most STATUS=E replies come with HTTP 400, but a recorded "Expiration date required for CREDIT"
 * came with HTTP 200 (zburke/omnipay-bluepay tests/Mock/AuthFailure.txt; lib/gateways/bluepay/fixtures).
 */
const ANSWERED_WITH_200 = /^Expiration date required/;

export function bp20post(req: SimRequest, state: BluepayState, ctx: SimContext): SimResponse {
  const f = formFields(req.rawBody);
  const account = findAccount(f.ACCOUNT_ID);
  let outcome: Outcome;
  if (!account || !sealOk(account, f, BP20POST_DEFAULT_TPS).ok) {
    outcome = { status: "E", message: "SECURITY ERROR" };
  } else if ((f.PAYMENT_TYPE ?? "CREDIT") !== "CREDIT") {
    outcome = { status: "E", message: `${f.PAYMENT_TYPE} is not supported by this simulator` };
  } else {
    const { TRANS_TYPE, MODE, ...rest } = f;
    outcome = process(state, account, { type: TRANS_TYPE ?? "SALE", mode: MODE ?? "TEST", origin: "bp20post", fields: rest }, ctx.now());
  }
  const headers = { "content-type": "text/html; charset=ISO-8859-1" };
  if (outcome.status === "E") {
    const body = new URLSearchParams({ TRANS_ID: "", STATUS: "E", AVS: "", CVV2: "", MESSAGE: outcome.message, AUTH_CODE: "", REBID: "", TRANS_TYPE: "" });
    return { status: ANSWERED_WITH_200.test(outcome.message) ? 200 : 400, headers, body: body.toString() };
  }
  ctx.changed();
  const t = outcome.txn;
  const version = Number(f.VERSION ?? "0") || 0;
  const out: Record<string, string> = {
    TRANS_ID: t.id,
    STATUS: t.status,
    AVS: t.avs,
    CVV2: t.cvv2,
    MESSAGE: outcome.duplicate ? "DUPLICATE" : t.message,
    AUTH_CODE: t.authCode,
    REBID: "",
    TRANS_TYPE: t.type,
  };
  if (version >= 1) Object.assign(out, { PAYMENT_ACCOUNT_MASK: maskPan(t.pan), CARD_TYPE: t.cardType });
  if (version >= 2) out.BIN = t.pan.slice(0, 6);
  if (version >= 3) Object.assign(out, { BANK_NAME: "NETWORK ONLY", CARD_COUNTRY: "USA", BINDATA: "" });
  return { status: 200, headers, body: new URLSearchParams(out).toString() };
}

// ---- reports: stq and bpdailyreport2 -------------------------------------------------------

const RECORD_FIELDS = [
  "id", "payment_type", "trans_type", "amount", "card_type", "payment_account", "order_id", "invoice_id", "custom_id", "custom_id2",
  "master_id", "status", "f_void", "message", "origin", "issue_date", "settle_date", "rebilling_id", "settlement_id", "card_expire",
  "bank_name", "addr1", "addr2", "city", "state", "zip", "phone", "email", "auth_code", "name1", "name2", "company_name", "memo",
  "backend_id", "remote_ip", "avs_result", "cvv_result",
] as const;

function record(t: SimTxn): Record<(typeof RECORD_FIELDS)[number], string> {
  return {
    id: t.id, payment_type: "CREDIT", trans_type: t.type, amount: dollars(t.amountCents), card_type: t.cardType,
    payment_account: maskPan(t.pan), order_id: t.orderId, invoice_id: t.invoiceId, custom_id: t.customId, custom_id2: t.customId2,
    master_id: t.masterId, status: t.status, f_void: t.voided ? "1" : "", message: t.message, origin: t.origin,
    issue_date: t.issueDate.slice(0, 19), settle_date: t.settleDate, rebilling_id: "", settlement_id: t.settlementId,
    card_expire: t.expiry, bank_name: "NETWORK ONLY", addr1: t.addr1, addr2: t.addr2, city: t.city, state: t.state, zip: t.zip,
    phone: t.phone, email: t.email, auth_code: t.authCode, name1: t.name1, name2: t.name2, company_name: "", memo: t.memo,
    backend_id: "", remote_ip: "", avs_result: t.avs, cvv_result: t.cvv2,
  };
}

type ReportAuth = { ok: true; account: SimAccount; start: string; end: string; mode: string } | { ok: false; message: string };

function reportAuth(f: Record<string, string>): ReportAuth {
  const account = findAccount(f.ACCOUNT_ID);
  if (!account || !sealOk(account, f, REPORT_DEFAULT_TPS).ok) return { ok: false, message: "SECURITY ERROR" };
  if (!f.REPORT_START_DATE) return { ok: false, message: "Missing REPORT_START_DATE" };
  if (!f.REPORT_END_DATE) return { ok: false, message: "Missing REPORT_END_DATE" };
  // Both report interfaces default to LIVE data.
  return { ok: true, account, start: f.REPORT_START_DATE, end: f.REPORT_END_DATE, mode: f.MODE === "TEST" ? "TEST" : "LIVE" };
}

const stqError = (message: string): SimResponse => ({
  status: 400,
  headers: { "content-type": "text/html; charset=ISO-8859-1" },
  body: new URLSearchParams({ STATUS: "E", MESSAGE: message }).toString(),
});

/** stq: the most recent transaction matching every filter given (GUESS on "most recent" and the not-found reply). */
export function stq(req: SimRequest, state: BluepayState): SimResponse {
  const raw = formFields(req.rawBody, true);
  const upper = Object.fromEntries(Object.entries(raw).map(([k, v]) => [/^[a-z0-9_]+$/.test(k) ? k : k.toUpperCase(), v]));
  const auth = reportAuth(upper);
  if (!auth.ok) return stqError(auth.message);
  const filters = RECORD_FIELDS.filter((k) => upper[k] !== undefined);
  const matches = state.txns
    .filter((t) => t.accountId === auth.account.accountId && t.mode === auth.mode)
    .map(record)
    .filter((r) => r.issue_date >= auth.start && r.issue_date <= auth.end)
    .filter((r) => filters.every((k) => r[k] === upper[k]));
  const hit = matches[matches.length - 1];
  if (!hit) return stqError("No records found");
  return { status: 200, headers: { "content-type": "text/html; charset=ISO-8859-1" }, body: new URLSearchParams(hit).toString() };
}

/** bpdailyreport2: CSV, header line first; dates are days, the end day excluded. */
export function dailyReport(req: SimRequest, state: BluepayState): SimResponse {
  const f = formFields(req.rawBody);
  const auth = reportAuth(f);
  if (!auth.ok) return { status: 400, headers: { "content-type": "text/plain" }, body: auth.message };
  const noEscape = f.DO_NOT_ESCAPE === "1";
  const cell = (v: string) => (noEscape ? v.replace(/[,"]/g, "") : v.replace(/,/g, "\\,"));
  const rows = state.txns
    .filter((t) => t.accountId === auth.account.accountId && t.mode === auth.mode)
    .map(record)
    .filter((r) => r.issue_date.slice(0, 10) >= auth.start.slice(0, 10) && r.issue_date.slice(0, 10) < auth.end.slice(0, 10))
    .map((r) => RECORD_FIELDS.map((k) => cell(r[k])).join(","));
  return { status: 200, headers: { "content-type": "text/plain" }, body: [RECORD_FIELDS.join(","), ...rows].join("\n") + "\n" };
}
