// Recurring charges against the in-process sandbox (BluePay: odd whole dollars approve, even decline),
// with the charger's clock moved by its `now`: each due date charged once under concurrent passes and
// again-run passes, the database refusing a second charge row, declines retried on plan then past due
// (managers emailed), unknown outcomes reconciled before anything is retried, an expired card stopping
// the plan, month ends and a DST change in the merchant's zone, and managers' changes audited.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMailCatcher, type MailCatcher } from "../../sandbox/mail";
import { dueAt } from "../recurring/schedule-dates";
import { testDb } from "../testing/db";
import { onFreshPaymentWorld, saleInput, waitFor, type PaymentWorld } from "../testing/payment-world";
import { createScheduleSchema, type CreateScheduleInput } from "../validation/recurring";
import { updateSmtpSettings } from "./mail-settings";
import { runSale } from "./payments";
import { changeSchedule, chargeDue, createSchedule, getSchedule, listSchedules, setScheduleStatus } from "./recurring";

const db = testDb();
let world: PaymentWorld;
let catcher: MailCatcher;
onFreshPaymentWorld(db, (w) => (world = w));
beforeAll(async () => {
  catcher = await createMailCatcher({ port: 0 });
});
afterAll(() => catcher.close());

const NY = "America/New_York";
/** The day before the tests' first payments: schedules are set up "then". */
const SETUP = new Date("2027-01-10T15:00:00Z");
const at = (day: string, plusMs = 60_000) => new Date(dueAt(day, NY).getTime() + plusMs);
const FAST = { unknownAfterMs: 0, retryDays: [1, 3, 7] };

async function savedCard(expiry = "12/30"): Promise<{ customerId: string; paymentMethodId: string }> {
  const { transactionId } = await runSale(world.clerk, saleInput(world.accounts.bluepay, { amount: "1.00", card: { expiry, save: true } }));
  const tx = await waitFor(async () => {
    const row = await db.transaction.findUniqueOrThrow({ where: { id: transactionId } });
    return row.paymentMethodId ? row : null;
  });
  return { customerId: tx.customerId!, paymentMethodId: tx.paymentMethodId! };
}

function form(card: { customerId: string; paymentMethodId: string }, overrides: Partial<CreateScheduleInput> = {}) {
  const input: CreateScheduleInput = { idempotencyKey: randomUUID(), ...card, amount: "5.00", startDate: "2027-01-31", unit: "month", every: "1", endKind: "never", ...overrides };
  return createScheduleSchema({ currency: "USD", maxAmount: 500_000 }).parse(input);
}

async function schedule(overrides: Partial<CreateScheduleInput> = {}, expiry?: string) {
  const card = await savedCard(expiry);
  const { id } = await createSchedule(world.clerk, form(card, overrides), SETUP);
  return id;
}

const chargesOf = (scheduleId: string) => db.recurringCharge.findMany({ where: { scheduleId }, orderBy: { dueDate: "asc" }, include: { tries: { include: { transaction: true }, orderBy: { attempt: "asc" } } } });
const salesOf = async (scheduleId: string) => (await chargesOf(scheduleId)).flatMap((c) => c.tries.map((t) => t.transaction!));

