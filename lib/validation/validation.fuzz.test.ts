// Property-based tests over every zod schema in lib/validation: hostile input never throws, an
// accepted value always satisfies the schema's invariants, every rejection names a field with a
// message a person can act on, prototype keys change nothing, and huge strings are refused quickly.
import { readdirSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldErrorsOf } from "../action-result";
import { calendarDay } from "./dates";
import { ROLES } from "../auth/roles";
import { containsCardNumber, cvvLengthFor, detectBrand, luhnValid, notExpired, parseExpiry, validLengthForBrand } from "../card";
import { COUNTRY_CODES } from "../countries";
import { GATEWAY_KINDS } from "../gateways/types";
import { CURRENCIES, minorExponent, parseMajor, toMajorString } from "../money";
import {
  brandedPan,
  expectCleanPrototype,
  expectHumanIssues,
  hostileString,
  hostileValue,
  huge,
  luhnPan,
  PROTO_KEYS,
  RUNS,
  timed,
  withPrototypeKeys,
} from "../testing/fuzz";
import { changePasswordSchema, isCommonPassword, newPasswordSchema } from "./account";
import {
  auditFilterSchema,
  changeRoleSchema,
  createUserSchema,
  gatewayAccountSchema,
  merchantSettingsSchema,
  resetPasswordSchema,
  resetMfaSchema,
  setUserActiveSchema,
  TIMEOUT_SECONDS,
  userIdSchema,
} from "./admin";
import { signInSchema, totpCodeSchema } from "./auth";
import { customerSchema, customerSearchSchema, duplicateQuerySchema, removeCardSchema } from "./customer";
import { historyFiltersSchema } from "./history";
import { receiptEmailSchema, SMTP_SECURITY, smtpSettingsSchema, testEmailSchema } from "./mail";
import { CODE_CATEGORIES, DEFAULT_RISK_RULES, RISK_ACTIONS } from "../risk-rules";
import { acknowledgeRiskSchema, MAX_REPEAT_WINDOW_SECONDS, riskSettingsSchema } from "./risk";
import { approveOverrideSchema, cardAttemptsSchema, MAX_CARD_ATTEMPTS, MAX_DAILY_MINOR, MAX_REFUND_COUNT, spendingLimitSchema } from "./limits";
import { changeScheduleSchema, createScheduleSchema, MAX_EVERY, MAX_PAYMENTS, RECURRING_ENDS, RECURRING_UNITS, SCHEDULE_STATUSES, scheduleActionSchema, scheduleFiltersSchema } from "./recurring";
import { dashboardPeriodSchema, daysBetween, MAX_DASHBOARD_DAYS } from "./dashboard";
import { MAX_SETTLEMENT_DAYS, settlementReportSchema } from "./settlement-report";
import { level23Schema, MAX_LEVEL3_ITEMS } from "./level23";
import { amountSchema, billingSchema, captureSchema, newCardSchema, paymentSourceSchema, refundReasonSchema, refundSchema, saleSchema, saveCardSchema, voidSchema } from "./payment";

type Input = Record<string, unknown>;

interface SchemaCase {
  name: string;
  /** `zod` or `zod/mini`. */
  schema: z.core.$ZodType;
  /** An input the schema accepts: the invariants below must be reachable, or the test proves nothing. */
  valid: () => Input;
  /** Near-miss values per field, tried alongside fully hostile ones. */
  fields: Record<string, fc.Arbitrary<unknown>>;
  /** Holds for every accepted output. */
  check: (out: unknown) => void;
}

function defineCase<S extends z.core.$ZodType>(c: { name: string; schema: S; valid: () => Input; fields?: Record<string, fc.Arbitrary<unknown>>; check: (out: z.output<S>) => void }): SchemaCase {
  return { ...c, fields: c.fields ?? {}, check: (out) => c.check(out as z.output<S>) };
}

// ---- invariants ---------------------------------------------------------------------------------

