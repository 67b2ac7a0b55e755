// The SMTP server Keyed sends receipts through, kept in AppSetting like the merchant settings. The
// password is encrypted at rest like gateway secrets (lib/crypto.ts) and never leaves the server:
// the admin form shows only whether one is saved. The demo points it at the sandbox's mail catcher.
import type { Db, Prisma } from "../db";
import { ciphertextKeyId, currentKey, decrypt, encrypt } from "../crypto";
import { renderEmail } from "../mail/render";
import { sendEmail, sendFailure } from "../mail/transport";
import { SMTP_SECURITY, type SmtpSecurity, type SmtpSettingsInput } from "../validation/mail";
import { recordAudit, type Actor } from "./audit";

const KEY = "mail.smtp";

/** What the admin form shows. */
export interface SmtpSettingsView {
  host: string;
  port: number;
  security: SmtpSecurity;
  user: string;
  hasPassword: boolean;
  from: string;
  sandbox: boolean;
}

/** What the transport needs, password in clear: server-side only, never returned to a page. */
export interface SmtpConnection {
  host: string;
  port: number;
  security: SmtpSecurity;
  user: string;
  password: string;
  from: string;
}

/** As kept in AppSetting. */
interface Stored extends Omit<SmtpConnection, "password"> {
  /** Sealed with lib/crypto.ts; "" for none. */
  password: string;
  /** Written by the demo: follows the sandbox's catcher to whatever port it runs on. */
  sandbox?: boolean;
}

type SettingsDb = Pick<Db, "appSetting">;

function parse(value: unknown): Stored | null {
  if (!value || typeof value !== "object") return null;
  const v = value as Partial<Stored>;
  if (typeof v.host !== "string" || typeof v.port !== "number" || typeof v.from !== "string") return null;
  return {
    host: v.host,
    port: v.port,
    security: (SMTP_SECURITY as readonly string[]).includes(v.security ?? "") ? (v.security as SmtpSecurity) : "starttls",
    user: typeof v.user === "string" ? v.user : "",
    password: typeof v.password === "string" ? v.password : "",
    from: v.from,
    sandbox: v.sandbox === true,
  };
}

async function read(db: SettingsDb): Promise<Stored | null> {
  const row = await db.appSetting.findUnique({ where: { key: KEY } });
  return row ? parse(row.value) : null;
}

async function write(db: SettingsDb, stored: Stored): Promise<void> {
  const value = stored as unknown as Prisma.InputJsonValue;
  await db.appSetting.upsert({ where: { key: KEY }, create: { key: KEY, value }, update: { value } });
}

/** null: no SMTP server set up yet. */
export async function getSmtpSettings(db: SettingsDb): Promise<SmtpSettingsView | null> {
  const s = await read(db);
  if (!s) return null;
  return { host: s.host, port: s.port, security: s.security, user: s.user, hasPassword: s.password !== "", from: s.from, sandbox: s.sandbox === true };
}

export async function getSmtpConnection(db: SettingsDb): Promise<SmtpConnection | null> {
  const s = await read(db);
  if (!s) return null;
  return { host: s.host, port: s.port, security: s.security, user: s.user, password: s.password ? decrypt(s.password) : "", from: s.from };
}

/** Saves the admin's settings; an empty password keeps the saved one. The audit names what changed, never the password. */
export async function updateSmtpSettings(db: Db, actor: Actor, input: SmtpSettingsInput, ip?: string | null): Promise<SmtpSettingsView> {
  return db.$transaction(async (tx) => {
    const before = await read(tx);
    const next: Stored = {
      host: input.host,
      port: input.port,
      security: input.security,
      user: input.user,
      password: input.password ? encrypt(input.password) : (before?.password ?? ""),
      from: input.from,
    };
    const changed: string[] = [];
    for (const field of ["host", "port", "security", "user", "from"] as const) if (before?.[field] !== next[field]) changed.push(field);
    if (input.password) changed.push("password");
    await write(tx, next);
    if (changed.length > 0) await recordAudit(tx, { actor, action: "settings.smtp_update", targetType: "settings", targetId: "smtp", details: { changed, host: next.host, port: next.port }, ip });
    return { host: next.host, port: next.port, security: next.security, user: next.user, hasPassword: next.password !== "", from: next.from, sandbox: false };
  });
}

/** The demo's settings: the sandbox's catcher. Kept up to date with its port; an admin's own settings are never replaced. */
export async function pointAtSandboxMailCatcher(db: SettingsDb, port: number): Promise<void> {
  const s = await read(db);
  if (s && !s.sandbox) return;
  if (s?.sandbox && s.port === port) return;
  await write(db, { host: "127.0.0.1", port, security: "none", user: "", password: "", from: "receipts@keyed.test", sandbox: true });
}

/** For `npm run keys:rotate`: the SMTP password under the current key. */
export async function reencryptSmtpPassword(db: SettingsDb): Promise<{ reencrypted: number }> {
  const s = await read(db);
  const key = currentKey();
  if (!s?.password || ciphertextKeyId(s.password) === key.id) return { reencrypted: 0 };
  await write(db, { ...s, password: encrypt(decrypt(s.password), key) });
  return { reencrypted: 1 };
}

/** "Send a test email": one message through the saved settings; the mail server's reason when it fails. */
export async function sendTestEmail(db: Db, actor: Actor, to: string, ip?: string | null): Promise<{ sent: true } | { sent: false; error: string }> {
  const smtp = await getSmtpConnection(db);
  if (!smtp) return { sent: false, error: "Save the mail server's settings first." };
  const email = renderEmail({
    subject: "Keyed test email",
    preview: "Your mail server settings work.",
    blocks: [
      { kind: "title", text: "Keyed test email" },
      { kind: "lines", lines: [`Sent through ${smtp.host}:${smtp.port} by ${actor.email}.`, "Receipts will go out the same way."] },
    ],
  });
  let result: { sent: true } | { sent: false; error: string };
  try {
    await sendEmail(smtp, to, email);
    result = { sent: true };
  } catch (err) {
    result = { sent: false, error: sendFailure(err, smtp) };
  }
  await recordAudit(db, { actor, action: "settings.smtp_test", targetType: "settings", targetId: "smtp", details: { to, ...result }, ip });
  return result;
}