describe("recurring charges", () => {
  it("charges a due date once under five concurrent passes and on every pass after, on the 31st then the last day of February", async () => {
    const id = await schedule();
    expect(await chargeDue({ db }, { ...FAST, now: at("2027-01-31", -60_000) })).toMatchObject({ claimed: 0 });

    await Promise.all(Array.from({ length: 5 }, () => chargeDue({ db }, { ...FAST, now: at("2027-01-31") })));
    // A restarted node (or the clock set back) runs the same pass again: nothing more.
    await chargeDue({ db }, { ...FAST, now: at("2027-01-31") });
    await chargeDue({ db }, { ...FAST, now: at("2027-01-30") });

    let sales = await salesOf(id);
    expect(sales).toHaveLength(1);
    expect(sales[0]).toMatchObject({ status: "approved", amount: 500, kind: "sale", userId: world.clerk.actor.id });
    expect(await db.transaction.count({ where: { idempotencyKey: { startsWith: "recurring:" }, customerId: sales[0]!.customerId } })).toBe(1);

    const s = await db.recurringSchedule.findUniqueOrThrow({ where: { id } });
    expect(s.nextDueDate?.toISOString().slice(0, 10)).toBe("2027-02-28");
    await Promise.all(Array.from({ length: 3 }, () => chargeDue({ db }, { ...FAST, now: at("2027-02-28") })));
    await chargeDue({ db }, { ...FAST, now: at("2027-03-31") });
    sales = await salesOf(id);
    expect(sales.map((t) => t.status)).toEqual(["approved", "approved", "approved"]);
    expect((await chargesOf(id)).map((c) => c.dueDate.toISOString().slice(0, 10))).toEqual(["2027-01-31", "2027-02-28", "2027-03-31"]);
    expect((await getSchedule(db, id))!.upcoming[0]).toEqual({ dueDate: "2027-04-30", dueAt: dueAt("2027-04-30", NY).toISOString() });
  });

  it("the database refuses a second charge row for the same schedule and due date, and a schedule set back charges nothing twice", async () => {
    const id = await schedule({ startDate: "2027-01-20" });
    await chargeDue({ db }, { ...FAST, now: at("2027-01-20") });
    const [first] = await chargesOf(id);
    await expect(db.recurringCharge.create({ data: { scheduleId: id, dueDate: first!.dueDate, amount: 500, currency: "USD" } })).rejects.toMatchObject({ code: "P2002" });
    // A schedule set back to a due date already charged (a restored backup, a clock set back then forward): claimed again, charged nothing.
    await db.recurringSchedule.update({ where: { id }, data: { nextIndex: 0, nextDueDate: first!.dueDate, nextDueAt: dueAt("2027-01-20", NY) } });
    await Promise.all([chargeDue({ db }, { ...FAST, now: at("2027-01-20") }), chargeDue({ db }, { ...FAST, now: at("2027-01-20") })]);
    expect(await salesOf(id)).toHaveLength(1);
    expect((await db.recurringSchedule.findUniqueOrThrow({ where: { id } })).nextDueDate?.toISOString().slice(0, 10)).toBe("2027-02-20");
    await expect(db.$executeRaw`INSERT INTO "RecurringCharge" (id, "scheduleId", "dueDate", amount, currency, "updatedAt") VALUES ('dup', ${id}, '2027-01-20', 500, 'USD', now())`).rejects.toThrow(/unique/i);
  });

  it("is due at 09:00 New York time on either side of the DST change", async () => {
    const id = await schedule({ startDate: "2027-02-15" });
    await chargeDue({ db }, { ...FAST, now: new Date("2027-02-15T14:01:00Z") }); // 09:01 EST
    await chargeDue({ db }, { ...FAST, now: new Date("2027-03-15T12:59:00Z") }); // 08:59 EDT: not yet
    expect(await salesOf(id)).toHaveLength(1);
    await chargeDue({ db }, { ...FAST, now: new Date("2027-03-15T13:00:00Z") }); // 09:00 EDT
    expect(await salesOf(id)).toHaveLength(2);
  });

  it("retries a decline on plan, then marks the schedule past due and emails the managers", async () => {
    await updateSmtpSettings(db, world.manager.actor, { host: "127.0.0.1", port: catcher.port, security: "none", user: "", password: "", from: "keyed@shop.test" });
    const id = await schedule({ startDate: "2027-01-12", amount: "4.00" });
    await chargeDue({ db }, { ...FAST, now: at("2027-01-12") });
    let [charge] = await chargesOf(id);
    expect(charge).toMatchObject({ status: "retrying", attempts: 1, nextAttemptAt: dueAt("2027-01-13", NY) });

    await chargeDue({ db }, { ...FAST, now: at("2027-01-12", 12 * 3600_000) }); // not yet
    expect(await salesOf(id)).toHaveLength(1);
    for (const day of ["2027-01-13", "2027-01-15", "2027-01-19"]) await Promise.all([chargeDue({ db }, { ...FAST, now: at(day) }), chargeDue({ db }, { ...FAST, now: at(day) })]);

    [charge] = await chargesOf(id);
    expect(charge!.tries.map((t) => [t.attempt, t.transaction!.status])).toEqual([[1, "declined"], [2, "declined"], [3, "declined"], [4, "declined"]]);
    expect(charge).toMatchObject({ status: "failed", attempts: 4 });
    const s = await db.recurringSchedule.findUniqueOrThrow({ where: { id } });
    expect(s.status).toBe("past_due");
    expect(s.statusReason).toMatch(/due 2027-01-12 failed after 4 attempts/);
    const mail = await waitFor(async () => catcher.messages().find((m) => m.to.includes(world.manager.actor.email)));
    expect(mail.subject).toMatch(/past due/);
    expect((await listSchedules(db, { status: "past_due" })).map((r) => r.id)).toContain(id);
    // Past due charges no later payment until a manager resumes it.
    await chargeDue({ db }, { ...FAST, now: at("2027-02-12") });
    expect(await salesOf(id)).toHaveLength(4);
  });

  it("reconciles an unknown outcome before anything else: a charge that went through is not retried", async () => {
    const id = await schedule({ startDate: "2027-01-14" });
    world.sandbox.faults.add({ gateway: "bluepay", mode: "timeout", count: 1, pathIncludes: "bp10emu" });
    await chargeDue({ db }, { ...FAST, now: at("2027-01-14") });
    expect((await chargesOf(id))[0]).toMatchObject({ status: "unknown" });
    await chargeDue({ db }, { ...FAST, now: at("2027-01-16") });
    const [charge] = await chargesOf(id);
    expect(charge).toMatchObject({ status: "paid", attempts: 1 });
    expect(charge!.tries.map((t) => t.transaction!.status)).toEqual(["approved"]);
  });

  it("a request lost before the gateway is found uncharged by inquiry, then retried on plan", async () => {
    const id = await schedule({ startDate: "2027-01-16" });
    world.sandbox.faults.add({ gateway: "bluepay", mode: "timeout-before", count: 1, pathIncludes: "bp10emu" });
    await chargeDue({ db }, { ...FAST, now: at("2027-01-16") });
    await chargeDue({ db }, { ...FAST, now: at("2027-01-16", 2 * 60_000) });
    expect((await chargesOf(id))[0]).toMatchObject({ status: "retrying", attempts: 1 });
    await chargeDue({ db }, { ...FAST, now: at("2027-01-17") });
    const [charge] = await chargesOf(id);
    expect(charge).toMatchObject({ status: "paid", attempts: 2 });
    expect(charge!.tries.map((t) => t.transaction!.status)).toEqual(["error", "approved"]);
  });

  it("stops on an expired card with the reason, charging nothing", async () => {
    const id = await schedule({ startDate: "2027-01-18" }, "02/27");
    await chargeDue({ db }, { ...FAST, now: at("2027-01-18") });
    await chargeDue({ db }, { ...FAST, now: at("2027-02-18") });
    await chargeDue({ db }, { ...FAST, now: at("2027-03-18") });
    const s = await db.recurringSchedule.findUniqueOrThrow({ where: { id } });
    expect(s).toMatchObject({ status: "stopped", nextDueAt: null });
    expect(s.statusReason).toMatch(/card ending 1111 expired 02\/27/);
    const charges = await chargesOf(id);
    expect(charges.map((c) => c.status)).toEqual(["paid", "paid", "skipped"]);
    expect(charges[2]!.tries).toEqual([]);
    await chargeDue({ db }, { ...FAST, now: at("2027-04-18") });
    expect(await chargesOf(id)).toHaveLength(3);
  });

  it("refuses bad input at the field: a start in the past, a card expiring first, over the limit, a double submit", async () => {
    const card = await savedCard("02/27");
    await expect(createSchedule(world.clerk, form(card, { startDate: "2027-01-09" }), SETUP)).rejects.toMatchObject({ field: "startDate" });
    await expect(createSchedule(world.clerk, form(card, { startDate: "2027-03-01" }), SETUP)).rejects.toMatchObject({ field: "paymentMethodId", message: expect.stringMatching(/expires 02\/27, before the first payment/) });
    await db.gatewayAccount.update({ where: { id: world.accounts.bluepay }, data: { maxAmount: 10_000 } });
    await expect(createSchedule(world.clerk, form(card, { amount: "100.01" }), SETUP)).rejects.toMatchObject({ field: "amount" });
    await db.gatewayAccount.update({ where: { id: world.accounts.bluepay }, data: { maxAmount: 500_000 } });
    const schema = createScheduleSchema({ currency: "USD", maxAmount: 500_000 });
    const zero = schema.safeParse({ ...form(card), amount: "0", every: "0" });
    expect(zero.success).toBe(false);
    expect(zero.error!.issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["amount", "every"]));

    const once = form(card, { startDate: "2027-01-25" });
    const [a, b] = await Promise.all([createSchedule(world.clerk, once, SETUP), createSchedule(world.clerk, once, SETUP)]);
    expect(a.id).toBe(b.id);
    expect(await db.recurringSchedule.count({ where: { idempotencyKey: once.idempotencyKey } })).toBe(1);
  });

  it("lets only managers pause, resume, change and cancel, audits each, and charges nothing for a pause", async () => {
    const id = await schedule({ startDate: "2027-01-22" });
    await expect(setScheduleStatus(world.clerk, id, "pause", SETUP)).rejects.toMatchObject({ status: 403 });
    await expect(changeSchedule(world.clerk, { scheduleId: id, amount: "7.00", nextDate: "" }, SETUP)).rejects.toMatchObject({ status: 403 });
    await setScheduleStatus(world.manager, id, "pause", SETUP);
    await chargeDue({ db }, { ...FAST, now: at("2027-01-22") });
    expect(await chargesOf(id)).toEqual([]);
    // Resumed on Feb 3: January's payment is not charged for the pause; February's is the next.
    await setScheduleStatus(world.manager, id, "resume", new Date("2027-02-03T15:00:00Z"));
    await changeSchedule(world.manager, { scheduleId: id, amount: "7.00", nextDate: "" }, SETUP);
    expect((await db.recurringSchedule.findUniqueOrThrow({ where: { id } })).nextDueDate?.toISOString().slice(0, 10)).toBe("2027-02-22");
    await chargeDue({ db }, { ...FAST, now: at("2027-02-22") });
    expect((await salesOf(id)).map((t) => t.amount)).toEqual([700]);
    await changeSchedule(world.manager, { scheduleId: id, amount: "", nextDate: "2027-03-05" }, new Date("2027-02-23T15:00:00Z"));
    await setScheduleStatus(world.manager, id, "cancel", SETUP);
    await chargeDue({ db }, { ...FAST, now: at("2027-03-05") });
    expect(await salesOf(id)).toHaveLength(1);
    const actions = (await db.auditEvent.findMany({ where: { targetId: id }, orderBy: { createdAt: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["recurring.create", "recurring.pause", "recurring.resume", "recurring.change", "recurring.change", "recurring.cancel"]);
  });
});
