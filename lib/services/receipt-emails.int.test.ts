// Receipts by email, end to end below the browser: the sale, the SMTP settings an admin saves, the
// sandbox's mail catcher as the mail server, and what the customer receives.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailReceiptAutomatically, emailReceiptNow, receiptEmailJob } from "../jobs/receipt-email";
import { setAppQueue, startQueue, stopJobQueue } from "../jobs/queue";
import { createMailCatcher, type MailCatcher } from "../../sandbox/mail";
import { testDb } from "../testing/db";
import { onFreshPaymentWorld, saleInput, waitFor, type PaymentWorld } from "../testing/payment-world";
import { getSmtpConnection, getSmtpSettings, sendTestEmail, updateSmtpSettings } from "./mail-settings";
import { loadSaleContext, refundTransaction, runSale } from "./payments";
import { deliverReceiptEmail, NOT_SET_UP, receiptEmailsOf, requestReceiptEmail } from "./receipt-emails";
import { updateMerchantSettings, getMerchantSettings } from "./settings";

const db = testDb();
let world: PaymentWorld;
let catcher: MailCatcher;
onFreshPaymentWorld(db, (w) => (world = w));
beforeAll(async () => {
  catcher = await createMailCatcher({ port: 0 });
});
afterAll(() => catcher.close());

const SMTP_PASSWORD = "smtp-secret-Zq81";

async function approvedSale(overrides: Parameters<typeof saleInput>[1] = {}): Promise<string> {
  const { transactionId } = await runSale(world.clerk, saleInput(world.accounts.bluepay, { amount: "7.00", orderId: "PO-7781", description: "Two mugs", ...overrides }));
  return transactionId;
}

describe("receipts by email", () => {
  it("refuses to queue a receipt before a mail server is set up, and says who sets it", async () => {
    const id = await approvedSale();
    await expect(requestReceiptEmail(db, world.clerk.actor, { transactionId: id, to: "jane@example.com" })).rejects.toMatchObject({ message: NOT_SET_UP, field: "to" });
  });

  it("sends what the customer needs and nothing the merchant keeps to itself; the timeline records it", async () => {
    await updateSmtpSettings(db, world.manager.actor, { host: "127.0.0.1", port: catcher.port, security: "none", user: "keyed", password: SMTP_PASSWORD, from: "receipts@shop.test" });
    const id = await approvedSale();
    const t = await db.transaction.findUniqueOrThrow({ where: { id } });
    const { id: emailId } = await requestReceiptEmail(db, world.clerk.actor, { transactionId: id, to: "jane@example.com" });
    expect(await deliverReceiptEmail(db, emailId)).toEqual({ status: "sent" });

    const mail = catcher.messages().find((m) => m.to.includes("jane@example.com"))!;
    expect(mail.from).toBe("receipts@shop.test");
    expect(mail.subject).toContain("$7.00");
    for (const body of [mail.text, mail.html]) {
      expect(body).toContain("$7.00");
      expect(body).toContain(`•••• ${t.cardLast4}`);
      expect(body).toContain(t.authCode!);
      expect(body).toContain("PO-7781");
      expect(body).toContain("Two mugs");
      expect(body).toContain(t.reference);
      // Never the risk answers or Keyed's own ids.
      expect(body).not.toMatch(/AVS|CVV|CVV2/);
      expect(body).not.toContain(t.id);
      expect(body).not.toContain("4111111111111111");
    }
    // Sending again (a retried job) sends nothing more.
    const count = catcher.messages().length;
    expect(await deliverReceiptEmail(db, emailId)).toEqual({ status: "sent" });
    expect(catcher.messages()).toHaveLength(count);
    expect(await receiptEmailsOf(db, id)).toMatchObject([{ to: "jane@example.com", status: "sent", attempts: 1, error: null }]);
  });

  it("a mail server that refuses is recorded with its reason, and a later attempt can succeed", async () => {
    const id = await approvedSale();
    const { id: emailId } = await requestReceiptEmail(db, world.clerk.actor, { transactionId: id, to: "omar@example.com" });
    catcher.setFault("refuse");
    const failed = await deliverReceiptEmail(db, emailId);
    catcher.setFault(null);
    expect(failed).toMatchObject({ status: "failed", error: expect.stringContaining("550") });
    expect(await receiptEmailsOf(db, id)).toMatchObject([{ status: "failed", attempts: 1 }]);
    expect(await deliverReceiptEmail(db, emailId)).toEqual({ status: "sent" });
    expect(await receiptEmailsOf(db, id)).toMatchObject([{ status: "sent", attempts: 2, error: null }]);
  });

  it("a declined sale has no receipt to send", async () => {
    const id = await approvedSale({ amount: "8.00" }); // BluePay TEST: even dollars decline
    expect((await db.transaction.findUniqueOrThrow({ where: { id } })).status).toBe("declined");
    await expect(requestReceiptEmail(db, world.clerk.actor, { transactionId: id, to: "jane@example.com" })).rejects.toMatchObject({ status: 422 });
  });

  it("keeps the SMTP password encrypted, out of the page's view and out of the audit trail; an empty password keeps it", async () => {
    const row = await db.appSetting.findUniqueOrThrow({ where: { key: "mail.smtp" } });
    expect(JSON.stringify(row.value)).not.toContain(SMTP_PASSWORD);
    expect(await getSmtpSettings(db)).toMatchObject({ hasPassword: true });
    expect(JSON.stringify(await getSmtpSettings(db))).not.toContain(SMTP_PASSWORD);
    await updateSmtpSettings(db, world.manager.actor, { host: "127.0.0.1", port: catcher.port, security: "none", user: "keyed", password: "", from: "receipts@shop.test" });
    expect((await getSmtpConnection(db))?.password).toBe(SMTP_PASSWORD);
    const audit = await db.auditEvent.findMany({ where: { action: { startsWith: "settings.smtp" } } });
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toContain(SMTP_PASSWORD);
  });

  it("a test email arrives, and a refusing server's reason comes back to the admin", async () => {
    expect(await sendTestEmail(db, world.manager.actor, "admin@shop.test")).toEqual({ sent: true });
    expect(catcher.messages()[0]).toMatchObject({ to: ["admin@shop.test"], subject: "Keyed test email" });
    catcher.setFault("refuse");
    const refused = await sendTestEmail(db, world.manager.actor, "admin@shop.test");
    catcher.setFault(null);
    expect(refused).toMatchObject({ sent: false, error: expect.stringContaining("Mailbox unavailable") });
  });
});

