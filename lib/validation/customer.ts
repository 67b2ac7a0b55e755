// A customer's details, shared by the customer form and its server actions. The billing fields are
// the terminal's (one definition of a valid address), plus an optional company.
import * as z from "zod/mini";
import { SEARCH_BY_LAST4 } from "../card";
import { noCardNumber } from "./no-card-number";
import { billingShape, optionalText, postalMatchesCountry, text } from "./payment";

export const customerSchema = z
  .object({
    ...billingShape,
    company: optionalText(text("Company", 120)),
  })
  .check(postalMatchesCountry);
export type CustomerInput = z.input<typeof customerSchema>;
export type CustomerData = z.output<typeof customerSchema>;

export const customerSearchSchema = z.object({
  q: z._default(z.string().check(z.trim(), z.maxLength(100, "Search for at most 100 characters"), noCardNumber("Search", SEARCH_BY_LAST4)), ""),
});

export const removeCardSchema = z.object({
  customerId: z.string().check(z.minLength(1), z.maxLength(64)),
  paymentMethodId: z.string().check(z.minLength(1), z.maxLength(64)),
});

/** The terminal's "is this customer already here?" question: loose, it only ever produces a warning. */
export const duplicateQuerySchema = z.object({
  firstName: z._default(text("First name", 60), ""),
  lastName: z._default(text("Last name", 60), ""),
  email: z._default(text("Email", 254), ""),
  phone: z._default(text("Phone", 30), ""),
});