function text(value: unknown, min: number, max: number, trimmed = true): void {
  expect(typeof value).toBe("string");
  const s = value as string;
  expect(s.length).toBeGreaterThanOrEqual(min);
  expect(s.length).toBeLessThanOrEqual(max);
  if (trimmed) expect(s).toBe(s.trim());
  if (trimmed && min > 0) expect(s.length).toBeGreaterThan(0);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function realDay(day: string): boolean {
  const d = new Date(`${day}T00:00:00Z`);
  return DAY.test(day) && !Number.isNaN(d.getTime()) && d.toISOString().startsWith(day);
}

/** Output objects are plain, carry no own prototype keys and nothing the schema did not declare. */
function expectPlain(value: unknown): void {
  if (value === null || typeof value !== "object") return;
  if (Array.isArray(value)) return value.forEach(expectPlain);
  expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  expect(Object.hasOwn(value, "__proto__")).toBe(false);
  expect((value as Input).polluted).toBeUndefined();
  expect((value as Input).isAdmin).toBeUndefined();
  Object.values(value).forEach(expectPlain);
}

function checkAmount(value: unknown, limits: { currency: string; maxAmount: number }): void {
  expect(typeof value).toBe("string");
  const parsed = parseMajor(value as string, limits.currency);
  expect(parsed.ok).toBe(true);
  if (!parsed.ok) return;
  expect(Number.isSafeInteger(parsed.minor)).toBe(true);
  expect(parsed.minor).toBeGreaterThan(0);
  expect(parsed.minor).toBeLessThanOrEqual(limits.maxAmount);
  const decimals = (value as string).trim().replace(/[\s,]/g, "").split(".")[1] ?? "";
  expect(decimals.length).toBeLessThanOrEqual(minorExponent(limits.currency));
}

function checkBilling(b: z.output<typeof billingSchema>): void {
  text(b.firstName, 1, 60);
  text(b.lastName, 1, 60);
  text(b.address1, 1, 120);
  text(b.address2, 0, 120);
  text(b.city, 1, 60);
  text(b.state, 0, 60);
  text(b.postalCode, 1, 16);
  expect(b.postalCode).toMatch(/^[A-Za-z0-9 -]+$/);
  expect(b.country).toMatch(/^[A-Z]{2}$/);
  expect(COUNTRY_CODES).toContain(b.country);
  if (b.email !== "") {
    text(b.email, 3, 254);
    expect(b.email).toMatch(EMAIL);
  }
  if (b.phone !== "") {
    text(b.phone, 5, 30);
    expect(b.phone).toMatch(/^[+()\d\s.-]{5,}$/);
  }
}

function checkCard(c: z.output<typeof newCardSchema>): void {
  expect(c.number).toMatch(/^\d{12,19}$/);
  expect(luhnValid(c.number)).toBe(true);
  expect(validLengthForBrand(c.number)).toBe(true);
  const exp = parseExpiry(c.expiry);
  expect(exp).not.toBeNull();
  expect(exp!.month).toBeGreaterThanOrEqual(1);
  expect(exp!.month).toBeLessThanOrEqual(12);
  expect(notExpired(exp!.month, exp!.year)).toBe(true);
  expect(c.cvv).toMatch(new RegExp(`^\\d{${cvvLengthFor(detectBrand(c.number))}}$`));
  text(c.holderName, 1, 80);
  expect(typeof c.save).toBe("boolean");
}

// ---- near-miss field generators -------------------------------------------------------------------

const year = new Date().getUTCFullYear();
const validBilling = (): Input => ({
  firstName: "Pat",
  lastName: "Doe",
  address1: "1 Main Street",
  address2: "",
  city: "Springfield",
  state: "IL",
  postalCode: "62701",
  country: "us",
  email: "pat@example.com",
  phone: "+1 (555) 010-0000",
});
const validCard = (): Input => ({ number: "4111 1111 1111 1111", expiry: `12/${String(year + 2).slice(2)}`, cvv: "123", holderName: "Pat Doe", save: true });

const around = (max: number) =>
  fc.oneof(
    fc.string({ maxLength: max + 5 }),
    fc.constantFrom("", "   ", "\t\n", "a".repeat(max), "a".repeat(max + 1), ` ${"b".repeat(max)} `, "\u00a0".repeat(3)),
    hostileString(max + 10),
  );

const amountText = fc.oneof(
  fc.integer({ min: -1_000_000, max: 2_000_000_000 }).map(String),
  fc.double().map(String),
  fc.tuple(fc.nat(99_999), fc.nat(9999)).map(([a, b]) => `${a}.${b}`),
  fc.tuple(fc.nat(99_999), fc.nat(99)).map(([a, b]) => `${a}.${String(b).padStart(2, "0")}`),
  fc.constantFrom("1,000.00", " 12.5 ", "12.", ".5", "-0.01", "0", "0.00", "1e3", "0x10", "12.345", "99999999999999", "1 000", "١٢", "１２", "12,50", "+5", "0.001", "00000000000000000001"),
  hostileString(30),
);

const cardNumber = fc.oneof(
  luhnPan(),
  brandedPan().map((p) => p.pan),
  brandedPan().map((p) => p.pan.replace(/(\d{4})/g, "$1 ").trim()),
  brandedPan().map((p) => `${p.pan.slice(0, -1)}${(Number(p.pan.at(-1)) + 1) % 10}`),
  fc.stringMatching(/^\d{0,25}$/),
  hostileString(40),
);
const expiryText = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 99 })).map(([m, y]) => `${String(m).padStart(2, "0")}/${String(y).padStart(2, "0")}`),
  fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1990, max: 2200 })).map(([m, y]) => `${m}/${y}`),
  hostileString(12),
);
const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^\\d{${min},${max}}$`));
const country = fc.oneof(fc.constantFrom(...COUNTRY_CODES), fc.constantFrom(...COUNTRY_CODES).map((c) => ` ${c.toLowerCase()} `), fc.stringMatching(/^[A-Za-z]{1,3}$/), hostileString(5));
const email = fc.oneof(fc.emailAddress(), fc.constantFrom("a@b", "@", "a@b.c", "a..b@c.com", "a@b..com", " A@B.COM ", `${"a".repeat(250)}@b.com`), hostileString(40));
const uuid = fc.oneof(fc.uuid(), fc.uuid().map((u) => u.toUpperCase()), fc.uuid().map((u) => `${u}x`), hostileString(40));
const dayText = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(
    ([y, m, d]) => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`,
  ),
  fc.date({ noInvalidDate: true, min: new Date("1900-01-01"), max: new Date("2200-01-01") }).map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom("", "  ", "2026-02-29", "2024-02-29", "2026-1-1"),
  hostileString(12),
);
const password = fc.oneof(fc.string({ minLength: 10, maxLength: 210 }), fc.constantFrom("password1234", "PASSWORD1234 ", "aaaaaaaaaaaa", "correct horse battery staple"), hostileString(220));

const validLevel23 = (): Input => ({
  include: true,
  poNumber: "PO-30100",
  taxAmount: "0.80",
  taxExempt: false,
  orderDate: "2026-04-27",
  shipToZip: "92614",
  shipFromZip: "85284",
  shipToCountry: "US",
  items: [
    { description: "Blue widget", productCode: "WIDGET-100", quantity: "2", unit: "EA", unitPrice: "5.00", taxAmount: "0.80" },
    { description: "Ground shipping", quantity: "1", unitPrice: "1.50", taxAmount: "0" },
  ],
});
const level3Item = fc.record(
  {
    description: around(40),
    productCode: around(20),
    quantity: fc.oneof(digits(1, 6), fc.constantFrom("0", "1", "99999", "100000", " 2 ", "1.5", "-1"), hostileString(6)),
    unit: around(12),
    unitPrice: amountText,
    taxAmount: fc.oneof(amountText, fc.constantFrom("0", "0.00", "0.80")),
  },
  { requiredKeys: [] },
);

/** Level 2/3 data: amounts in range, the tax rules of Rover Pay's spec §7 hold on every accepted output. */
function checkLevel23(d: z.output<ReturnType<typeof level23Schema>>, limits: { currency: string; maxAmount: number }): void {
  if (d === undefined) return;
  expect(Number.isSafeInteger(d.taxAmount)).toBe(true);
  expect(d.taxAmount).toBeGreaterThanOrEqual(0);
  expect(d.taxAmount).toBeLessThanOrEqual(limits.maxAmount);
  expect(d.taxExempt ? d.taxAmount === 0 : d.taxAmount > 0).toBe(true);
  if (d.poNumber !== undefined) text(d.poNumber, 1, 25);
  if (!d.order) return;
  const { order } = d;
  expect(realDay(order.orderDate)).toBe(true);
  expect(COUNTRY_CODES).toContain(order.shipToCountry);
  if (order.shipToCountry === "US") {
    expect(order.shipToPostalCode).toMatch(/^\d{5}(-?\d{4})?$/);
    expect(order.shipFromPostalCode).toMatch(/^\d{5}(-?\d{4})?$/);
  } else {
    for (const zip of [order.shipToPostalCode, order.shipFromPostalCode]) {
      expect(zip).toMatch(/^[A-Za-z0-9 -]{1,10}$/);
      expect(zip).toBe(zip.trim());
    }
  }
  expect(order.items.length).toBeGreaterThan(0);
  expect(order.items.length).toBeLessThanOrEqual(MAX_LEVEL3_ITEMS);
  expect(order.items.reduce((sum, i) => sum + i.taxAmount, 0)).toBe(d.taxAmount);
  for (const item of order.items) {
    text(item.description, 1, 40);
    text(item.unitOfMeasure, 1, 12);
    if (item.productCode !== undefined) text(item.productCode, 1, 20);
    expect(Number.isInteger(item.quantity) && item.quantity >= 1 && item.quantity <= 99_999).toBe(true);
    expect(item.netAmount).toBe(item.quantity * item.unitCost);
    expect(item.netAmount).toBeLessThanOrEqual(limits.maxAmount);
    expect(item.taxAmount).toBeGreaterThanOrEqual(0);
  }
}

