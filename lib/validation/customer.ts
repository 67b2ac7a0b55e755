// A customer's details, shared by the customer form and its server actions. The billing fields are
// the terminal's (one definition of a valid address), plus an optional company.
import { z } from "zod";
import { billingSchema } from "./payment";

export const customerSchema = billingSchema.extend({
  company: z.string().trim().max(120, "Company is too long (at most 120 characters)").optional().default(""),
});
export type CustomerInput = z.input<typeof customerSchema>;
export type CustomerData = z.output<typeof customerSchema>;

export const customerSearchSchema = z.object({
  q: z.string().trim().max(100).default(""),
});

export const removeCardSchema = z.object({ customerId: z.string().min(1).max(64), paymentMethodId: z.string().min(1).max(64) });
