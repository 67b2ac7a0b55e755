import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, testDb } from "../testing/db";
import { customerSchema } from "../validation/customer";
import { createCustomer, customerTransactions, getCustomer, likelyDuplicates, listCustomers, removeCard, searchCustomers, updateCustomer } from "./customers";

const db = testDb();
afterAll(() => db.$disconnect());

// Names unique to this run, so other tests' rows never match.
const tag = randomBytes(3).toString("hex");
let actor: { id: string; email: string };
let accountId: string;

const input = (over: Record<string, string> = {}) =>
  customerSchema.parse({
    firstName: "Ada",
    lastName: `Lovelace${tag}`,
    address1: "1 Main Street",
    city: "London",
    postalCode: "N1 9GU",
    country: "gb",
    email: `ada.${tag}@example.com`,
    phone: "+44 20 7946 0000",
    ...over,
  });

async function addCard(customerId: string, last4: string, exp = { month: 12, year: new Date().getUTCFullYear() + 2 }) {
  return db.paymentMethod.create({
    data: { customerId, gatewayAccountId: accountId, token: `tok-${randomBytes(4).toString("hex")}`, brand: "visa", last4, expMonth: exp.month, expYear: exp.year, holderName: "Ada Lovelace" },
  });
}

beforeAll(async () => {
  const { user } = await createUser(db, { role: "clerk" });
  actor = { id: user.id, email: user.email };
  const account = await db.gatewayAccount.create({ data: { label: `Acct ${tag}`, kind: "bluepay", baseUrl: "http://127.0.0.1:1", currency: "USD" } });
  accountId = account.id;
});

describe("customers", () => {
  it("creates a customer, stores the country upper-cased, and audits customer.created", async () => {
    const { id } = await createCustomer(db, actor, input());
    const c = await getCustomer(db, id);
    expect(c.name).toBe(`Ada Lovelace${tag}`);
    expect(c.billing.country).toBe("GB");
    const events = await db.auditEvent.findMany({ where: { targetId: id, action: "customer.created" } });
    expect(events).toHaveLength(1);
    expect(events[0]!.actorId).toBe(actor.id);
  });

  it("updates only what changed and names the fields in the audit event; no event when nothing changed", async () => {
    const { id } = await createCustomer(db, actor, input({ lastName: `Byron${tag}` }));
    await updateCustomer(db, actor, id, input({ lastName: `Byron${tag}`, city: "Paris", postalCode: "75001", country: "FR" }));
    expect((await getCustomer(db, id)).billing.city).toBe("Paris");
    await updateCustomer(db, actor, id, input({ lastName: `Byron${tag}`, city: "Paris", postalCode: "75001", country: "FR" }));
    const events = await db.auditEvent.findMany({ where: { targetId: id, action: "customer.updated" } });
    expect(events).toHaveLength(1);
    expect((events[0]!.details as { fields: string[] }).fields.sort()).toEqual(["city", "country", "postalCode"]);
  });

  it("names a likely duplicate of a customer typed in as new: the same name and the same email or phone, not the name alone", async () => {
    const { id } = await createCustomer(db, actor, input({ firstName: "Ivan", lastName: `Petrov${tag}`, email: `ivan.${tag}@example.com`, phone: "+375 29 111-22-33" }));
    const who = { firstName: "ivan", lastName: `PETROV${tag}`, email: "", phone: "" };
    const found = async (over: Partial<typeof who>) => (await likelyDuplicates(db, { ...who, ...over })).map((c) => c.id);
    expect(await found({ email: `IVAN.${tag}@example.com` })).toEqual([id]);
    expect(await found({ phone: "+375291112233" })).toEqual([id]);
    expect(await found({})).toEqual([]);
    expect(await found({ email: `other.${tag}@example.com`, phone: "+1 555 000 0000" })).toEqual([]);
    expect(await found({ firstName: "Olga", email: `ivan.${tag}@example.com` })).toEqual([]);
  });

  it("finds customers by name words, email, phone digits without punctuation, and last 4 of a live saved card", async () => {
    const { id } = await createCustomer(db, actor, input({ firstName: "Grace", lastName: `Hopper${tag}`, phone: "+1 (555) 013-4477", email: `grace.${tag}@example.com` }));
    await addCard(id, "4242");
    const ids = async (q: string) => (await searchCustomers(db, q)).map((c) => c.id);
    expect(await ids(`grace hopper${tag}`)).toContain(id);
    expect(await ids(`GRACE.${tag}@EXAMPLE`)).toContain(id);
    expect(await ids("5550134477")).toContain(id);
    expect(await ids("4242")).toContain(id);
    expect(await ids(`nobody${tag}`)).toEqual([]);
    const found = (await searchCustomers(db, `hopper${tag}`))[0]!;
    expect(found.cards.map((c) => c.last4)).toEqual(["4242"]);
  });

  it("removes a card softly: gone from the customer and search, kept for history, audited as card.removed", async () => {
    const { id } = await createCustomer(db, actor, input({ lastName: `Turing${tag}` }));
    const pm = await addCard(id, "9876");
    await removeCard(db, actor, id, pm.id);
    expect((await getCustomer(db, id)).cards).toEqual([]);
    expect(await searchCustomers(db, "9876").then((r) => r.map((c) => c.id))).not.toContain(id);
    expect((await db.paymentMethod.findUniqueOrThrow({ where: { id: pm.id } })).removedAt).not.toBeNull();
    const events = await db.auditEvent.findMany({ where: { targetId: pm.id, action: "card.removed" } });
    expect(events).toHaveLength(1);
    await expect(removeCard(db, actor, id, pm.id)).rejects.toThrow(/not found/);
  });

  it("refuses to remove another customer's card", async () => {
    const a = await createCustomer(db, actor, input({ lastName: `Owner${tag}` }));
    const b = await createCustomer(db, actor, input({ lastName: `Other${tag}` }));
    const pm = await addCard(a.id, "1234");
    await expect(removeCard(db, actor, b.id, pm.id)).rejects.toThrow(/not found/);
    expect((await getCustomer(db, a.id)).cards).toHaveLength(1);
  });

  it("marks expired cards so the terminal can disable them", async () => {
    const { id } = await createCustomer(db, actor, input({ lastName: `Expired${tag}` }));
    await addCard(id, "1111", { month: 1, year: 2020 });
    expect((await getCustomer(db, id)).cards[0]!.expired).toBe(true);
  });

  it("lists with a count of live cards and returns the latest transactions with display status", async () => {
    const { id } = await createCustomer(db, actor, input({ lastName: `Listed${tag}` }));
    const pm = await addCard(id, "5555");
    await addCard(id, "6666").then((p) => removeCard(db, actor, id, p.id));
    const list = await listCustomers(db, { q: `listed${tag}` });
    expect(list.total).toBe(1);
    expect(list.rows[0]!.cardCount).toBe(1);
    const base = { currency: "USD", gatewayAccountId: accountId, customerId: id, userId: actor.id, paymentMethodId: pm.id };
    await db.transaction.create({ data: { ...base, kind: "sale", status: "approved", amount: 500, idempotencyKey: `k1-${tag}`, reference: `r1-${tag}`, refundedAmount: 500 } });
    await db.transaction.create({ data: { ...base, kind: "sale", status: "declined", amount: 400, idempotencyKey: `k2-${tag}`, reference: `r2-${tag}` } });
    const rows = await customerTransactions(db, id);
    expect(rows.map((r) => r.displayStatus).sort()).toEqual(["declined", "refunded"]);
  });
});
