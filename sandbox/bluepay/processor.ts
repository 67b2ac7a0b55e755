// Transaction rules shared by bp10emu and bp20post (spec §7, §8): one store, one ID space.
import type { SimAccount } from "./accounts";
import { authCode, cardTypeOf, dollars, expiryProblem, forcedAvs, forcedCvv, issueDate, luhnOk, MAX_LENGTHS, parseAmount, testApproves } from "./rules";
import type { BluepayState, SimTxn, TxnType } from "./state";

/** Behaviour switches for the spec's open questions (§8.3, §7.1 scope). */
export const SIM_OPTIONS = {
  /** Full REFUND of an unsettled SALE/CAPTURE is performed as a VOID (§8.3 VOID promotion). */
  promoteFullRefundToVoid: true,
  /** Partial REFUND of an unsettled transaction is allowed (§9.7: unconfirmed). */
  allowPartialRefundBeforeSettlement: true,
};

/** Canonical request: bp20post-style names, empty strings already dropped. */
export interface TxnRequest {
  type: string;
  mode: string;
  origin: SimTxn["origin"];
  fields: Record<string, string>;
}

export type Outcome = { status: "E"; message: string; missing?: string } | { status: "1" | "0"; txn: SimTxn; duplicate?: boolean };

const TYPES = ["SALE", "AUTH", "CAPTURE", "REFUND", "VOID", "CREDIT", "UPDATE", "REBCANCEL"];

const err = (message: string): Outcome => ({ status: "E", message });

export function process(state: BluepayState, account: SimAccount, req: TxnRequest, now: Date): Outcome {
  const f = req.fields;
  const mode = req.mode === "LIVE" ? "LIVE" : "TEST";
  if (mode === "LIVE" && account.testOnly) return err("Your account is in TEST mode; please contact Bluepay.");
  if (req.type === "") return err("TRANSACTION TYPE REQUIRED");
  if (!TYPES.includes(req.type)) return err("Invalid transaction type.");
  if (req.type === "UPDATE" || req.type === "REBCANCEL") return err(`${req.type} is not supported by this simulator`);
  for (const [name, max] of Object.entries(MAX_LENGTHS)) {
    if ((f[name] ?? "").length > max) return err(`${name} too long`);
  }
  let cents: number | undefined;
  if (f.AMOUNT !== undefined) {
    cents = parseAmount(f.AMOUNT);
    if (cents === undefined) return err("Invalid AMOUNT");
  }
  const type = req.type as TxnType;
  const ctx = { state, account, now, mode, origin: req.origin, f } as const;
  switch (type) {
    case "SALE":
    case "AUTH":
    case "CREDIT":
      return charge(ctx, type, cents);
    case "CAPTURE":
      return capture(ctx, cents);
    case "VOID":
      return voidTxn(ctx, cents);
    case "REFUND":
      return refund(ctx, cents);
  }
}

interface Ctx {
  state: BluepayState;
  account: SimAccount;
  now: Date;
  mode: "TEST" | "LIVE";
  origin: SimTxn["origin"];
  f: Record<string, string>;
}

function find(ctx: Ctx, id: string | undefined): SimTxn | undefined {
  return ctx.state.txns.find((t) => t.id === id && t.accountId === ctx.account.accountId);
}

function newTxn(ctx: Ctx, type: TxnType, base: Partial<SimTxn>): SimTxn {
  const f = ctx.f;
  const txn: SimTxn = {
    id: String(ctx.state.nextId++),
    accountId: ctx.account.accountId,
    type,
    mode: ctx.mode,
    origin: ctx.origin,
    status: "1",
    message: "",
    amountCents: 0,
    authCode: "",
    avs: "",
    cvv2: "",
    pan: "",
    expiry: "",
    cardType: "",
    name1: "",
    name2: "",
    addr1: "",
    addr2: "",
    city: "",
    state: "",
    zip: "",
    country: "",
    email: "",
    phone: "",
    orderId: "",
    invoiceId: "",
    customId: "",
    customId2: "",
    memo: "",
    masterId: "",
    issueDate: issueDate(ctx.now),
    settleDate: "",
    settlementId: "",
    voided: false,
    captured: false,
    refundedCents: 0,
    ...base,
  };
  // Merchant references and memo always come from this request (searchable in stq).
  txn.orderId = f.ORDER_ID ?? txn.orderId;
  txn.invoiceId = f.INVOICE_ID ?? txn.invoiceId;
  txn.customId = f.CUSTOM_ID ?? "";
  txn.customId2 = f.CUSTOM_ID2 ?? "";
  txn.memo = f.MEMO ?? "";
  ctx.state.txns.push(txn);
  return txn;
}

