// Schemas shared by the email forms (browser) and their server actions: sending a receipt, and the
// admin's SMTP settings.
import * as z from "zod/mini";
import { noCardNumber } from "./no-card-number";

const emailAddress = z.string().check(
  z.trim(),
  z.minLength(1, "Enter an email address"),
  z.maxLength(254, "That email is too long"),
  z.email("Enter a valid email address"),
  noCardNumber("Email"),
);

/** "Email receipt" on an approved sale or refund. */
export const receiptEmailSchema = z.object({
  transactionId: z.string().check(z.trim(), z.minLength(1, "Choose a transaction"), z.maxLength(64)),
  to: emailAddress,
});
export type ReceiptEmailInput = z.output<typeof receiptEmailSchema>;

export const SMTP_SECURITY = ["starttls", "tls", "none"] as const;
export type SmtpSecurity = (typeof SMTP_SECURITY)[number];

const hostName = z.string().check(
  z.trim(),
  z.minLength(1, "Enter the SMTP server's host name"),
  z.maxLength(253, "A host name has at most 253 characters"),
  z.regex(/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/, "Use a host name such as smtp.example.com, or an IP address"),
);

/** The admin's SMTP settings. An empty password keeps the saved one (it is never sent back to the browser). */
export const smtpSettingsSchema = z.object({
  host: hostName,
  port: z.pipe(
    z.union([z.number(), z.string().check(z.trim(), z.regex(/^\d{1,5}$/, "Enter a port number such as 587"))]),
    z.transform(Number),
  ).check(z.refine((n) => Number.isInteger(n) && n >= 1 && n <= 65_535, "Enter a port between 1 and 65535")),
  security: z.enum(SMTP_SECURITY, "Choose how the connection is secured"),
  user: z._default(z.string().check(z.trim(), z.maxLength(254, "The user name has at most 254 characters")), ""),
  password: z._default(z.string().check(z.maxLength(500, "The password has at most 500 characters")), ""),
  from: emailAddress,
});
export type SmtpSettingsInput = z.output<typeof smtpSettingsSchema>;

/** "Send a test email" from the SMTP settings. */
export const testEmailSchema = z.object({ to: emailAddress });
