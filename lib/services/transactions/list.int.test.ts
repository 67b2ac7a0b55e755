import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Prisma } from "../../db";
import { createUser, resetDatabase, testDb } from "../../testing/db";
import { historyFiltersSchema } from "../../validation/history";
import { csvResponse } from "../../csv";
import { exportCsv } from "./export";
import { dateBounds } from "./filters";
import { listTransactions, transactionTotals, type HistoryRow } from "./list";

const db = testDb();
const TZ = "America/New_York";
// 2026-03-08 is the day New York moves to daylight time: it starts at 05:00Z and ends at 04:00Z.
const NOW = new Date("2026-03-10T15:00:00Z");

let seq = 0;
let accountA: string;
let accountB: string;
let clerk: string;
let manager: string;
let jane: string;
let omar: string;

async function tx(data: Partial<Prisma.TransactionUncheckedCreateInput> & { createdAt: Date }) {
  seq++;
  return db.transaction.create({
    data: {
      kind: "sale",
      status: "approved",
      amount: 1000,
      currency: "USD",
      idempotencyKey: `it-list-${seq}`,
      reference: `it-list-ref-${seq}`,
      gatewayAccountId: accountA,
      userId: clerk,
      cardBrand: "visa",
      cardLast4: "1111",
      ...data,
    },
  });
}

const list = (input: Record<string, string>, cursor?: string | null, pageSize?: number) =>
  listTransactions(db, historyFiltersSchema.parse(input), { timeZone: TZ, now: NOW, cursor, pageSize });

const ids = (rows: HistoryRow[]) => rows.map((r) => r.id);

const named: Record<string, string> = {};

beforeAll(async () => {
  await resetDatabase(db);
  const account = (label: string) => db.gatewayAccount.create({ data: { label, kind: "bluepay", baseUrl: "http://127.0.0.1:1/bluepay", currency: "USD" } });
  accountA = (await account("Account A")).id;
  accountB = (await account("Account B")).id;
  clerk = (await createUser(db, { role: "clerk", name: "Clara Clerk" })).user.id;
  manager = (await createUser(db, { role: "manager", name: "Max Manager" })).user.id;
  const customer = (firstName: string, lastName: string, email: string) =>
    db.customer.create({ data: { firstName, lastName, email, address1: "1 Main St", city: "Springfield", postalCode: "62701", country: "US" } });
  jane = (await customer("Jane", "Doe", "jane.doe@example.com")).id;
  omar = (await customer("Omar", "Haddad", "omar@example.org")).id;

  // Day boundaries in New York around the DST change.
  named.lastOfMar9 = (await tx({ createdAt: new Date("2026-03-10T03:59:59.999Z"), customerId: jane, orderId: "ORD-1" })).id;
  named.firstOfMar10 = (await tx({ createdAt: new Date("2026-03-10T04:00:00.000Z"), customerId: omar, orderId: "ORD-2", cardLast4: "4242" })).id;
  named.lastOfMar7 = (await tx({ createdAt: new Date("2026-03-08T04:59:59.999Z"), amount: 5000 })).id;
  named.firstOfMar8 = (await tx({ createdAt: new Date("2026-03-08T05:00:00.000Z"), userId: manager })).id;
  named.lastOfMar8 = (await tx({ createdAt: new Date("2026-03-09T03:59:59.999Z"), gatewayAccountId: accountB })).id;
  named.firstOfMar1 = (await tx({ createdAt: new Date("2026-03-01T05:00:00.000Z"), kind: "auth" })).id;
  named.lastOfFeb = (await tx({ createdAt: new Date("2026-03-01T04:59:59.999Z"), status: "declined", amount: 250 })).id;

  // Statuses a person sees.
  named.voided = (await tx({ createdAt: new Date("2026-02-20T12:00:00Z"), voidedAt: new Date("2026-02-20T12:05:00Z"), customerId: jane })).id;
  named.refunded = (await tx({ createdAt: new Date("2026-02-19T12:00:00Z"), refundedAmount: 1000 })).id;
  named.partial = (
    await tx({
      createdAt: new Date("2026-02-18T12:00:00Z"),
      refundedAmount: 400,
      settledAt: new Date("2026-02-19T03:30:00Z"),
      gatewayTransactionId: "GW-100200",
      avsCode: "Y",
      cvvCode: "M",
      description: "Two mugs gift wrapped",
    })
  ).id;
  named.refund = (await tx({ createdAt: new Date("2026-02-21T12:00:00Z"), kind: "refund", amount: 400, parentId: named.partial })).id;
  named.eur = (await tx({ createdAt: new Date("2026-02-17T12:00:00Z"), currency: "EUR", amount: 700 })).id;

  // A long, older tail for pagination, with ties on createdAt.
  const tie = new Date("2025-06-01T12:00:00Z");
  for (let i = 0; i < 110; i++) await tx({ createdAt: i < 10 ? tie : new Date(tie.getTime() - i * 60_000), amount: 100 + i });
});
afterAll(() => db.$disconnect());