// ---- the schemas ----------------------------------------------------------------------------------

const USD = { currency: "USD", maxAmount: 500_000 };
const JPY = { currency: "JPY", maxAmount: 1_000_000 };

const CASES: SchemaCase[] = [
  ...[USD, JPY].map((limits) =>
    defineCase({
      name: `level23.level23Schema(${limits.currency})`,
      schema: level23Schema(limits),
      valid: () => (limits.currency === "JPY" ? { ...validLevel23(), taxAmount: "80", items: [{ description: "Widget", quantity: "2", unitPrice: "500", taxAmount: "80" }] } : validLevel23()),
      fields: {
        include: fc.constantFrom(true, false, "true", 1),
        poNumber: around(25),
        taxAmount: fc.oneof(amountText, fc.constantFrom("", "0", "0.80", "1.60")),
        taxExempt: fc.oneof(fc.boolean(), fc.constantFrom("Y", 1)),
        orderDate: dayText,
        shipToZip: fc.oneof(fc.constantFrom("92614", "92614-1234", "926141234", "9261", "SW1A 1AA", ""), around(10)),
        shipFromZip: fc.oneof(fc.constantFrom("85284", "8528", ""), around(10)),
        shipToCountry: country,
        items: fc.oneof(fc.array(level3Item, { maxLength: 3 }), fc.constant(Array.from({ length: MAX_LEVEL3_ITEMS + 1 }, () => ({ description: "x", quantity: "1", unitPrice: "1", taxAmount: "0" })))),
      },
      check: (d) => checkLevel23(d, limits),
    }),
  ),
  defineCase({
    name: "payment.billingSchema",
    schema: billingSchema,
    valid: validBilling,
    fields: { firstName: around(60), address1: around(120), postalCode: around(16), country, email, phone: around(30) },
    check: checkBilling,
  }),
  defineCase({
    name: "payment.newCardSchema",
    schema: newCardSchema,
    valid: validCard,
    fields: { number: cardNumber, expiry: expiryText, cvv: digits(0, 5), holderName: around(80) },
    check: checkCard,
  }),
  defineCase({
    name: "payment.paymentSourceSchema",
    schema: paymentSourceSchema,
    valid: () => ({ type: "new", card: validCard() }),
    fields: { type: fc.constantFrom("new", "saved", "card", "__proto__"), paymentMethodId: around(64), card: fc.constant(validCard()) },
    check: (p) => (p.type === "saved" ? text(p.paymentMethodId, 1, 64, false) : checkCard(p.card)),
  }),
  ...[USD, JPY].map((limits) =>
    defineCase({
      name: `payment.saleSchema(${limits.currency})`,
      schema: saleSchema({ ...limits, level23: true }),
      valid: () => ({
        idempotencyKey: "3b241101-e2bb-4255-8caf-4136c566a962",
        gatewayAccountId: "acct_1",
        intent: "sale",
        amount: "12",
        orderId: "A-1",
        description: "Phone order",
        billing: validBilling(),
        payment: { type: "new", card: validCard() },
      }),
      fields: {
        idempotencyKey: uuid,
        amount: amountText,
        orderId: around(40),
        description: around(200),
        intent: fc.constantFrom("sale", "auth", "refund", "SALE"),
        level23: fc.constantFrom(undefined, { include: false }, { include: true, taxAmount: "1.00" }, { include: true, taxExempt: true }),
      },
      check: (s) => {
        expect(s.idempotencyKey).toMatch(UUID);
        text(s.gatewayAccountId, 1, 64, false);
        text(s.customerId, 0, 64, false);
        expect(["sale", "auth"]).toContain(s.intent);
        checkAmount(s.amount, limits);
        text(s.orderId, 0, 40);
        text(s.description, 0, 200);
        checkBilling(s.billing);
        if (s.payment.type === "new") checkCard(s.payment.card);
        else text(s.payment.paymentMethodId, 1, 64, false);
        checkLevel23(s.level23, limits);
      },
    }),
  ),
  ...[true, false].map((securityCode) =>
    defineCase({
      name: `payment.saveCardSchema(${securityCode ? "with" : "without"} a security code)`,
      schema: saveCardSchema({ securityCode }),
      valid: () => ({ idempotencyKey: "3b241101-e2bb-4255-8caf-4136c566a962", gatewayAccountId: "acct_1", billing: validBilling(), card: validCard() }),
      fields: { idempotencyKey: uuid, gatewayAccountId: around(64), customerId: around(64) },
      check: (v) => {
        expect(v.idempotencyKey).toMatch(UUID);
        text(v.gatewayAccountId, 1, 64, false);
        text(v.customerId, 0, 64, false);
        checkBilling(v.billing);
        if (securityCode) checkCard(v.card);
        else expect(v.card.cvv).toBe("");
      },
    }),
  ),
  defineCase({
    name: "payment.refundSchema",
    schema: refundSchema(USD),
    valid: () => ({ idempotencyKey: "3b241101-e2bb-4255-8caf-4136c566a962", transactionId: "tx_1", amount: "5.00", reason: "Returned" }),
    fields: { idempotencyKey: uuid, amount: amountText, reason: around(200), transactionId: around(64) },
    check: (r) => {
      expect(r.idempotencyKey).toMatch(UUID);
      text(r.transactionId, 1, 64, false);
      checkAmount(r.amount, USD);
      text(r.reason, 1, 200);
    },
  }),
  defineCase({
    name: "payment.captureSchema",
    schema: captureSchema(USD),
    valid: () => ({ idempotencyKey: "3b241101-e2bb-4255-8caf-4136c566a962", transactionId: "tx_1", amount: "5" }),
    fields: { idempotencyKey: uuid, amount: amountText, transactionId: around(64) },
    check: (r) => {
      expect(r.idempotencyKey).toMatch(UUID);
      text(r.transactionId, 1, 64, false);
      checkAmount(r.amount, USD);
    },
  }),
  defineCase({
    name: "payment.voidSchema",
    schema: voidSchema,
    valid: () => ({ idempotencyKey: "3b241101-e2bb-4255-8caf-4136c566a962", transactionId: "tx_1" }),
    fields: { idempotencyKey: uuid, transactionId: around(64) },
    check: (r) => {
      expect(r.idempotencyKey).toMatch(UUID);
      text(r.transactionId, 1, 64, false);
    },
  }),
  defineCase({
    name: "risk.acknowledgeRiskSchema",
    schema: acknowledgeRiskSchema,
    valid: () => ({ transactionId: "tx_1" }),
    fields: { transactionId: around(64) },
    check: (r) => text(r.transactionId, 1, 64, false),
  }),
  ...[USD, JPY].map((limits) =>
    defineCase({
      name: `limits.spendingLimitSchema(${limits.currency})`,
      schema: spendingLimitSchema(limits),
      valid: () => ({ scope: "role", subject: "clerk", currency: limits.currency, maxSale: "500", maxDaily: "", maxRefundCount: "3", maxRefundDaily: "" }),
      fields: {
        scope: fc.constantFrom("role", "user", "team", "", null),
        subject: around(64),
        currency: fc.oneof(fc.constantFrom(...CURRENCIES), fc.stringMatching(/^[A-Za-z]{0,4}$/)),
        maxSale: fc.oneof(amountText, fc.constant("")),
        maxDaily: fc.oneof(amountText, fc.constant("")),
        maxRefundDaily: fc.oneof(amountText, fc.constant("")),
        maxRefundCount: fc.oneof(fc.integer({ min: -5, max: MAX_REFUND_COUNT + 5 }).map(String), fc.constantFrom("", " 3 ", "1.5", "1e3", "abc", "0")),
      },
      check: (l) => {
        expect(["role", "user"]).toContain(l.scope);
        text(l.subject, 1, 64, false);
        expect(l.currency).toMatch(/^[A-Z]{3}$/);
        const amount = (v: number | null, max: number) => {
          if (v === null) return;
          expect(Number.isSafeInteger(v)).toBe(true);
          expect(v).toBeGreaterThan(0);
          expect(v).toBeLessThanOrEqual(max);
        };
        amount(l.maxSale, limits.maxAmount);
        amount(l.maxDaily, MAX_DAILY_MINOR);
        amount(l.maxRefundDaily, MAX_DAILY_MINOR);
        amount(l.maxRefundCount, MAX_REFUND_COUNT);
      },
    }),
  ),
  defineCase({
    name: "limits.cardAttemptsSchema",
    schema: cardAttemptsSchema,
    valid: () => ({ perHour: "5" }),
    fields: { perHour: fc.oneof(fc.integer({ min: -5, max: MAX_CARD_ATTEMPTS + 5 }).map(String), fc.constantFrom("", " 7 ", "1.5", "-0", "abc", "0", "0005")) },
    check: (c) => {
      if (c.perHour === null) return;
      expect(Number.isInteger(c.perHour)).toBe(true);
      expect(c.perHour).toBeGreaterThan(0);
      expect(c.perHour).toBeLessThanOrEqual(MAX_CARD_ATTEMPTS);
    },
  }),
  defineCase({
    name: "limits.approveOverrideSchema",
    schema: approveOverrideSchema,
    valid: () => ({ overrideId: "ov_1" }),
    fields: { overrideId: around(64) },
    check: (r) => text(r.overrideId, 1, 64, false),
  }),
  defineCase({
    name: "risk.riskSettingsSchema",
    schema: riskSettingsSchema,
    valid: () => ({ accountId: "acct_1", rules: DEFAULT_RISK_RULES, repeatWindowSeconds: "120", confirmVoidMost: false }),
    fields: {
      accountId: around(64),
      rules: fc.oneof(
        fc.record({ avs: fc.record(Object.fromEntries(CODE_CATEGORIES.map((c) => [c, fc.constantFrom(...RISK_ACTIONS, "block", "", null)]))), cvv: fc.constant(DEFAULT_RISK_RULES.cvv) }),
        fc.constantFrom(null, {}, "void"),
      ),
      repeatWindowSeconds: fc.oneof(fc.integer({ min: -5, max: MAX_REPEAT_WINDOW_SECONDS + 5 }), fc.constantFrom("0", "120", "-1", "1.5", "1e3", " 90 ", "", "abc", 1.5, NaN, Infinity)),
      confirmVoidMost: fc.constantFrom(true, false, "true", 1, null, undefined),
    },
    check: (r) => {
      text(r.accountId, 1, 64, false);
      for (const check of ["avs", "cvv"] as const) for (const c of CODE_CATEGORIES) expect(RISK_ACTIONS).toContain(r.rules[check][c]);
      expect(Number.isInteger(r.repeatWindowSeconds)).toBe(true);
      expect(r.repeatWindowSeconds).toBeGreaterThanOrEqual(0);
      expect(r.repeatWindowSeconds).toBeLessThanOrEqual(MAX_REPEAT_WINDOW_SECONDS);
      expect(typeof r.confirmVoidMost).toBe("boolean");
    },
  }),
  defineCase({
    name: "auth.signInSchema",
    schema: signInSchema,
    valid: () => ({ email: "clerk@example.com", password: "secret" }),
    fields: { email, password, code: fc.oneof(digits(0, 8), fc.constantFrom(" 123456 ", "abcde-fghij"), hostileString(30)) },
    check: (s) => {
      text(s.email, 3, 254);
      expect(s.email).toMatch(EMAIL);
      text(s.password, 1, 200, false);
      if (s.code !== undefined) text(s.code, 0, 20);
    },
  }),
  defineCase({
    name: "auth.totpCodeSchema",
    schema: totpCodeSchema,
    valid: () => ({ code: "123456" }),
    fields: { code: fc.oneof(digits(0, 8), fc.constantFrom(" 123456 ", "12345a", "１２３４５６"), hostileString(12)) },
    check: (r) => expect(r.code).toMatch(/^\d{6}$/),
  }),
  defineCase({
    name: "mail.receiptEmailSchema",
    schema: receiptEmailSchema,
    valid: () => ({ transactionId: "tx_1", to: "jane@example.com" }),
    fields: { transactionId: around(64), to: email },
    check: (r) => {
      text(r.transactionId, 1, 64);
      text(r.to, 3, 254);
      expect(r.to).toMatch(EMAIL);
      expect(containsCardNumber(r.to)).toBe(false);
    },
  }),
  defineCase({
    name: "mail.testEmailSchema",
    schema: testEmailSchema,
    valid: () => ({ to: "admin@example.com" }),
    fields: { to: email },
    check: (r) => expect(r.to).toMatch(EMAIL),
  }),
  defineCase({
    name: "mail.smtpSettingsSchema",
    schema: smtpSettingsSchema,
    valid: () => ({ host: "smtp.example.com", port: "587", security: "starttls", user: "keyed", password: "", from: "receipts@example.com" }),
    fields: {
      host: fc.oneof(fc.domain(), fc.constantFrom("[::1]", "127.0.0.1", "smtp example.com", "smtp.example.com/", ""), hostileString(260)),
      port: fc.oneof(fc.integer({ min: -10, max: 70_000 }), digits(0, 6), fc.constantFrom("25 ", "5e2", "0x19", 1.5)),
      security: fc.constantFrom(...SMTP_SECURITY, "ssl", "TLS", ""),
      user: around(254),
      password: around(500),
      from: email,
    },
    check: (r) => {
      expect(r.host).toMatch(/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/);
      text(r.host, 1, 253);
      expect(Number.isInteger(r.port) && r.port >= 1 && r.port <= 65_535).toBe(true);
      expect(SMTP_SECURITY).toContain(r.security);
      text(r.user, 0, 254);
      expect(r.password.length).toBeLessThanOrEqual(500);
      expect(r.from).toMatch(EMAIL);
    },
  }),
  defineCase({
    name: "account.changePasswordSchema",
    schema: changePasswordSchema,
    valid: () => ({ currentPassword: "old password 1", newPassword: "a much better passphrase", confirmPassword: "a much better passphrase" }),
    fields: { currentPassword: password, newPassword: password, confirmPassword: password },
    check: (c) => {
      text(c.currentPassword, 1, 200, false);
      text(c.newPassword, 12, 200, false);
      expect(isCommonPassword(c.newPassword)).toBe(false);
      expect(c.confirmPassword).toBe(c.newPassword);
      expect(c.newPassword).not.toBe(c.currentPassword);
    },
  }),
  defineCase({
    name: "admin.gatewayAccountSchema",
    schema: gatewayAccountSchema,
    valid: () => ({
      label: "Main",
      kind: "bluepay",
      mode: "test",
      baseUrl: "https://gateway.example/",
      currency: "USD",
      maxAmount: "5000.00",
      timeoutSeconds: "30",
      isDefault: false,
      credentials: { accountId: "100200300400" },
    }),
    fields: {
      label: around(80),
      kind: fc.constantFrom(...GATEWAY_KINDS, "stripe", "__proto__"),
      baseUrl: fc.oneof(fc.webUrl(), fc.constantFrom("javascript:alert(1)", "file:///etc/passwd", "ftp://x", "http://", "//evil.test"), hostileString(50)),
      currency: fc.constantFrom(...CURRENCIES, "XXX", "usd", "BHD"),
      maxAmount: amountText,
      timeoutSeconds: fc.oneof(fc.integer({ min: -5, max: 200 }).map(String), fc.constantFrom("0", "1.5", "1e2", "120", "121", "0001"), hostileString(10)),
      credentials: fc.oneof(fc.dictionary(fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.string()), fc.string()), fc.constant(withPrototypeKeys({ a: "b" }))),
    },
    check: (g) => {
      text(g.label, 1, 80);
      expect(GATEWAY_KINDS).toContain(g.kind);
      expect(["test", "live"]).toContain(g.mode);
      expect(["http:", "https:"]).toContain(new URL(g.baseUrl).protocol);
      expect(CURRENCIES).toContain(g.currency);
      expect(Number.isSafeInteger(g.maxAmount) && g.maxAmount > 0).toBe(true);
      expect(g.timeoutMs % 1000).toBe(0);
      expect(g.timeoutMs).toBeGreaterThanOrEqual(TIMEOUT_SECONDS.min * 1000);
      expect(g.timeoutMs).toBeLessThanOrEqual(TIMEOUT_SECONDS.max * 1000);
      expect(Object.values(g.credentials).every((v) => typeof v === "string")).toBe(true);
    },
  }),
  defineCase({
    name: "admin.createUserSchema",
    schema: createUserSchema,
    valid: () => ({ name: "Sam Clerk", email: "Sam@Example.com", role: "clerk", passwordMode: "set", password: "a long enough passphrase" }),
    fields: { name: around(100), email, role: fc.constantFrom(...ROLES, "owner", "ADMIN", "__proto__"), passwordMode: fc.constantFrom("set", "generate", "none"), password },
    check: (u) => {
      text(u.name, 1, 100);
      text(u.email, 3, 254);
      expect(u.email).toBe(u.email.toLowerCase());
      expect(u.email).toMatch(EMAIL);
      expect(ROLES).toContain(u.role);
      if (u.passwordMode === "set") expect(newPasswordSchema.safeParse(u.password).success).toBe(true);
    },
  }),
  defineCase({
    name: "admin.resetPasswordSchema",
    schema: resetPasswordSchema,
    valid: () => ({ userId: "u_1", passwordMode: "generate" }),
    fields: { userId: around(64), passwordMode: fc.constantFrom("set", "generate"), password },
    check: (r) => {
      text(r.userId, 1, 64, false);
      if (r.passwordMode === "set") expect(newPasswordSchema.safeParse(r.password).success).toBe(true);
    },
  }),
  defineCase({
    name: "admin.changeRoleSchema",
    schema: changeRoleSchema,
    valid: () => ({ userId: "u_1", role: "manager" }),
    fields: { userId: around(64), role: fc.constantFrom(...ROLES, "root", "__proto__", "constructor") },
    check: (r) => {
      text(r.userId, 1, 64, false);
      expect(ROLES).toContain(r.role);
    },
  }),
  defineCase({
    name: "admin.resetMfaSchema",
    schema: resetMfaSchema,
    valid: () => ({ userId: "u_1" }),
    fields: { userId: around(64) },
    check: (r) => text(r.userId, 1, 64, false),
  }),
  defineCase({
    name: "admin.setUserActiveSchema",
    schema: setUserActiveSchema,
    valid: () => ({ userId: "u_1", active: true }),
    fields: { userId: around(64), active: fc.constantFrom(true, false, "true", 1, null) },
    check: (r) => {
      text(r.userId, 1, 64, false);
      expect(typeof r.active).toBe("boolean");
    },
  }),
  defineCase({
    name: "admin.merchantSettingsSchema",
    schema: merchantSettingsSchema,
    valid: () => ({ merchantName: "Corner Shop", timeZone: "Europe/Minsk", clerkMfa: "required" }),
    fields: {
      merchantName: around(100),
      merchantAddress: around(200),
      merchantPhone: fc.oneof(fc.constantFrom("+1 (555) 010-0199", "4111 1111 1111 1111", "call me"), around(30)),
      timeZone: fc.oneof(fc.constantFrom("UTC", "America/New_York", "Mars/Olympus", "utc", "+05:00", "Etc/GMT+5"), hostileString(40)),
      clerkMfa: fc.constantFrom("required", "optional", "off", "", null),
      receiptEmails: fc.constantFrom("manual", "automatic", "always", "", undefined, null),
    },
    check: (m) => {
      expect(["manual", "automatic"]).toContain(m.receiptEmails);
      text(m.merchantName, 1, 100);
      text(m.merchantAddress, 0, 200);
      text(m.merchantPhone, 0, 30);
      expect(m.merchantPhone).toMatch(/^[+\d\s().-]*$/);
      expect(["required", "optional"]).toContain(m.clerkMfa);
      expect(() => new Intl.DateTimeFormat("en-US", { timeZone: m.timeZone })).not.toThrow();
    },
  }),
  defineCase({
    name: "admin.auditFilterSchema",
    schema: auditFilterSchema,
    valid: () => ({ actor: "admin@example.com", action: "auth.sign_in", from: "2026-01-01", to: "2026-01-31" }),
    fields: { actor: around(254), action: around(100), from: dayText, to: dayText },
    check: (f) => {
      if (f.actor !== undefined) text(f.actor, 0, 254);
      if (f.action !== undefined) text(f.action, 0, 100);
      for (const d of [f.from, f.to]) if (d !== undefined) expect(realDay(d), `accepted date ${d}`).toBe(true);
      if (f.from && f.to) expect(f.from <= f.to).toBe(true);
    },
  }),
  defineCase({
    name: "customer.customerSchema",
    schema: customerSchema,
    valid: () => ({ ...validBilling(), company: "Acme" }),
    fields: { firstName: around(60), country, email, phone: around(30), company: around(120), postalCode: around(16) },
    check: (c) => {
      checkBilling(c);
      text(c.company, 0, 120);
    },
  }),
  defineCase({
    name: "customer.customerSearchSchema",
    schema: customerSearchSchema,
    valid: () => ({ q: "doe" }),
    fields: { q: around(100) },
    check: (s) => text(s.q, 0, 100),
  }),
  defineCase({
    name: "customer.duplicateQuerySchema",
    schema: duplicateQuerySchema,
    valid: () => ({ firstName: "Ivan", lastName: "Petrov", email: "ivan@example.com", phone: "+375 29 000 0000" }),
    fields: { firstName: around(60), lastName: around(60), email: around(254), phone: around(30) },
    check: (d) => {
      text(d.firstName, 0, 60);
      text(d.lastName, 0, 60);
      text(d.email, 0, 254);
      text(d.phone, 0, 30);
    },
  }),
  defineCase({
    name: "customer.removeCardSchema",
    schema: removeCardSchema,
    valid: () => ({ customerId: "c_1", paymentMethodId: "pm_1" }),
    fields: { customerId: around(64), paymentMethodId: around(64) },
    check: (r) => {
      text(r.customerId, 1, 64, false);
      text(r.paymentMethodId, 1, 64, false);
    },
  }),
  defineCase({
    name: "history.historyFiltersSchema",
    schema: historyFiltersSchema,
    valid: () => ({ range: "last7", from: "2026-01-01", to: "2026-01-31", status: "approved", kind: "sale", min: "1.00", max: "20", last4: "1111", order: "A-1", q: "doe" }),
    fields: {
      range: fc.constantFrom("today", "last7", "forever", ""),
      from: dayText,
      to: dayText,
      status: fc.constantFrom("approved", "voided", "hacked", " "),
      min: amountText,
      max: amountText,
      last4: fc.oneof(digits(0, 6), hostileString(6)),
      order: around(40),
      q: around(100),
      account: around(64),
    },
    check: (f) => {
      for (const d of [f.from, f.to]) if (d !== undefined) expect(realDay(d)).toBe(true);
      if (f.from && f.to) expect(f.from <= f.to).toBe(true);
      for (const a of [f.min, f.max]) if (a !== undefined) expect(parseMajor(a, "USD").ok).toBe(true);
      if (f.min && f.max) expect((parseMajor(f.min, "USD") as { minor: number }).minor).toBeLessThanOrEqual((parseMajor(f.max, "USD") as { minor: number }).minor);
      if (f.last4 !== undefined) expect(f.last4).toMatch(/^\d{4}$/);
      if (f.order !== undefined) text(f.order, 1, 40);
      if (f.q !== undefined) text(f.q, 2, 100);
      for (const id of [f.account, f.user, f.customer]) if (id !== undefined) text(id, 1, 64);
    },
  }),
  defineCase({
    name: "dashboard.dashboardPeriodSchema",
    schema: dashboardPeriodSchema,
    valid: () => ({ range: "last7", from: "2026-01-01", to: "2026-01-31" }),
    fields: { range: fc.constantFrom("today", "last30", "forever", "", " "), from: dayText, to: dayText },
    check: (p) => {
      for (const d of [p.from, p.to]) if (d !== undefined) expect(realDay(d)).toBe(true);
      expect(p.from === undefined).toBe(p.to === undefined);
      if (p.from && p.to) {
        expect(p.from <= p.to).toBe(true);
        expect(daysBetween(p.from, p.to)).toBeLessThanOrEqual(MAX_DASHBOARD_DAYS);
      }
    },
  }),
  defineCase({
    name: "recurring.createScheduleSchema",
    schema: createScheduleSchema(USD),
    valid: () => ({
      idempotencyKey: "3b241101-e2bb-4255-8caf-4136c566a962",
      customerId: "c_1",
      paymentMethodId: "pm_1",
      amount: "25.00",
      startDate: "2027-01-31",
      unit: "month",
      every: "1",
      endKind: "count",
      endCount: "12",
      endDate: "",
      description: "Membership",
    }),
    fields: {
      idempotencyKey: uuid,
      amount: amountText,
      startDate: dayText,
      endDate: dayText,
      unit: fc.constantFrom("week", "month", "year", "day", ""),
      every: fc.oneof(digits(0, 4), fc.constantFrom("0", "-1", "1.5", " 2 ")),
      endKind: fc.constantFrom("never", "count", "until", "forever"),
      endCount: fc.oneof(digits(0, 5), fc.constantFrom("0", "-3")),
      description: around(200),
    },
    check: (v) => {
      expect(v.idempotencyKey).toMatch(UUID);
      text(v.customerId, 1, 64, false);
      text(v.paymentMethodId, 1, 64, false);
      checkAmount(v.amount, USD);
      expect(realDay(v.startDate)).toBe(true);
      expect(RECURRING_UNITS).toContain(v.unit);
      expect(Number(v.every)).toBeGreaterThanOrEqual(1);
      expect(Number(v.every)).toBeLessThanOrEqual(MAX_EVERY);
      expect(RECURRING_ENDS).toContain(v.endKind);
      if (v.endKind === "count") expect(Number(v.endCount) >= 1 && Number(v.endCount) <= MAX_PAYMENTS).toBe(true);
      if (v.endKind === "until") expect(realDay(v.endDate) && v.endDate >= v.startDate).toBe(true);
      text(v.description, 0, 200);
    },
  }),
  defineCase({
    name: "recurring.changeScheduleSchema",
    schema: changeScheduleSchema(USD),
    valid: () => ({ scheduleId: "s_1", amount: "30", nextDate: "2027-02-01" }),
    fields: { scheduleId: around(64), amount: amountText, nextDate: dayText },
    check: (v) => {
      text(v.scheduleId, 1, 64, false);
      expect(v.amount !== "" || v.nextDate !== "").toBe(true);
      if (v.amount) checkAmount(v.amount, USD);
      if (v.nextDate) expect(realDay(v.nextDate)).toBe(true);
    },
  }),
  defineCase({
    name: "recurring.scheduleActionSchema",
    schema: scheduleActionSchema,
    valid: () => ({ scheduleId: "s_1", action: "pause" }),
    fields: { scheduleId: around(64), action: fc.constantFrom("pause", "resume", "cancel", "charge", "") },
    check: (v) => {
      text(v.scheduleId, 1, 64, false);
      expect(["pause", "resume", "cancel"]).toContain(v.action);
    },
  }),
  defineCase({
    name: "recurring.scheduleFiltersSchema",
    schema: scheduleFiltersSchema,
    valid: () => ({ status: "active", due: "7", customer: "c_1" }),
    fields: { status: fc.constantFrom(...SCHEDULE_STATUSES, "deleted", ""), due: fc.constantFrom("7", "30", "365", ""), customer: around(64) },
    check: (f) => {
      if (f.status !== undefined) expect(SCHEDULE_STATUSES).toContain(f.status);
      if (f.due !== undefined) expect(["7", "30"]).toContain(f.due);
      if (f.customer !== undefined) text(f.customer, 0, 64);
    },
  }),
  defineCase({
    name: "settlement-report.settlementReportSchema",
    schema: settlementReportSchema,
    valid: () => ({ account: "acct_1", from: "2026-01-01", to: "2026-01-31" }),
    fields: { account: around(64), from: dayText, to: dayText },
    check: (p) => {
      if (p.account !== undefined) text(p.account, 1, 64);
      for (const d of [p.from, p.to]) if (d !== undefined) expect(realDay(d)).toBe(true);
      expect(p.from === undefined).toBe(p.to === undefined);
      if (p.from && p.to) {
        expect(p.from <= p.to).toBe(true);
        expect(daysBetween(p.from, p.to)).toBeLessThanOrEqual(MAX_SETTLEMENT_DAYS);
      }
    },
  }),
];