describe("receipts by email from the job queue", () => {
  beforeAll(async () => {
    setAppQueue(await startQueue(db, [receiptEmailJob]));
  });
  afterAll(() => stopJobQueue({ timeoutMs: 1_000 }));

  it("a refused send is retried by the job and gets out once the mail server takes it", async () => {
    const id = await approvedSale();
    catcher.setFault("refuse");
    const first = await emailReceiptNow(db, world.clerk.actor, { transactionId: id, to: "retry@example.com" });
    catcher.setFault(null);
    expect(first).toMatchObject({ status: "failed", retried: true });
    // The retry waits a minute; bring it forward instead of waiting.
    await db.sql.query(`UPDATE pgboss.job SET start_after = now() WHERE name = 'receipt-email' AND state = 'created'`);
    await waitFor(async () => (await receiptEmailsOf(db, id))[0]?.status === "sent", 20_000);
    expect(catcher.messages().filter((m) => m.to.includes("retry@example.com"))).toHaveLength(1);
  });

  it("with automatic receipts on, an approved sale's receipt is queued and sent to the billing email; off, nothing is", async () => {
    const email = `auto.${Date.now()}@example.com`;
    // The terminal's action asks the sale's context whether to queue one at all.
    const { actor } = world.clerk;
    const receiptsAutomatic = async () =>
      (await loadSaleContext(db, { gatewayAccountId: world.accounts.bluepay, idempotencyKey: randomUUID(), customerId: "", paymentMethodId: "", userId: actor.id, role: actor.role }))
        .receiptsAutomatic;
    expect(await receiptsAutomatic()).toBe(false);
    const off = await approvedSale({ billing: { ...saleInput(world.accounts.bluepay).billing, email } });
    await emailReceiptAutomatically(db, world.clerk.actor, off);
    expect(await receiptEmailsOf(db, off)).toEqual([]);

    await updateMerchantSettings(db, world.manager.actor, { ...(await getMerchantSettings(db)), receiptEmails: "automatic" });
    expect(await receiptsAutomatic()).toBe(true);
    const on = await approvedSale({ billing: { ...saleInput(world.accounts.bluepay).billing, email } });
    await emailReceiptAutomatically(db, world.clerk.actor, on);
    await waitFor(async () => (await receiptEmailsOf(db, on))[0]?.status === "sent", 20_000);
    expect(catcher.messages().filter((m) => m.to.includes(email))).toHaveLength(1);
    // A declined sale sends nothing.
    const declined = await approvedSale({ amount: "8.00", billing: { ...saleInput(world.accounts.bluepay).billing, email } });
    await emailReceiptAutomatically(db, world.clerk.actor, declined);
    expect(await receiptEmailsOf(db, declined)).toEqual([]);
    // A refund carries no billing of its own: its receipt goes to the sale's address.
    world.sandbox.settle("bluepay");
    const refund = await refundTransaction(world.manager, { transactionId: on, idempotencyKey: randomUUID(), amount: "2.00", reason: "Returned one mug" });
    await emailReceiptAutomatically(db, world.manager.actor, refund.transactionId);
    await waitFor(async () => (await receiptEmailsOf(db, refund.transactionId))[0]?.status === "sent", 20_000);
    expect(catcher.messages().filter((m) => m.to.includes(email))).toHaveLength(2);
  });
});