describe("history list", () => {
  it("pages newest first with a keyset cursor: no row twice, none missed, ties included", async () => {
    const all = await db.transaction.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list({}, cursor);
      expect(page.rows.length).toBeLessThanOrEqual(50);
      seen.push(...ids(page.rows));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(Math.ceil(all.length / 50));
    expect(seen).toEqual(all.map((r) => r.id));
  });

  it("interprets dates as whole days in the merchant's time zone, across the DST change", async () => {
    expect(ids((await list({ from: "2026-03-10", to: "2026-03-10" })).rows)).toEqual([named.firstOfMar10]);
    expect(ids((await list({ from: "2026-03-09", to: "2026-03-09" })).rows)).toEqual([named.lastOfMar9]);
    // The 23-hour day: 05:00Z to 04:00Z the next morning.
    expect(ids((await list({ from: "2026-03-08", to: "2026-03-08" })).rows)).toEqual([named.lastOfMar8, named.firstOfMar8]);
    expect(dateBounds({ from: "2026-03-08", to: "2026-03-08" }, TZ)).toEqual({ gte: new Date("2026-03-08T05:00:00Z"), lt: new Date("2026-03-09T04:00:00Z") });
  });

  it("resolves the presets against today in the merchant's time zone", async () => {
    expect(ids((await list({ range: "today" })).rows)).toEqual([named.firstOfMar10]);
    expect(ids((await list({ range: "yesterday" })).rows)).toEqual([named.lastOfMar9]);
    expect(new Set(ids((await list({ range: "month" })).rows))).toEqual(
      new Set([named.firstOfMar10, named.lastOfMar9, named.lastOfMar8, named.firstOfMar8, named.lastOfMar7, named.firstOfMar1]),
    );
    // Last 7 days = Mar 4..10, which leaves out Mar 1 and February.
    expect(ids((await list({ range: "last7" })).rows)).not.toContain(named.firstOfMar1);
    expect((await list({ range: "last7" })).rows).toHaveLength(5);
  });

  it("filters by the status a person sees, kind, account, user, customer, card, order and amount", async () => {
    expect(ids((await list({ status: "voided" })).rows)).toEqual([named.voided]);
    expect(ids((await list({ status: "refunded" })).rows)).toEqual([named.refunded]);
    expect(ids((await list({ status: "partially_refunded" })).rows)).toEqual([named.partial]);
    expect(ids((await list({ status: "declined" })).rows)).toEqual([named.lastOfFeb]);
    expect((await list({ status: "approved" })).rows.map((r) => r.displayStatus)).toSatisfy((s: string[]) => s.every((x) => x === "approved"));
    expect(ids((await list({ kind: "refund" })).rows)).toEqual([named.refund]);
    expect(ids((await list({ kind: "auth" })).rows)).toEqual([named.firstOfMar1]);
    expect(ids((await list({ account: accountB })).rows)).toEqual([named.lastOfMar8]);
    expect(ids((await list({ user: manager })).rows)).toEqual([named.firstOfMar8]);
    expect(ids((await list({ customer: jane })).rows)).toEqual([named.lastOfMar9, named.voided]);
    expect(ids((await list({ last4: "4242" })).rows)).toEqual([named.firstOfMar10]);
    expect(ids((await list({ order: "ORD-2" })).rows)).toEqual([named.firstOfMar10]);
    expect(ids((await list({ min: "40", max: "50.00" })).rows)).toEqual([named.lastOfMar7]);
    expect(ids((await list({ max: "2.50" })).rows)).toContain(named.lastOfFeb);
  });

  it("combines filters", async () => {
    expect(ids((await list({ customer: jane, status: "voided" })).rows)).toEqual([named.voided]);
    expect((await list({ customer: jane, kind: "refund" })).rows).toEqual([]);
    expect(ids((await list({ range: "month", min: "40" })).rows)).toEqual([named.lastOfMar7]);
  });

  it("searches customer names and emails by prefix (any case) and order numbers exactly", async () => {
    expect(ids((await list({ q: "jan" })).rows)).toEqual([named.lastOfMar9, named.voided]);
    expect(ids((await list({ q: "JANE DO" })).rows)).toEqual([named.lastOfMar9, named.voided]);
    expect(ids((await list({ q: "hadd" })).rows)).toEqual([named.firstOfMar10]);
    expect(ids((await list({ q: "omar@example" })).rows)).toEqual([named.firstOfMar10]);
    expect(ids((await list({ q: "ORD-1" })).rows)).toEqual([named.lastOfMar9]);
    // Not a substring search, and LIKE wildcards typed by a person match nothing special.
    expect((await list({ q: "oe" })).rows).toEqual([]);
    expect((await list({ q: "%a" })).rows).toEqual([]);
  });

  it("rejects a forged cursor with a clear message", async () => {
    await expect(list({}, "not-a-cursor")).rejects.toThrow(/no longer valid/);
  });

  it("totals count every row and sum approved and refunded volume per currency", async () => {
    const totals = await transactionTotals(db, historyFiltersSchema.parse({ from: "2026-02-01", to: "2026-02-28" }), { timeZone: TZ, now: NOW });
    expect(totals).toEqual([
      { currency: "EUR", count: 1, approvedVolume: 700, refundedVolume: 0 },
      // voided (excluded from volume), refunded, partial, refund (400) — and Feb 28's declined one.
      { currency: "USD", count: 5, approvedVolume: 2000, refundedVolume: 400 },
    ]);
  });
});

