// One handler per Rover Pay endpoint (spec §5). Every business outcome is HTTP 200 with
// `verified` "1"/"0" (spec §6.1); errors use the §6.2 PROPOSED codes.
import { json, type SimContext, type SimRequest, type SimResponse } from "../types";
import { SIM_ACCOUNTS } from "./accounts";
import { cardTypeOf, DEFAULT_CARD, luhnValid, maskAccount, tokenFor } from "./cards";
import { encodeCcvRec, type CcvFields } from "./ccvrec";
import { level23Errors } from "./level23";
import { APPROVED_TEXT, avsFor, ERRORS, isExpired, paymentRule, TEST_CARDS, validExpiry, VOID_TEXT, type ErrorCode } from "./rules";
import { dayOfYear, mvDate, openBatch, secondsOfDay, type CardFacts, type RoverState, type Txn, type TxnStatus, type VaultAction } from "./state";

type Body = Record<string, unknown>;

/** A request that passed authentication, with its envelope resolved. */
export interface Envelope {
  body: Body;
  entity: string;
  store: string;
  reg: string;
  date: string;
  tran: string;
  invoice: string;
}

class Refusal {
  /** Reply fields beyond the envelope (a processed decline's `level23Errors`). */
  extra: Record<string, string> = {};
  constructor(
    readonly code: ErrorCode,
    readonly message: string = ERRORS[code].message,
    readonly txn?: Txn,
  ) {}
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ── envelope ────────────────────────────────────────────────────────────────────────────────

/** Scalars must be strings (spec §1.1). Missing → "". */
function field(body: Body, name: string): string {
  const v = body[name];
  if (v === undefined || v === null) return "";
  if (typeof v !== "string") throw new Refusal("REQ01", `${name} must be a string`);
  return v.trim();
}

function required(body: Body, name: string): string {
  const v = field(body, name);
  if (v === "") throw new Refusal("REQ01", `${name} is required`);
  return v;
}

function parseDate(raw: string, now: Date): string {
  if (raw === "") return mvDate(now);
  const us = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(raw);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  const parts = us ? [us[3], us[1], us[2]] : iso ? [iso[1], iso[2], iso[3]] : null;
  if (!parts) throw new Refusal("REQ04");
  const d = new Date(Number(parts[0]), Number(parts[1]) - 1, Number(parts[2]));
  if (Number.isNaN(d.getTime()) || d.getMonth() !== Number(parts[1]) - 1) throw new Refusal("REQ04");
  return mvDate(d);
}

export function envelope(rawBody: string, now: Date): Envelope {
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    throw new Refusal("REQ00", "Request body is not valid JSON");
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new Refusal("REQ00", "Request body must be a JSON object");
  const b = body as Body;
  const atoken = required(b, "atoken");
  const entity = required(b, "entity");
  const byToken = SIM_ACCOUNTS.filter((a) => a.atoken === atoken);
  if (byToken.length === 0) throw new Refusal("AUTH01");
  if (!byToken.some((a) => a.entity === entity)) throw new Refusal("ENT01");
  const store = field(b, "store") || "1";
  const reg = field(b, "reg") || "1";
  for (const [name, v] of [["store", store], ["reg", reg], ["tran", field(b, "tran")]] as const) {
    if (v.includes("*")) throw new Refusal("REQ01", `${name} may not contain "*"`);
  }
  return {
    body: b,
    entity,
    store,
    reg,
    date: parseDate(field(b, "date"), now),
    tran: field(b, "tran") || secondsOfDay(now),
    invoice: field(b, "invoice"),
  };
}

// ── shared pieces ───────────────────────────────────────────────────────────────────────────

/** Positive integer cents (sale/auth/final), or any non-zero integer whose |value| is used (refund). */
function amountOf(body: Body, allowNegative: boolean): number {
  const raw = required(body, "amount");
  if (!(allowNegative ? /^-?\d+$/ : /^\d+$/).test(raw)) throw new Refusal("REQ02");
  const n = Math.abs(Number(raw));
  if (n === 0 || !Number.isSafeInteger(n)) throw new Refusal("REQ02");
  return n;
}

function expiryOf(body: Body): string {
  const e = required(body, "expiry");
  if (!validExpiry(e)) throw new Refusal("REQ03");
  return e;
}

/** §5.1 PROPOSED: the card "keyed on the device": X-Sim-Card header, else the reg's next card, else the default. */
function deviceCard(req: SimRequest, state: RoverState, env: Envelope): { pan: string; facts: CardFacts } {
  const key = `${env.entity}*${env.reg}`;
  const header = req.headers["x-sim-card"];
  const spec = header ?? state.nextCard[key] ?? `${DEFAULT_CARD.pan};${DEFAULT_CARD.expiry}`;
  if (header === undefined) delete state.nextCard[key];
  const [panRaw = "", expiry = DEFAULT_CARD.expiry] = spec.split(";").map((s) => s.trim());
  const pan = panRaw.replace(/[\s-]/g, "");
  if (!luhnValid(pan)) throw new Refusal("CRD01");
  if (!validExpiry(expiry)) throw new Refusal("REQ03");
  const type = cardTypeOf(pan);
  const rule = TEST_CARDS[pan];
  const avs = env.body.avs;
  const name = avs && typeof avs === "object" && typeof (avs as Body).name === "string" ? ((avs as Body).name as string) : "";
  return {
    pan,
    facts: {
      masked: maskAccount(pan),
      last4: pan.slice(-4),
      cardType: type.code,
      cardDesc: type.desc,
      expiry,
      name,
      cvv: rule?.cvv ?? "M",
      ...(rule?.declineCode ? { declineCode: rule.declineCode } : {}),
    },
  };
}

function avsObject(body: Body): Record<string, unknown> | undefined {
  const a = body.avs;
  return a && typeof a === "object" && !Array.isArray(a) ? (a as Record<string, unknown>) : undefined;
}

function nextId(state: RoverState, env: Envelope): { id: string; seq: number } {
  const key = `${env.store}*${env.date}*${env.reg}*${env.tran}`;
  const seq = (state.seqs[key] ?? 0) + 1;
  state.seqs[key] = seq;
  return { id: `${key}*${seq}`, seq };
}

function newTxn(state: RoverState, env: Envelope, now: Date, init: Partial<Txn> & Pick<Txn, "action" | "amount" | "card" | "status">): Txn {
  const { id, seq } = nextId(state, env);
  const txn: Txn = {
    id,
    entity: env.entity,
    store: env.store,
    reg: env.reg,
    date: env.date,
    tran: env.tran,
    seq,
    invoice: env.invoice,
    source: "P",
    refunded: 0,
    approved: true,
    errorCode: "",
    message: APPROVED_TEXT,
    batch: openBatch(state, env.entity, env.store),
    settled: false,
    token: "",
    auth: "",
    reference: "",
    avs: "",
    cvv: "",
    parentId: "",
    createdAt: now.toISOString(),
    ...init,
  };
  if (txn.approved) {
    state.counter += 1;
    txn.auth = `PPS${String(100 + (state.counter % 900)).padStart(3, "0")}`;
    txn.reference = `${String(dayOfYear(now)).padStart(3, "0")}${String(state.counter).padStart(9, "0")}`;
  }
  state.txns[id] = txn;
  state.order.push(id);
  return txn;
}

/** A declined attempt is still recorded (it consumes a seq, spec §6.2) so BLINQUIRE finds it. */
function declined(state: RoverState, env: Envelope, now: Date, code: ErrorCode, init: Pick<Txn, "action" | "amount" | "card" | "token" | "avs" | "cvv">): Refusal {
  const txn = newTxn(state, env, now, { ...init, status: "declined", approved: false, errorCode: code, message: ERRORS[code].text ?? ERRORS[code].message });
  return new Refusal(code, ERRORS[code].message, txn);
}

function ccvOf(txn: Txn, overrides: CcvFields = {}): string {
  return encodeCcvRec({
    account: txn.card.masked,
    expiry: txn.card.expiry,
    name: txn.card.name,
    authCode: txn.auth,
    reference: txn.reference,
    msrType: "ENCRYPTED",
    cardType: txn.card.cardType,
    cardDesc: txn.card.cardDesc,
    source: txn.source,
    message: txn.message,
    reqId: txn.approved ? txn.id : "",
    batch: txn.approved && txn.amount !== 0 ? String(txn.batch) : "",
    amount: txn.amount === 0 ? "" : String(txn.amount),
    vaultAction: txn.action,
    token: txn.token,
    vaultFile: "BOLT",
    originalReqId: txn.parentId,
    avs: txn.avs,
    cvv: txn.cvv,
    invoice: txn.invoice,
    ...overrides,
  });
}

function cardFields(txn: Txn) {
  return { cardType: txn.card.cardType, cardDesc: txn.card.cardDesc, name: txn.card.name };
}

function approvedReply(txn: Txn, extra: Record<string, string> = {}): SimResponse {
  return json(200, {
    verified: "1",
    errorCode: "",
    errorMessage: "",
    resultId: txn.id,
    auth: txn.auth,
    reference: txn.reference,
    ...cardFields(txn),
    avsCode: txn.avs,
    cvvCode: txn.cvv,
    ...extra,
    ccvRec: ccvOf(txn),
  });
}

export function refusalReply(r: Refusal): SimResponse {
  return json(200, {
    verified: "0",
    errorCode: r.code,
    errorMessage: r.message,
    resultId: "",
    ...(r.txn ? { ...cardFields(r.txn), avsCode: r.txn.avs, cvvCode: r.txn.cvv } : {}),
    ...r.extra,
    ccvRec: r.txn ? ccvOf(r.txn) : "",
  });
}

export { Refusal };

// ── endpoints ───────────────────────────────────────────────────────────────────────────────

export function tokenize(req: SimRequest, state: RoverState, env: Envelope, now: Date): SimResponse {
  if (env.invoice === "") throw new Refusal("REQ01", "invoice is required");
  const { pan, facts } = deviceCard(req, state, env);
  const token = tokenFor(env.entity, pan);
  const avs = avsFor(avsObject(env.body));
  const base = { action: "TOKEN-NEW" as const, amount: 0, card: facts, token, avs, cvv: facts.cvv };
  if (isExpired(facts.expiry, now)) throw declined(state, env, now, "TOK02", base);
  if (avs === "N" && state.avsDeclineOnMismatch) throw declined(state, env, now, "AVS01", base);
  state.vault[`${env.entity}:${token}`] = { ...facts, entity: env.entity, token, avs };
  const txn = newTxn(state, env, now, { ...base, source: "A", status: "tokenized" });
  return approvedReply(txn, { token, expiry: facts.expiry });
}

/** BLTOKENSALE / BLTOKENAUTH, and BLSALE / BLAUTH when `device` (card keyed on the Bolt device). */
export async function payment(
  req: SimRequest,
  state: RoverState,
  env: Envelope,
  now: Date,
  opts: { capture: boolean; device: boolean },
): Promise<SimResponse> {
  const amount = amountOf(env.body, false);
  // §7: Level 2/3 problems are warnings on a processed payment (approved or declined), never a refusal.
  // BLTOKENAUTH is not among the endpoints that take level23: it is ignored there.
  const warnings = opts.capture || opts.device ? level23Errors(env.body.level23) : [];
  const level23: Record<string, string> = warnings.length ? { level23Errors: warnings.join(",") } : {};
  const decline = (code: ErrorCode, init: Parameters<typeof declined>[4]): Refusal => Object.assign(declined(state, env, now, code, init), { extra: level23 });
  let card: CardFacts;
  let token: string;
  let avs: string;
  let cvv: string;
  let expiry: string;
  if (opts.device) {
    const captured = deviceCard(req, state, env);
    card = captured.facts;
    expiry = card.expiry;
    token = tokenFor(env.entity, captured.pan);
    avs = avsFor(avsObject(env.body));
    cvv = card.cvv;
    state.vault[`${env.entity}:${token}`] = { ...card, entity: env.entity, token, avs };
  } else {
    const ctoken = required(env.body, "ctoken");
    expiry = expiryOf(env.body);
    const entry = state.vault[`${env.entity}:${ctoken}`];
    if (!entry) throw new Refusal("TOK01");
    card = { ...entry, expiry };
    token = ctoken;
    avs = entry.avs;
    cvv = "X"; // §8 PROPOSED: token transactions carry no CVV
  }
  const manual = field(env.body, "manual") === "1" ? "-MANUAL" : "";
  const action: VaultAction = opts.device
    ? ((opts.capture ? `CC-SALE${manual}` : `CC-AUTH${manual}`) as VaultAction)
    : opts.capture
      ? "TOKEN-SALE"
      : "TOKEN-AVS";
  const base = { action, amount, card, token, avs, cvv };
  const rule = paymentRule(amount, expiry, card, now);
  if (rule.kind === "decline") throw decline(rule.code, rule.code === "AVS01" ? { ...base, avs: "N" } : base);
  if (avs === "N" && state.avsDeclineOnMismatch) throw decline("AVS01", base);
  // T11: same (store, reg, date, tran, amount) as an approved sale/auth.
  const dup = Object.values(state.txns).find(
    (t) =>
      t.approved &&
      t.entity === env.entity &&
      t.store === env.store &&
      t.reg === env.reg &&
      t.date === env.date &&
      t.tran === env.tran &&
      t.amount === amount &&
      !t.action.includes("RETURN") &&
      t.action !== "TOKEN-NEW",
  );
  if (dup) throw new Refusal("DUP01", ERRORS.DUP01.message, { ...dup, approved: false, message: ERRORS.DUP01.text ?? "" });
  if (rule.delayMs > 0) await sleep(rule.delayMs);
  const txn = newTxn(state, env, now, { ...base, status: opts.capture ? "captured" : "authorized" });
  return approvedReply(txn, opts.device ? { token, expiry, ...level23 } : level23);
}

function original(state: RoverState, env: Envelope): Txn {
  const reqid = required(env.body, "reqid");
  const orig = state.txns[reqid];
  if (!orig || orig.entity !== env.entity || !orig.approved) throw new Refusal("REF01");
  return orig;
}

const isAuth = (t: Txn) => t.action === "TOKEN-AVS" || t.action.startsWith("CC-AUTH");
const isCapture = (t: Txn) => t.action === "TOKEN-SALE" || t.action.startsWith("CC-SALE") || t.action === "CC-COMPLETE";

export function finalize(state: RoverState, env: Envelope, now: Date): SimResponse {
  const amount = amountOf(env.body, false);
  const auth = original(state, env);
  if (auth.status === "voided") throw new Refusal("REF03");
  if (!isAuth(auth) || auth.status !== "authorized") throw new Refusal("FIN01");
  // The manual allows more than the authorisation only for entitled merchants; the demo is not.
  if (amount > auth.amount) throw new Refusal("REF02", "Amount exceeds the authorized amount");
  auth.status = "finalized";
  const txn = newTxn(state, env, now, {
    action: "CC-COMPLETE",
    amount,
    card: auth.card,
    token: auth.token,
    avs: auth.avs,
    cvv: auth.cvv,
    parentId: auth.id,
    status: "captured",
  });
  return approvedReply(txn);
}

/** §5.3: full amount while the original is unsettled → void; otherwise a refund. */
export function refund(state: RoverState, env: Envelope, now: Date): SimResponse {
  const amount = amountOf(env.body, true);
  const orig = original(state, env);
  if (orig.status === "voided") throw new Refusal("REF03");
  if (!isAuth(orig) && !isCapture(orig)) throw new Refusal("REF01", "Original transaction cannot be refunded");
  if (isAuth(orig) && orig.status !== "authorized") throw new Refusal("REF01", "Authorization was finalized; refund the completion");
  const ctoken = field(env.body, "ctoken");
  if (ctoken && ctoken !== orig.token) throw new Refusal("TOK01", "Token does not match the original transaction");
  const remaining = orig.amount - orig.refunded;
  if (amount > remaining) throw new Refusal("REF02");
  const asVoid = amount === orig.amount && orig.refunded === 0 && !orig.settled;
  if (isAuth(orig) && !asVoid) throw new Refusal("REF02", "An authorization can only be reversed in full");
  const base = { action: "TOKEN-RETURN" as const, amount: -amount, card: orig.card, token: orig.token, avs: "", cvv: "", parentId: orig.id };
  let txn: Txn;
  if (asVoid) {
    orig.status = "voided";
    txn = newTxn(state, env, now, { ...base, source: "V", message: VOID_TEXT, status: "voided" });
  } else {
    orig.refunded += amount;
    orig.status = orig.refunded === orig.amount ? "refunded" : "partially_refunded";
    txn = newTxn(state, env, now, { ...base, status: "captured" });
  }
  return approvedReply(txn);
}

export function inquire(state: RoverState, env: Envelope): SimResponse {
  const reqid = field(env.body, "reqid");
  const reference = field(env.body, "reference");
  const invoice = env.invoice;
  if (!reqid && !reference && !invoice) throw new Refusal("REQ01", "reqid, reference or invoice is required");
  const mine = (t: Txn | undefined): t is Txn => !!t && t.entity === env.entity;
  let found: Txn | undefined;
  if (reqid) found = [state.txns[reqid]].find(mine);
  else {
    // Invoices may repeat (spec §5.6): the latest one wins.
    for (let i = state.order.length - 1; i >= 0 && !found; i--) {
      const t = state.txns[state.order[i] ?? ""];
      if (mine(t) && (reference ? t.reference === reference : t.invoice === invoice)) found = t;
    }
  }
  if (!found) throw new Refusal("INQ01");
  const status: TxnStatus = found.status;
  return json(200, {
    verified: "1",
    errorCode: "",
    errorMessage: "",
    resultId: found.id,
    auth: found.auth,
    reference: found.reference,
    ...cardFields(found),
    token: found.token,
    expiry: found.card.expiry,
    amount: String(found.amount),
    avsCode: found.avs,
    cvvCode: found.cvv,
    simStatus: status,
    simRefunded: String(found.refunded),
    simSettled: found.settled ? "1" : "0",
    // The record describes the inquiry (spec §5.6 [OBS]), with the original's identifiers.
    ccvRec: ccvOf(found, { source: "A", vaultAction: "TRAN-INQ", amount: "0", message: APPROVED_TEXT, reqId: found.id }),
  });
}

// ── simulator control (§9: under /_sim, never used by the production client) ──────────────

export function control(path: string, req: SimRequest, state: RoverState, ctx: SimContext, settle: () => number): SimResponse {
  let body: Body = {};
  try {
    body = req.rawBody ? (JSON.parse(req.rawBody) as Body) : {};
  } catch {
    return json(400, { error: "body must be JSON" });
  }
  if (path === "/_sim/settle") return json(200, { settled: settle() });
  if (path === "/_sim/nextcard") {
    const entity = typeof body.entity === "string" ? body.entity : "";
    const reg = typeof body.reg === "string" ? body.reg : "1";
    const card = typeof body.card === "string" ? body.card : "";
    if (!entity || !card) return json(400, { error: "entity and card are required" });
    state.nextCard[`${entity}*${reg}`] = card;
    ctx.changed();
    return json(200, { ok: true });
  }
  if (path === "/_sim/options") {
    if (typeof body.avsDeclineOnMismatch === "boolean") state.avsDeclineOnMismatch = body.avsDeclineOnMismatch;
    return json(200, { avsDeclineOnMismatch: state.avsDeclineOnMismatch });
  }
  return json(404, { error: "unknown control endpoint" });
}