/** Scalar schemas (not objects) are covered by their own properties below. */
const SCALAR_SCHEMAS = new Set(["newPasswordSchema", "userIdSchema", "amountSchema", "refundReasonSchema", "calendarDay"]);

// ---- properties -----------------------------------------------------------------------------------

/** Paths of every string leaf of a valid input, e.g. ["billing", "city"]. */
function stringPaths(value: Input, prefix: string[] = []): string[][] {
  return Object.entries(value).flatMap(([k, v]) =>
    typeof v === "string" ? [[...prefix, k]] : v && typeof v === "object" && !Array.isArray(v) ? stringPaths(v as Input, [...prefix, k]) : [],
  );
}

function setPath(value: Input, path: string[], leaf: unknown): Input {
  const [head, ...rest] = path as [string, ...string[]];
  return { ...value, [head]: rest.length === 0 ? leaf : setPath(value[head] as Input, rest, leaf) };
}

function expectRejectionIsUsable(error: z.ZodError): void {
  expectHumanIssues(error, { pathRequired: true });
  const fields = fieldErrorsOf(error);
  for (const [key, message] of Object.entries(fields)) {
    expect(key).not.toBe("");
    expect(message.trim()).not.toBe("");
  }
}

describe.each(CASES)("$name", (c) => {
  it("accepts its valid example, and the output satisfies the invariants", () => {
    const parsed = z.safeParse(c.schema, c.valid());
    expect(parsed.error?.issues ?? []).toEqual([]);
    c.check(parsed.data);
    expectPlain(parsed.data);
  });

  it("never throws on hostile field values; accepted output keeps the invariants, rejections name a field", () => {
    const keys = [...new Set([...Object.keys(c.valid()), ...Object.keys(c.fields)])];
    const field = (k: string) => (c.fields[k] ? fc.oneof({ weight: 3, arbitrary: c.fields[k] }, hostileValue()) : hostileValue());
    const mutation = fc
      .subarray(keys, { minLength: 1 })
      .chain((ks) => fc.tuple(...ks.map((k) => field(k).map((v) => [k, v] as const))))
      .map((pairs) => ({ ...c.valid(), ...Object.fromEntries(pairs) }));
    fc.assert(
      fc.property(mutation, fc.boolean(), (input, addProtoKeys) => {
        const parsed = z.safeParse(c.schema, addProtoKeys ? withPrototypeKeys(input) : input);
        if (parsed.success) {
          c.check(parsed.data);
          expectPlain(parsed.data);
        } else {
          expectRejectionIsUsable(parsed.error);
        }
        expectCleanPrototype();
      }),
      { numRuns: RUNS.schema },
    );
  });

  it("refuses any non-object input with a message, without throwing", () => {
    fc.assert(
      fc.property(fc.oneof(hostileValue(), fc.array(hostileValue(), { maxLength: 3 })), (input) => {
        fc.pre(input === null || typeof input !== "object" || Array.isArray(input));
        const parsed = z.safeParse(c.schema, input);
        expect(parsed.success).toBe(false);
        if (!parsed.success) expectHumanIssues(parsed.error, { pathRequired: false });
      }),
      { numRuns: 100 },
    );
  });

  it("ignores prototype-pollution keys in a JSON body", () => {
    const input = withPrototypeKeys(c.valid());
    expect(Object.hasOwn(input, "__proto__")).toBe(true);
    const parsed = z.safeParse(c.schema, input);
    expectCleanPrototype();
    expect(parsed.success).toBe(true);
    c.check(parsed.data);
    expectPlain(parsed.data);
  });

  it.each(stringPaths(c.valid()).map((p) => [p.join("."), p] as const))("refuses a 1 MB %s quickly, next to that field", (_name, path) => {
    for (const unit of ["9", "a@a.", "4111 ", " "]) {
      const { value: parsed, ms } = timed(() => z.safeParse(c.schema, setPath(c.valid(), path, huge(1 << 20, unit))));
      expect(ms, `${JSON.stringify(unit)} × 1 MB took ${ms.toFixed(0)} ms`).toBeLessThan(500);
      if (parsed.success) {
        // Only blank input may pass, trimmed away to nothing: an optional field left empty.
        expect(unit, `1 MB of ${JSON.stringify(unit)} accepted at ${path.join(".")}`).toBe(" ");
        c.check(parsed.data);
      } else {
        expectRejectionIsUsable(parsed.error);
        expect(parsed.error.issues.some((i) => i.path.join(".") === path.join("."))).toBe(true);
      }
    }
  });
});