describe("CSV export", () => {
  it("streams every filtered row across batches with decimal amounts and no card number", async () => {
    const chunks: string[] = [];
    for await (const c of exportCsv(db, historyFiltersSchema.parse({}), { timeZone: TZ, batchSize: 7 })) chunks.push(c);
    const lines = chunks.join("").trimEnd().split("\r\n");
    const count = await db.transaction.count();
    expect(lines).toHaveLength(count + 1);
    expect(chunks.length).toBeGreaterThan(count / 7);
    const header = lines[0]!.split(",");
    expect(header).toEqual([
      "id", "created_at_utc", "created_at_local", "kind", "status", "amount", "currency", "refunded_amount", "settled_at_utc", "settled_at_local",
      "customer", "customer_email", "card_brand", "card_last4", "gateway_account", "gateway_transaction_id", "auth_code", "avs_code", "cvv_code",
      "order_id", "description", "run_by", "parent_id",
    ]);
    const partial = lines.find((l) => l.startsWith(named.partial!))!;
    expect(partial).toContain(",partially_refunded,10.00,USD,4.00,");
    expect(partial).toContain("2026-02-18 07:00:00");
    const cells = Object.fromEntries(header.map((name, i) => [name, partial.split(",")[i]]));
    expect(cells).toMatchObject({
      settled_at_utc: "2026-02-19T03:30:00.000Z",
      settled_at_local: "2026-02-18 22:30:00",
      gateway_transaction_id: "GW-100200",
      avs_code: "Y",
      cvv_code: "M",
      description: "Two mugs gift wrapped",
    });
    expect(chunks.join("")).not.toMatch(/\d{12,}/);
  });

  it("neutralises cells a spreadsheet would run as a formula", async () => {
    const evil = await db.customer.create({ data: { firstName: "=HYPERLINK(\"x\")", lastName: "Evil", address1: "1", city: "x", postalCode: "1", country: "US" } });
    await tx({ createdAt: new Date("2024-01-01T00:00:00Z"), customerId: evil.id, orderId: "+1-555" });
    const chunks: string[] = [];
    for await (const c of exportCsv(db, historyFiltersSchema.parse({ customer: evil.id }), { timeZone: TZ })) chunks.push(c);
    const row = chunks.join("").split("\r\n")[1]!;
    expect(row).toContain(`"'=HYPERLINK(""x"") Evil"`);
    expect(row).toContain(`,"'+1-555",`);
  });

  /** The export's lines (header dropped), read to the end — or to 1,000 chunks, should paging ever loop. */
  async function exportLines(input: Record<string, string>, batchSize?: number): Promise<string[]> {
    let text = "";
    let chunks = 0;
    for await (const c of exportCsv(db, historyFiltersSchema.parse(input), { timeZone: TZ, now: NOW, batchSize })) {
      text += c;
      if (++chunks === 1000) break;
    }
    return text.split("\r\n").slice(1, -1);
  }
  const checkedOut = () => db.sql.totalCount - db.sql.idleCount;

  it("exports exactly the rows the list shows for each filter, in the same order", async () => {
    const inputs: Record<string, string>[] = [
      { from: "2026-03-08", to: "2026-03-08" },
      { range: "today" },
      { range: "month" },
      { status: "voided" },
      { status: "partially_refunded" },
      { status: "approved" },
      { kind: "refund" },
      { account: accountB },
      { user: manager },
      { customer: jane },
      { last4: "4242" },
      { order: "ORD-2" },
      { min: "40", max: "50.00" },
      { max: "2.50" },
      { q: "JANE DO" },
      { q: "ORD-1" },
      { q: "zzqx" },
      { customer: jane, status: "voided" },
    ];
    for (const input of inputs) {
      const listed = ids((await list(input, null, 1000)).rows);
      const exported = (await exportLines(input, 3)).map((l) => l.split(",")[0]);
      expect(exported, JSON.stringify(input)).toEqual(listed);
    }
    expect(checkedOut()).toBe(0);
  });

  it("reads and pages by the stored UTC instants whatever the process's time zone", async () => {
    const before = process.env.TZ;
    // pg turns a timestamp without time zone into a Date in the process's zone unless told otherwise.
    process.env.TZ = "Asia/Kolkata";
    try {
      expect(new Date(0).getTimezoneOffset()).toBe(-330);
      const all = await db.transaction.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true, createdAt: true } });
      // Batches of 4 cut through the ten rows that share one createdAt: none missed, none twice.
      const lines = await exportLines({}, 4);
      expect(lines.map((l) => l.split(",")[0])).toEqual(all.map((r) => r.id));
      expect(lines.map((l) => l.split(",")[1])).toEqual(all.map((r) => r.createdAt.toISOString()));
      const first = lines.find((l) => l.startsWith(`${named.firstOfMar8},`))!;
      expect(first.split(",").slice(1, 3)).toEqual(["2026-03-08T05:00:00.000Z", "2026-03-08 00:00:00"]);
      expect((await exportLines({ from: "2026-03-08", to: "2026-03-08" })).map((l) => l.split(",")[0])).toEqual([named.lastOfMar8, named.firstOfMar8]);
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it("holds no database connection when the reader stops early", async () => {
    const lines = exportCsv(db, historyFiltersSchema.parse({}), { timeZone: TZ, batchSize: 5 });
    expect((await lines.next()).value).toMatch(/^id,/);
    expect((await lines.next()).value).toContain("\r\n");
    await lines.return(undefined);
    expect(checkedOut()).toBe(0);

    // The HTTP download: the client reads a little, then goes away.
    const response = csvResponse(exportCsv(db, historyFiltersSchema.parse({}), { timeZone: TZ, batchSize: 5 }), "x.csv");
    const reader = response.body!.getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    expect(checkedOut()).toBe(0);
  });
});
