// A small world for payment integration tests: the gateway sandbox in-process, one test-mode
// account per gateway pointing at it, a clerk and a manager, and a callback receiver that hands
// gateway callbacks to the real webhook service (as /api/webhooks/<gateway> would).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { createSandbox, type Sandbox } from "../../sandbox/app";
import { DEMO_CREDENTIALS as bepaid } from "../../sandbox/bepaid/accounts";
import { DEMO_CREDENTIALS as bluepay } from "../../sandbox/bluepay/accounts";
import { DEMO_CREDENTIALS as paycore } from "../../sandbox/paycore/accounts";
import { DEMO_CREDENTIALS as roverpay } from "../../sandbox/roverpay/accounts";
import type { Db } from "../db";
import { GATEWAYS, GATEWAY_KINDS, type GatewayKind } from "../gateways";
import { sealCredentials } from "../services/gateway-accounts";
import type { PaymentContext } from "../services/payments";
import { handleGatewayCallback } from "../services/webhooks";
import type { SaleFormOutput } from "../validation/payment";
import { afterAll, beforeAll } from "vitest";
import { createUser, resetDatabase } from "./db";

const DEMO: Record<GatewayKind, Record<string, string>> = { bluepay, bepaid, roverpay, paycore };

export interface PaymentWorld {
  sandbox: Sandbox;
  accounts: Record<GatewayKind, string>;
  clerk: PaymentContext;
  manager: PaymentContext;
  callbacks: { received: number; last?: { kind: string; headers: Headers; body: string } };
  close(): Promise<void>;
}

export async function createPaymentWorld(db: Db): Promise<PaymentWorld> {
  const sandbox = await createSandbox({ port: 0, dailyCutoff: false });
  const callbacks: PaymentWorld["callbacks"] = { received: 0 };
  const receiver: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", async () => {
      callbacks.received++;
      const kind = (req.url ?? "").split("/").pop() ?? "";
      const headers = new Headers(Object.entries(req.headers).map(([k, v]) => [k, String(v)] as [string, string]));
      callbacks.last = { kind, headers, body };
      const handled = await handleGatewayCallback(db, kind, headers, body, "127.0.0.1").catch(() => ({ status: 500 as const }));
      res.writeHead(handled.status).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", () => r()));
  // Callback URLs are built from APP_URL when a client is created.
  process.env.APP_URL = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;

  const accounts = {} as Record<GatewayKind, string>;
  for (const kind of GATEWAY_KINDS) {
    const { settings, secrets } = sealCredentials(kind, DEMO[kind], "test");
    const account = await db.gatewayAccount.create({
      data: { label: `${kind} test`, kind, mode: "test", baseUrl: GATEWAYS[kind].sandboxBaseUrl(sandbox.url), currency: "USD", timeoutMs: 1500, settings, secrets: secrets as object,
        // Suites charge the same test card and amount again and again; risk.int.test.ts turns the repeat window on where it tests it.
        repeatWindowSeconds: 0 },
    });
    accounts[kind] = account.id;
  }
  const clerk = (await createUser(db, { role: "clerk" })).user;
  const manager = (await createUser(db, { role: "manager" })).user;
  return {
    sandbox,
    accounts,
    clerk: { db, actor: { id: clerk.id, email: clerk.email, role: "clerk" } },
    manager: { db, actor: { id: manager.id, email: manager.email, role: "manager" } },
    callbacks,
    close: async () => {
      await sandbox.close();
      await new Promise<void>((r) => receiver.close(() => r()));
    },
  };
}

export const BILLING = {
  firstName: "Jane",
  lastName: "Doe",
  address1: "Main Street 1",
  address2: "",
  city: "Springfield",
  state: "IL",
  postalCode: "62701",
  country: "US",
  email: "jane@example.com",
  phone: "",
};

export function saleInput(accountId: string, overrides: Partial<SaleFormOutput> & { card?: Partial<{ number: string; cvv: string; expiry: string; save: boolean }> } = {}): SaleFormOutput {
  const { card, ...rest } = overrides;
  return {
    idempotencyKey: randomUUID(),
    gatewayAccountId: accountId,
    customerId: "",
    intent: "sale",
    amount: "3.00",
    orderId: "",
    description: "",
    billing: BILLING,
    retryOf: "",
    acceptDoubleChargeRisk: false,
    amountConfirmed: false,
    repeatConfirmed: false,
    payment: { type: "new", card: { number: "4111111111111111", expiry: "12/30", cvv: "123", holderName: "Jane Doe", save: true, ...card } },
    ...rest,
  };
}

export async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * For a suite that charges through the sandbox: a fresh database and payment world before its tests,
 * closed after them. `assign` receives the world (suites keep it in a `let`).
 */
export function onFreshPaymentWorld(db: Db, assign: (world: PaymentWorld) => void): void {
  let world: PaymentWorld | undefined;
  beforeAll(async () => {
    await resetDatabase(db);
    world = await createPaymentWorld(db);
    assign(world);
  });
  afterAll(async () => {
    await world?.close();
    await db.$disconnect();
  });
}