describe("amountSchema", () => {
  it.each([USD, JPY, { currency: "BHD", maxAmount: 10_000_000 }])("accepts every amount from the smallest unit up to the limit ($currency)", (limits) => {
    const schema = amountSchema(limits);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: limits.maxAmount }), (minor) => {
        const typed = toMajorString(minor, limits.currency);
        const parsed = z.safeParse(schema, typed);
        expect(parsed.success).toBe(true);
        expect(parseMajor(typed, limits.currency)).toEqual({ ok: true, minor });
      }),
      { numRuns: RUNS.schema },
    );
  });

  it.each([USD, JPY])("refuses zero, negatives, over-limit, extra decimals and junk with a clear message ($currency)", (limits) => {
    const schema = amountSchema(limits);
    fc.assert(
      fc.property(amountText, (typed) => {
        const parsed = z.safeParse(schema, typed);
        if (parsed.success) checkAmount(parsed.data, limits);
        else expectHumanIssues(parsed.error, { pathRequired: false });
      }),
      { numRuns: RUNS.schema },
    );
    for (const typed of ["0", "0.00", "-1", "-0.01", toMajorString(limits.maxAmount + 1, limits.currency), "1.001", "1e3", "12abc", "", "NaN"]) {
      const parsed = z.safeParse(schema, typed);
      expect(parsed.success, typed).toBe(false);
    }
  });
});

