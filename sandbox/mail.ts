// The sandbox's mail catcher: an SMTP server that keeps what the app sends (receipts, test emails)
// in memory instead of delivering it, so the demo and the tests see mail arrive without any outside
// service. Listed at /_sandbox/mail (a page) and /_sandbox/mail.json (for tests); a fault makes it
// refuse or stall the next messages, to show how the app records a failed send.
import { simpleParser } from "mailparser";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface CaughtMail {
  id: number;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  receivedAt: string;
}

export type MailFault = "refuse" | "stall" | null;

export interface MailCatcher {
  port: number;
  messages(): CaughtMail[];
  find(id: number): CaughtMail | undefined;
  clear(): void;
  setFault(fault: MailFault): void;
  close(): Promise<void>;
}

/** By default the catcher listens next to the sandbox's HTTP port, so whoever knows one knows both. */
export function mailCatcherPort(sandboxPort: number): number {
  return sandboxPort + 1;
}

const KEEP = 200;

export async function createMailCatcher(opts: { port: number; host?: string; log?: (line: string) => void }): Promise<MailCatcher> {
  const log = opts.log ?? (() => {});
  const caught: CaughtMail[] = [];
  let nextId = 1;
  let fault: MailFault = null;

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    banner: "Keyed sandbox mail catcher",
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? "sandbox" });
    },
    onData(stream, session, callback) {
      if (fault === "refuse") {
        stream.resume();
        stream.on("end", () => callback(Object.assign(new Error("Mailbox unavailable (sandbox fault)"), { responseCode: 550 })));
        return;
      }
      if (fault === "stall") {
        stream.resume(); // never answers: the sender's socket timeout decides
        return;
      }
      simpleParser(stream)
        .then((mail) => {
          const to = session.envelope.rcptTo.map((r) => r.address);
          caught.unshift({
            id: nextId++,
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to,
            subject: mail.subject ?? "",
            text: mail.text ?? "",
            html: typeof mail.html === "string" ? mail.html : "",
            receivedAt: new Date().toISOString(),
          });
          caught.length = Math.min(caught.length, KEEP);
          log(`sandbox: caught mail "${mail.subject ?? ""}" for ${to.join(", ")}`);
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  server.on("error", (err) => log(`sandbox: mail catcher error: ${err.message}`));

  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(opts.port, opts.host ?? "127.0.0.1", () => resolve());
  });

  return {
    port: (server.server.address() as AddressInfo).port,
    messages: () => [...caught],
    find: (id) => caught.find((m) => m.id === id),
    clear: () => {
      caught.length = 0;
    },
    setFault: (next) => {
      fault = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page a demo user opens to see the mail Keyed sent. */
export function mailPage(messages: CaughtMail[]): string {
  const items = messages
    .map(
      (m) => `<article>
  <h2>${escape(m.subject)}</h2>
  <p class="meta">To ${escape(m.to.join(", "))} · from ${escape(m.from)} · ${escape(m.receivedAt)}${m.html ? ` · <a href="/_sandbox/mail/${m.id}.html">HTML version</a>` : ""}</p>
  <pre>${escape(m.text)}</pre>
</article>`,
    )
    .join("\n");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sandbox mail</title>
<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#0f172a}article{border:1px solid #cbd5e1;border-radius:.5rem;padding:1rem;margin:1rem 0}.meta{color:#475569;font-size:.875rem}pre{white-space:pre-wrap}</style>
</head><body><h1>Sandbox mail</h1><p>Mail the app sent through the sandbox's SMTP catcher, newest first. Nothing here left this machine.</p>
${items || "<p>No mail yet. Send a receipt from a transaction, or a test email from Admin → Settings.</p>"}
</body></html>`;
}
