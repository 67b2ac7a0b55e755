// A customer's details, shared by the customer form and its server actions. The billing fields are
// the terminal's (one definition of a valid address), plus an optional company.
import * as z from "zod/mini";
import { SEARCH_BY_LAST4 } from "../card";
import { noCardNumber } from "./no-card-number";
import { billingSchema, optionalText, text } from "./payment";

export const customerSchema = z.extend(billingSchema, {
  company: optionalText(text("Company", 120)),
});
export type CustomerInput = z.input<typeof customerSchema>;
export type CustomerData = z.output<typeof customerSchema>;

export const customerSearchSchema = z.object({
  q: z._default(z.string().check(z.trim(), z.maxLength(100, "Search for at most 100 characters"), noCardNumber("Search", SEARCH_BY_LAST4)), ""),
});

export const removeCardSchema = z.object({
  customerId: z.string().check(z.minLength(1), z.maxLength(64)),
  paymentMethodId: z.string().check(z.minLength(1), z.maxLength(64)),
});