function charge(ctx: Ctx, type: "SALE" | "AUTH" | "CREDIT", cents: number | undefined): Outcome {
  const f = ctx.f;
  if (cents === undefined) return err("Missing AMOUNT");
  if (cents === 0 && type !== "AUTH") return err("Amount may not be zero.");

  let copied: Partial<SimTxn> = {};
  if (f.MASTER_ID !== undefined) {
    const master = find(ctx, f.MASTER_ID);
    // GUESS (§8.4): a declined transaction cannot serve as a token.
    if (!master || master.status !== "1" || master.pan === "") return err("COULD NOT LOCATE ORIGINAL TRANSACTION");
    const { pan, expiry, cardType, name1, name2, addr1, addr2, city, state, zip, country, email, phone } = master;
    copied = { pan, expiry, cardType, name1, name2, addr1, addr2, city, state, zip, country, email, phone, masterId: master.id };
  }
  const pan = f.PAYMENT_ACCOUNT ?? copied.pan ?? "";
  const expiry = f.CARD_EXPIRE ?? copied.expiry ?? "";
  if (pan === "") return err("MISSING PAYMENT ACCOUNT");
  if (!luhnOk(pan)) return err("CARD ACCOUNT NOT VALID");
  if (expiry === "") return err("Expiration date required for CREDIT");
  const expired = expiryProblem(expiry, ctx.now);
  if (expired) return err(expired);
  const cvv = f.CARD_CVV2;
  if (cvv !== undefined && !/^\d{3,4}$/.test(cvv)) return err("Invalid CVV2");

  const pick = (name: string, key: keyof SimTxn) => f[name] ?? (copied[key] as string | undefined) ?? "";
  const person = {
    name1: pick("NAME1", "name1"),
    name2: pick("NAME2", "name2"),
    addr1: pick("ADDR1", "addr1"),
    addr2: pick("ADDR2", "addr2"),
    city: pick("CITY", "city"),
    state: pick("STATE", "state"),
    zip: pick("ZIP", "zip"),
    country: pick("COUNTRY", "country"),
    email: pick("EMAIL", "email"),
    phone: pick("PHONE", "phone"),
  };

  const dup = duplicateOf(ctx, type, cents, pan);
  if (dup) return { status: "1", txn: dup, duplicate: true };

  const approved = cents === 0 || testApproves(cents);
  const label = type === "SALE" ? "Sale" : type === "AUTH" ? "Auth" : "Credit";
  const message = cents === 0 ? "INFORMATION STORED" : approved ? `Approved ${label}` : `Declined ${label}`;
  const txn = newTxn(ctx, type, {
    ...person,
    pan,
    expiry,
    cardType: cardTypeOf(pan),
    masterId: copied.masterId ?? "",
    amountCents: cents,
    status: approved ? "1" : "0",
    message,
    authCode: approved ? authCode() : "",
    avs: forcedAvs(person.addr1),
    cvv2: forcedCvv(person.addr2),
  });
  return { status: txn.status, txn };
}

/** §7.6 GUESS: same account + type + amount + card within the account's window (off when 0). */
function duplicateOf(ctx: Ctx, type: TxnType, cents: number, pan: string): SimTxn | undefined {
  if (ctx.account.duplicateWindowSec <= 0 || ctx.f.DUPLICATE_OVERRIDE === "1") return undefined;
  const since = ctx.now.getTime() - ctx.account.duplicateWindowSec * 1000;
  return ctx.state.txns.find(
    (t) => t.accountId === ctx.account.accountId && t.type === type && t.amountCents === cents && t.pan === pan && Date.parse(`${t.issueDate.slice(0, 19).replace(" ", "T")}Z`) >= since,
  );
}

function referenced(ctx: Ctx, type: string): SimTxn | Outcome {
  const id = ctx.f.MASTER_ID;
  if (id === undefined) return err(`Master ID required for ${type}`);
  const t = find(ctx, id);
  return t ?? err("COULD NOT LOCATE ORIGINAL TRANSACTION");
}

