// BluePay client: speaks bp10emu like the official SDKs (form POST, 302 redirect carrying the
// result, RRNO token re-use), signs with TAMPER_PROOF_SEAL, verifies BP_STAMP on replies, and
// inquires through stq (+ bpdailyreport2 for the refunded total). Never retries.
import { detectBrand, last4, maskPan } from "../../card";
import { minorExponent, toMajorString } from "../../money";
import { send, TransportError, type HttpResponse } from "../http";
import { redact, scrubText } from "../redact";
import { fromTransportError, rejected, unknownOutcome } from "../results";
import type {
  BillingDetails,
  CardInput,
  ConnectionTestResult,
  FollowUpInput,
  GatewayAccountConfig,
  GatewayCapabilities,
  GatewayClient,
  GatewayResult,
  InquireInput,
  InquiryResult,
  MaskedCard,
  Money,
  RedactedExchange,
  SaleInput,
  SettlementEntry,
  SettlementListing,
  TokenizeInput,
  TransactionKind,
} from "../types";
import { avsResult, brandOf, cvvResult, refusalFault, statusOf } from "./codes";
import type { BluepayCredentials } from "./credentials";
import { BP10EMU_SEAL_FIELDS, isHashType, REPORT_SEAL_FIELDS, tamperProofSeal, verifyStamp, type HashType } from "./seal";
import {
  DUPLICATE_MESSAGE,
  F_VOID_MEANS_VOIDED,
  INQUIRY_WINDOW_DAYS_AHEAD,
  INQUIRY_WINDOW_DAYS_BACK,
  REQUESTED_STAMP_DEF,
  REQUIRED_STAMP_FIELDS,
  RESPONSE_VERSION,
  SETTLEMENT_ISSUE_LOOKBACK_DAYS,
  STQ_NOT_FOUND,
  TPS_HASH_TYPE,
  UNSTAMPED_ERROR_MESSAGES,
} from "./spec-guesses";
import {
  BP10EMU_PATH,
  DAILY_REPORT_PATH,
  dollarsToMinor,
  EXTRA_REDACT_KEYS,
  parseBp10Reply,
  parseDailyReport,
  parseStqReply,
  reportDate,
  reportDateToIso,
  STQ_PATH,
  type Bp10Reply,
  type Bp10Request,
  type Bp10TransactionType,
  type StqRecord,
} from "./wire";

export const BLUEPAY_CAPABILITIES: GatewayCapabilities = {
  authorize: true,
  capture: true,
  void: "native",
  partialRefund: true,
  asynchronous: false,
  level23: false,
  callbacks: false,
  tokenization: "zero-auth",
  securityCode: true,
  // A $0.00 AUTH stores the card (spec §7.2).
  saveCardOnly: true,
  settlement: "listing",
};

const USER_AGENT = "Keyed BluePay client";
const DAY_MS = 86_400_000;

type Fields = Record<string, string>;

const clean = (fields: Record<string, string | undefined>): Fields =>
  Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ""));

/** A saved card's token is the id of the $0 AUTH that stored it: sent as RRNO, echoed as MASTER_ID. */
const redactFields = (fields: Fields | string, token?: string) => redact(fields, EXTRA_REDACT_KEYS, token ? [token] : []);

function mmyy(card: CardInput): string {
  return `${String(card.expMonth).padStart(2, "0")}${String(card.expYear % 100).padStart(2, "0")}`;
}

function billingFields(b: BillingDetails): Partial<Bp10Request> {
  return {
    NAME1: b.firstName,
    NAME2: b.lastName,
    ADDR1: b.address1,
    ADDR2: b.address2,
    CITY: b.city,
    STATE: b.state,
    ZIPCODE: b.postalCode,
    COUNTRY: b.country,
    EMAIL: b.email,
    PHONE: b.phone,
  };
}

function cardFields(card: CardInput): Partial<Bp10Request> {
  return { PAYMENT_TYPE: "CREDIT", CC_NUM: card.number, CC_EXPIRES: mmyy(card), CVCCVV2: card.cvv || undefined };
}

function maskedFromInput(card: CardInput): MaskedCard {
  return { brand: detectBrand(card.number), last4: last4(card.number), masked: maskPan(card.number), expMonth: card.expMonth, expYear: card.expYear };
}