describe("scalar schemas", () => {
  it("newPasswordSchema: accepted passwords are 12–200 characters and not common", () => {
    fc.assert(
      fc.property(fc.oneof(password, hostileValue()), (p) => {
        const parsed = newPasswordSchema.safeParse(p);
        if (parsed.success) {
          text(parsed.data, 12, 200, false);
          expect(isCommonPassword(parsed.data)).toBe(false);
        } else expectHumanIssues(parsed.error, { pathRequired: false });
      }),
      { numRuns: RUNS.schema },
    );
  });

  it("refundReasonSchema: accepted reasons are 1–200 characters, trimmed, with no card number in them", () => {
    const withCard = fc.tuple(fc.string({ maxLength: 20 }), fc.constantFrom("4111 1111 1111 1111", "5555555555554444", "3782-822463-10005")).map(([a, pan]) => `${a} ${pan}`);
    fc.assert(
      fc.property(fc.oneof(around(200), withCard, hostileValue()), (reason) => {
        const parsed = refundReasonSchema.safeParse(reason);
        if (parsed.success) {
          text(parsed.data, 1, 200);
          expect(containsCardNumber(parsed.data)).toBe(false);
        } else expectHumanIssues(parsed.error, { pathRequired: false });
      }),
      { numRuns: RUNS.schema },
    );
  });

  it("calendarDay: accepted days are real days of 2000–2099", () => {
    const anyDay = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(
      ([y, m, d]) => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`,
    );
    fc.assert(
      fc.property(fc.oneof(anyDay, hostileValue()), (day) => {
        const parsed = calendarDay.safeParse(day);
        if (parsed.success) {
          expect(realDay(parsed.data), `accepted date ${parsed.data}`).toBe(true);
          expect(Number(parsed.data.slice(0, 4))).toBeGreaterThanOrEqual(2000);
          expect(Number(parsed.data.slice(0, 4))).toBeLessThanOrEqual(2099);
        } else expectHumanIssues(parsed.error, { pathRequired: false });
      }),
      { numRuns: RUNS.schema },
    );
  });

  it("userIdSchema: accepted ids are 1–64 characters", () => {
    fc.assert(
      fc.property(fc.oneof(around(64), hostileValue()), (id) => {
        const parsed = userIdSchema.safeParse(id);
        if (parsed.success) text(parsed.data, 1, 64, false);
        else expectHumanIssues(parsed.error, { pathRequired: false });
      }),
      { numRuns: RUNS.schema },
    );
  });
});

describe("coverage", () => {
  it("fuzzes every zod schema exported from lib/validation", async () => {
    const covered = new Set(CASES.map((c) => c.name.replace(/\(.*\)$/, "")));
    const missing: string[] = [];
    const dir = new URL(".", import.meta.url);
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.includes(".test."))) {
      const mod = (await import(/* @vite-ignore */ new URL(file, dir).href)) as Record<string, unknown>;
      const moduleName = file.replace(/\.ts$/, "");
      for (const [name, value] of Object.entries(mod)) {
        const isSchema = typeof value === "object" && value !== null && "safeParse" in value;
        const isFactory = typeof value === "function" && /Schema$/.test(name);
        if ((isSchema || isFactory) && !covered.has(`${moduleName}.${name}`) && !SCALAR_SCHEMAS.has(name)) missing.push(`${moduleName}.${name}`);
      }
    }
    expect(missing, "schemas without a fuzz case: add them to CASES").toEqual([]);
  });
});