const isOutcome = (v: SimTxn | Outcome): v is Outcome => !("id" in v);

function followUp(ctx: Ctx, type: TxnType, master: SimTxn, cents: number, message: string): Outcome {
  const txn = newTxn(ctx, type, {
    pan: master.pan,
    expiry: master.expiry,
    cardType: master.cardType,
    name1: master.name1,
    name2: master.name2,
    orderId: master.orderId,
    invoiceId: master.invoiceId,
    masterId: master.id,
    amountCents: cents,
    status: "1",
    message,
    authCode: type === "CAPTURE" || type === "VOID" ? master.authCode : authCode(),
  });
  return { status: "1", txn };
}

function capture(ctx: Ctx, cents: number | undefined): Outcome {
  const auth = referenced(ctx, "CAPTURE");
  if (isOutcome(auth)) return auth;
  if (auth.type !== "AUTH") return err("Only AUTH can be CAPTURED");
  if (auth.status !== "1") return err("Need voice auth code to CAPTURE this AUTH");
  if (auth.voided) return err("This AUTH is VOID");
  if (auth.captured) return err("Already Captured");
  if (auth.amountCents === 0) return err("Cannot CAPTURE Zero AUTH");
  const amount = cents ?? auth.amountCents;
  if (amount === 0) return err("Amount may not be zero.");
  // GUESS (§8.1): capturing more than the authorization is refused.
  if (amount > auth.amountCents) return err("CAPTURE amount cannot exceed AUTH amount");
  auth.captured = true;
  return followUp(ctx, "CAPTURE", auth, amount, "Approved Capture");
}

function voidTxn(ctx: Ctx, cents: number | undefined): Outcome {
  const t = referenced(ctx, "VOID");
  if (isOutcome(t)) return t;
  if (t.type === "VOID") return err("VOID cannot be undone");
  if (t.status !== "1") return err("Can only REFUND or VOID approved transactions");
  if (t.voided) return err("Already Voided");
  if (t.type === "AUTH" && t.captured) return err("Cannot VOID a CAPTURED AUTH (void the CAPTURE instead).");
  if (t.settleDate !== "") return err("Cannot VOID a settled transaction.");
  if (cents !== undefined && cents !== t.amountCents) return err("Cannot VOID except for full amount.");
  return performVoid(ctx, t);
}

function performVoid(ctx: Ctx, t: SimTxn): Outcome {
  t.voided = true;
  if (t.type === "REFUND") {
    const master = find(ctx, t.masterId);
    if (master) master.refundedCents -= t.amountCents;
  }
  return followUp(ctx, "VOID", t, t.amountCents, "Approved Void");
}

function refund(ctx: Ctx, cents: number | undefined): Outcome {
  const t = referenced(ctx, "REFUND");
  if (isOutcome(t)) return t;
  if (t.type !== "SALE" && t.type !== "CAPTURE") return err(`Cannot REFUND a ${t.type}`);
  if (t.status !== "1") return err("Can only REFUND or VOID approved transactions");
  if (t.voided) return err("Already Voided");
  const remaining = t.amountCents - t.refundedCents;
  const amount = cents ?? remaining;
  if (amount === 0) return err("Amount may not be zero.");
  if (amount > remaining) return err("Refund/VOID amount cannot exceed original charge amount");
  if (t.settleDate === "") {
    if (SIM_OPTIONS.promoteFullRefundToVoid && amount === t.amountCents && t.refundedCents === 0) return performVoid(ctx, t);
    if (!SIM_OPTIONS.allowPartialRefundBeforeSettlement) return err("Cannot REFUND an unsettled transaction; VOID it instead.");
  }
  t.refundedCents += amount;
  return followUp(ctx, "REFUND", t, amount, "Approved Return");
}

/** Close the batch: approved, unvoided SALE/CAPTURE/REFUND/CREDIT become settled. */
export function settleAll(state: BluepayState, now: Date): number {
  const open = state.txns.filter((t) => t.status === "1" && !t.voided && t.settleDate === "" && ["SALE", "CAPTURE", "REFUND", "CREDIT"].includes(t.type));
  if (open.length === 0) return 0;
  const batch = String(state.nextBatch++);
  const date = issueDate(now).slice(0, 19);
  for (const t of open) {
    t.settleDate = date;
    t.settlementId = batch;
  }
  return open.length;
}

export { dollars };