/** Card details from a reply: PAYMENT_ACCOUNT is 12 x's + last 4, CARD_EXPIRE is MMYY. */
function maskedFromReply(paymentAccount: string, cardType: string, expire: string): MaskedCard | undefined {
  const l4 = /(\d{4})$/.exec(paymentAccount)?.[1];
  if (!l4) return undefined;
  const exp = /^(\d{2})(\d{2})$/.exec(expire);
  return {
    brand: brandOf(cardType),
    last4: l4,
    // scrubText: a reply that echoes the full number must not carry it into the stored card.
    masked: scrubText(paymentAccount.replace(/[xX]/g, "*")),
    expMonth: exp ? Number(exp[1]) : undefined,
    expYear: exp ? 2000 + Number(exp[2]) : undefined,
  };
}

export class BluepayClient implements GatewayClient {
  readonly kind = "bluepay" as const;
  readonly capabilities = BLUEPAY_CAPABILITIES;
  private readonly hashType: HashType = isHashType(TPS_HASH_TYPE) ? TPS_HASH_TYPE : "HMAC_SHA512";

  constructor(
    private readonly config: GatewayAccountConfig,
    private readonly creds: BluepayCredentials,
  ) {}

  private get mode(): "TEST" | "LIVE" {
    return this.config.mode === "live" ? "LIVE" : "TEST";
  }

  private url(path: string): string {
    return `${this.config.baseUrl.replace(/\/+$/, "")}${path}`;
  }

  /** BluePay takes dollars with two decimals; anything else cannot be expressed on the wire. */
  private amountString(money: Money): string | undefined {
    if (minorExponent(money.currency) !== 2 || !Number.isSafeInteger(money.amount) || money.amount < 0) return undefined;
    return toMajorString(money.amount, money.currency);
  }

  // ---- operations ------------------------------------------------------------------------------

  tokenize(input: TokenizeInput): Promise<GatewayResult> {
    // §7.2: a $0.00 AUTH stores the card; its TRANS_ID is the reusable token (RRNO).
    return this.run("tokenize", input.card, {
      TRANSACTION_TYPE: "AUTH",
      AMOUNT: "0.00",
      ...cardFields(input.card),
      ...billingFields(input.billing),
      ORDER_ID: input.orderId,
      CUSTOM_ID2: input.reference,
    });
  }

  sale(input: SaleInput): Promise<GatewayResult> {
    return this.charge("sale", "SALE", input);
  }

  authorize(input: SaleInput): Promise<GatewayResult> {
    return this.charge("auth", "AUTH", input);
  }

  capture(input: FollowUpInput): Promise<GatewayResult> {
    return this.followUp("capture", "CAPTURE", input, true);
  }

  void(input: FollowUpInput): Promise<GatewayResult> {
    // VOID is full-amount only and takes no AMOUNT (§8.3).
    return this.followUp("void", "VOID", input, false);
  }

  refund(input: FollowUpInput): Promise<GatewayResult> {
    return this.followUp("refund", "REFUND", input, true);
  }

  private charge(kind: TransactionKind, type: Bp10TransactionType, input: SaleInput): Promise<GatewayResult> {
    const amount = this.amountString(input.amount);
    if (amount === undefined) return Promise.resolve(this.accountRefusal(`BluePay cannot charge ${input.amount.currency} amounts`));
    const source: Partial<Bp10Request> = input.source.type === "card" ? cardFields(input.source.card) : { RRNO: input.source.token };
    return this.run(kind, input.source.type === "card" ? input.source.card : undefined, {
      TRANSACTION_TYPE: type,
      AMOUNT: amount,
      ...source,
      ...billingFields(input.billing),
      ORDER_ID: input.orderId,
      CUSTOM_ID2: input.reference,
      COMMENT: input.description,
    }, input.source.type === "token" ? input.source.token : undefined);
  }

  private followUp(kind: TransactionKind, type: Bp10TransactionType, input: FollowUpInput, withAmount: boolean): Promise<GatewayResult> {
    const amount = withAmount ? this.amountString(input.amount) : undefined;
    if (withAmount && amount === undefined) return Promise.resolve(this.accountRefusal(`BluePay cannot move ${input.amount.currency} amounts`));
    return this.run(kind, undefined, {
      TRANSACTION_TYPE: type,
      AMOUNT: amount,
      RRNO: input.parent.gatewayTransactionId,
      ORDER_ID: input.parent.orderId,
      CUSTOM_ID2: input.reference,
      COMMENT: input.reason,
    });
  }

  /** Refused before sending: the account's currency is one BluePay cannot carry. */
  private accountRefusal(message: string): GatewayResult {
    return rejected(message, { request: null, response: null }, 0, "merchant");
  }

  // ---- bp10emu exchange ------------------------------------------------------------------------

