// Sale requests as the terminal form sends them (lib/validation/payment.ts saleSchema input), and a
// submit that retries like a browser: the same idempotency key until the app answers.
import { randomUUID } from "node:crypto";
import type { ActionResult } from "../../action-result";
import type { SaleFormInput } from "../../validation/payment";
import type { ActionOutcome, ActionRef, AppClient } from "./client";

export const SALE_ACTION = "runSaleAction";
export type SaleResult = ActionResult<{ transactionId: string; replayed: boolean }>;

export const BILLING = {
  firstName: "Jane",
  lastName: "Doe",
  address1: "Main Street 1",
  address2: "",
  city: "Springfield",
  state: "IL",
  postalCode: "62701",
  country: "US",
  email: "",
  phone: "",
};

/** Cards every sandbox approves (bePaid documents its own approve card). */
export const APPROVE_CARD: Record<string, string> = { bepaid: "4200000000000000", bluepay: "4111111111111111", roverpay: "4111111111111111" };

/**
 * An amount every sandbox approves: an odd whole-dollar part (BluePay), ".00" cents (Rover Pay).
 * 1,000 different values in turn, because bePaid refuses the same card and amount again within its
 * duplicate window ("Duplicate request").
 */
export function approvingAmount(n: number): string {
  return `${(n % 1000) * 2 + 1}.00`;
}

export function savedCardSale(opts: { accountId: string; customerId: string; paymentMethodId: string; amount: string }): SaleFormInput {
  return {
    idempotencyKey: randomUUID(),
    gatewayAccountId: opts.accountId,
    customerId: opts.customerId,
    intent: "sale",
    amount: opts.amount,
    billing: BILLING,
    payment: { type: "saved", paymentMethodId: opts.paymentMethodId },
  };
}

export function newCardSale(opts: { accountId: string; gateway: string; amount: string; save?: boolean; customerId?: string }): SaleFormInput {
  return {
    idempotencyKey: randomUUID(),
    gatewayAccountId: opts.accountId,
    customerId: opts.customerId ?? "",
    intent: "sale",
    amount: opts.amount,
    billing: BILLING,
    payment: { type: "new", card: { number: APPROVE_CARD[opts.gateway] ?? "4111111111111111", expiry: "12/30", cvv: "123", holderName: "Jane Doe", save: opts.save ?? true } },
  };
}

export function submitSale(client: AppClient, action: ActionRef, input: SaleFormInput): Promise<ActionOutcome<SaleResult>> {
  return client.callAction<SaleResult>(action, [input]);
}
