// Sends one message through the merchant's SMTP server (nodemailer). Bounded by timeouts so a server
// that stalls fails the attempt instead of holding a job forever.
import nodemailer from "nodemailer";
import type { SmtpConnection } from "../services/mail-settings";
import type { RenderedEmail } from "./render";

const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

export async function sendEmail(smtp: SmtpConnection, to: string, email: RenderedEmail): Promise<void> {
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.security === "tls",
    requireTLS: smtp.security === "starttls",
    ignoreTLS: smtp.security === "none",
    auth: smtp.user ? { user: smtp.user, pass: smtp.password } : undefined,
    ...TIMEOUTS,
  });
  try {
    await transport.sendMail({ from: smtp.from, to, subject: email.subject, text: email.text, html: email.html });
  } finally {
    transport.close();
  }
}

/** The mail server's reason, short enough for the timeline, with no credentials in it. */
export function sendFailure(err: unknown, smtp: Pick<SmtpConnection, "password">): string {
  const message = err instanceof Error ? err.message : String(err);
  const clean = smtp.password ? message.split(smtp.password).join("••••") : message;
  return clean.replace(/\s+/g, " ").trim().slice(0, 300) || "The mail server did not accept the message";
}