  private async run(
    kind: TransactionKind,
    card: CardInput | undefined,
    body: Partial<Bp10Request> & Pick<Bp10Request, "TRANSACTION_TYPE">,
    usedToken?: string,
  ): Promise<GatewayResult> {
    const fields = clean({
      MERCHANT: this.creds.accountId,
      MODE: this.mode,
      RESPONSEVERSION: RESPONSE_VERSION,
      TPS_HASH_TYPE: this.hashType,
      BP_STAMP_DEF: REQUESTED_STAMP_DEF,
      ...body,
    });
    fields.TAMPER_PROOF_SEAL = tamperProofSeal(this.creds.secretKey, fields, BP10EMU_SEAL_FIELDS, this.hashType);
    const request = redactFields(fields, usedToken);

    let res: HttpResponse;
    try {
      res = await send({
        url: this.url(BP10EMU_PATH),
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "user-agent": USER_AGENT },
        body: new URLSearchParams(fields).toString(),
        timeoutMs: this.config.timeoutMs,
        redirect: "manual",
      });
    } catch (err) {
      return fromTransportError(err, request);
    }

    const parsed = parseBp10Reply(res);
    const raw: RedactedExchange = {
      request,
      response: parsed.fields ? redactFields(parsed.fields, usedToken) : { status: res.status, body: redactFields(res.text.slice(0, 500), usedToken) },
    };
    if (!parsed.ok) return unknownOutcome(parsed.reason, raw, res.durationMs);
    return this.interpret(kind, parsed.value, parsed.fields, card, usedToken, raw, res.durationMs);
  }

  /** Checks BP_STAMP (§5.4). Returns a reason when the reply cannot be trusted. */
  private stampProblem(reply: Bp10Reply, fields: Record<string, string>): string | undefined {
    if (reply.BP_STAMP === "") return "BluePay's reply was not stamped (BP_STAMP missing)";
    const def = reply.BP_STAMP_DEF.split(" ");
    if (REQUIRED_STAMP_FIELDS.some((f) => !def.includes(f))) return "BluePay's reply stamp does not cover the result";
    const hashType = reply.TPS_HASH_TYPE || this.hashType;
    if (!isHashType(hashType)) return "BluePay's reply names an unknown stamp hash type";
    if (!verifyStamp(this.creds.secretKey, fields, reply.BP_STAMP_DEF, hashType, reply.BP_STAMP)) return "BluePay's reply stamp (BP_STAMP) did not verify";
    return undefined;
  }

  private interpret(
    kind: TransactionKind,
    reply: Bp10Reply,
    fields: Record<string, string>,
    card: CardInput | undefined,
    usedToken: string | undefined,
    raw: RedactedExchange,
    durationMs: number,
  ): GatewayResult {
    const problem = this.stampProblem(reply, fields);
    if (problem) {
      // A refused credential cannot be stamped with a key the gateway could not match (see spec-guesses).
      const credentialRefusal =
        (reply.Result === "ERROR" || reply.Result === "MISSING") && reply.RRNO === "" && (UNSTAMPED_ERROR_MESSAGES as readonly string[]).includes(reply.MESSAGE);
      if (!credentialRefusal) return unknownOutcome(problem, raw, durationMs);
    }

    if (reply.Result === "ERROR" || reply.Result === "MISSING") {
      const message = reply.Result === "MISSING" ? `Missing ${reply.MISSING || "field"}${reply.MESSAGE ? `: ${reply.MESSAGE}` : ""}` : reply.MESSAGE || "BluePay refused the request";
      return rejected(scrubText(message), raw, durationMs, refusalFault(reply.MESSAGE, reply.Result === "MISSING" ? reply.MISSING : ""), reply.Result);
    }
    if (reply.RRNO === "") return unknownOutcome("BluePay's reply carried no transaction id", raw, durationMs);
    if (reply.Result === "APPROVED" && reply.MESSAGE === DUPLICATE_MESSAGE) {
      return {
        ...rejected(`DUPLICATE: BluePay matched an identical earlier transaction (${reply.RRNO}) and did not run this one`, raw, durationMs, "request", "DUPLICATE"),
        extra: { duplicateOf: reply.RRNO },
      };
    }

    const status = statusOf(reply.Result);
    const amountMinor = dollarsToMinor(reply.AMOUNT);
    const extra: Record<string, string> = {};
    if (reply.TRANS_TYPE) extra.transType = reply.TRANS_TYPE;
    if (kind === "refund" && reply.TRANS_TYPE === "VOID") extra.promotedToVoid = "1";
    const result: GatewayResult = {
      status,
      errorKind: status === "declined" ? "declined" : undefined,
      message: scrubText(reply.MESSAGE),
      gatewayCode: reply.Result,
      gatewayTransactionId: reply.RRNO,
      authCode: reply.AUTH_CODE || undefined,
      avs: avsResult(reply.AVS),
      cvv: cvvResult(reply.CVV2),
      card: card ? maskedFromInput(card) : maskedFromReply(reply.PAYMENT_ACCOUNT, reply.CARD_TYPE, reply.CARD_EXPIRE),
      amount: amountMinor === undefined ? undefined : { amount: amountMinor, currency: this.config.currency },
      extra: Object.keys(extra).length ? extra : undefined,
      raw,
      durationMs,
    };
    if (status === "approved" && kind === "tokenize") result.token = reply.RRNO;
    if (status === "approved" && usedToken) result.token = usedToken;
    return result;
  }

  // ---- inquiry (stq + bpdailyreport2) ------------------------------------------------------------

  private reportFields(extra: Record<string, string>, start: string, end: string): Fields {
    const fields = clean({ ACCOUNT_ID: this.creds.accountId, REPORT_START_DATE: start, REPORT_END_DATE: end, MODE: this.mode, TPS_HASH_TYPE: this.hashType, ...extra });
    fields.TAMPER_PROOF_SEAL = tamperProofSeal(this.creds.secretKey, fields, REPORT_SEAL_FIELDS, this.hashType);
    return fields;
  }

  private post(path: string, fields: Fields): Promise<HttpResponse> {
    return send({
      url: this.url(path),
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "user-agent": USER_AGENT },
      body: new URLSearchParams(fields).toString(),
      timeoutMs: this.config.timeoutMs,
    });
  }

  private async stq(filter: Record<string, string>, token?: string) {
    const now = Date.now();
    const fields = this.reportFields(
      { EXCLUDE_ERRORS: "1", IGNORE_NULL_STR: "1", ...filter },
      reportDate(new Date(now - INQUIRY_WINDOW_DAYS_BACK * DAY_MS)),
      reportDate(new Date(now + INQUIRY_WINDOW_DAYS_AHEAD * DAY_MS)),
    );
    const request = redactFields(fields, token);
    const res = await this.post(STQ_PATH, fields);
    const parsed = parseStqReply(res);
    const raw: RedactedExchange = { request, response: parsed.fields ? redactFields(parsed.fields, token) : { status: res.status, body: redactFields(res.text.slice(0, 500), token) } };
    return { parsed, raw, durationMs: res.durationMs };
  }

  /** Sum of approved, un-voided REFUNDs against `id`, from bpdailyreport2. Undefined if unavailable. */
  private async refundedTotal(id: string): Promise<{ minor: number | undefined; durationMs: number }> {
    const now = Date.now();
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const fields = this.reportFields(
      { EXCLUDE_ERRORS: "1", DO_NOT_ESCAPE: "1", RESPONSEVERSION: "2" },
      day(now - INQUIRY_WINDOW_DAYS_BACK * DAY_MS),
      day(now + INQUIRY_WINDOW_DAYS_AHEAD * DAY_MS),
    );
    try {
      const res = await this.post(DAILY_REPORT_PATH, fields);
      const rows = parseDailyReport(res);
      if (!rows) return { minor: undefined, durationMs: res.durationMs };
      let total = 0;
      for (const r of rows) {
        if (r.master_id !== id || r.trans_type !== "REFUND" || r.status !== "1" || r.f_void === "1") continue;
        total += dollarsToMinor(r.amount) ?? 0;
      }
      return { minor: total, durationMs: res.durationMs };
    } catch (err) {
      if (err instanceof TransportError) return { minor: undefined, durationMs: err.durationMs };
      throw err;
    }
  }

  /** bpdailyreport2 over the days issued from a lookback before `from` through `to`: every transaction with its settle_date. */
  async settlements(range: { from: Date; to: Date }): Promise<SettlementListing> {
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    // The report's end day is excluded.
    const fields = this.reportFields(
      { EXCLUDE_ERRORS: "1", DO_NOT_ESCAPE: "1", RESPONSEVERSION: "2" },
      day(range.from.getTime() - SETTLEMENT_ISSUE_LOOKBACK_DAYS * DAY_MS),
      day(range.to.getTime() + DAY_MS),
    );
    let res: HttpResponse;
    try {
      res = await this.post(DAILY_REPORT_PATH, fields);
    } catch (err) {
      if (err instanceof TransportError) return { ok: false, message: `BluePay's transaction report did not answer: ${err.message}` };
      throw err;
    }
    const rows = parseDailyReport(res);
    if (!rows) {
      const refusal = res.status === 400 ? scrubText(res.text.slice(0, 200)) : "";
      return { ok: false, message: refusal ? `BluePay refused the transaction report: ${refusal}` : `BluePay's transaction report was not in the expected format (HTTP ${res.status})` };
    }
    const entries: SettlementEntry[] = [];
    for (const r of rows) {
      const minor = dollarsToMinor(r.amount);
      if (!/^\d{12}$/.test(r.id) || minor === undefined) continue;
      const type = r.trans_type;
      entries.push({
        gatewayTransactionId: r.id,
        reference: r.custom_id2 || undefined,
        kind: type === "SALE" ? "sale" : type === "CAPTURE" ? "capture" : type === "REFUND" || type === "CREDIT" ? "refund" : type === "VOID" ? "void" : type === "AUTH" ? "auth" : "other",
        approved: r.status === "1",
        voided: F_VOID_MEANS_VOIDED && r.f_void === "1",
        amount: { amount: minor, currency: this.config.currency },
        settledAt: reportDateToIso(r.settle_date),
        batch: r.settlement_id || undefined,
      });
    }
    return { ok: true, entries };
  }

  async inquire(input: InquireInput): Promise<InquiryResult> {
    const filter: Fields = input.gatewayTransactionId ? { id: input.gatewayTransactionId } : { custom_id2: input.reference };
    let q: Awaited<ReturnType<BluepayClient["stq"]>>;
    try {
      q = await this.stq(filter, input.token);
    } catch (err) {
      return { ...fromTransportError(err, redactFields(filter)), found: false };
    }
    const { parsed, raw } = q;
    if (!parsed.ok) return { ...unknownOutcome(parsed.reason, raw, q.durationMs), found: false };
    const reply = parsed.value;
    if (reply.kind !== "record") {
      if (STQ_NOT_FOUND.test(reply.message)) {
        return { status: "error", errorKind: "rejected", message: "BluePay has no transaction with that id or reference", raw, durationMs: q.durationMs, found: false };
      }
      return { ...rejected(scrubText(reply.message), raw, q.durationMs, refusalFault(reply.message)), found: false };
    }
    return this.fromRecord(reply.record, raw, q.durationMs, input.token);
  }

  private async fromRecord(rec: StqRecord, raw: RedactedExchange, durationMs: number, token?: string): Promise<InquiryResult> {
    const status = statusOf(rec.status);
    const amountMinor = dollarsToMinor(rec.amount);
    let refundedAmount: number | undefined;
    if (status === "approved" && (rec.trans_type === "SALE" || rec.trans_type === "CAPTURE")) {
      const refunds = await this.refundedTotal(rec.id);
      refundedAmount = refunds.minor;
      durationMs += refunds.durationMs;
    }
    const extra: Record<string, string> = {};
    if (rec.trans_type) extra.transType = rec.trans_type;
    // A charge of a saved card names the token as its master.
    if (rec.master_id && rec.master_id !== token) extra.masterId = rec.master_id;
    return {
      found: true,
      status,
      errorKind: status === "declined" ? "declined" : status === "error" ? "rejected" : undefined,
      message: scrubText(rec.message),
      gatewayCode: rec.status,
      gatewayTransactionId: rec.id,
      authCode: rec.auth_code || undefined,
      avs: avsResult(rec.avs_result),
      cvv: cvvResult(rec.cvv_result),
      card: maskedFromReply(rec.payment_account, rec.card_type, rec.card_expire),
      amount: amountMinor === undefined ? undefined : { amount: amountMinor, currency: this.config.currency },
      extra,
      settled: rec.settle_date !== "" || rec.settlement_id !== "",
      settledAt: reportDateToIso(rec.settle_date),
      voided: F_VOID_MEANS_VOIDED && rec.f_void === "1",
      refundedAmount,
      raw,
      durationMs,
    };
  }

  async testConnection(): Promise<ConnectionTestResult> {
    // A query for an id that cannot exist: harmless, and it proves the seal (credentials) is accepted.
    try {
      const { parsed } = await this.stq({ id: "000000000000" });
      if (!parsed.ok) return { outcome: "error", message: parsed.reason };
      const reply = parsed.value;
      if (reply.kind === "record" || STQ_NOT_FOUND.test(reply.message)) return { outcome: "connected", message: "BluePay accepted the Account ID and Secret Key" };
      if (refusalFault(reply.message) === "merchant") {
        return { outcome: "bad_credentials", message: `BluePay refused the credentials: ${reply.message}` };
      }
      return { outcome: "error", message: scrubText(reply.message) };
    } catch (err) {
      if (err instanceof TransportError) return { outcome: "unreachable", message: err.message };
      throw err;
    }
  }
}
