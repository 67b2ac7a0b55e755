// Gateway accounts: credentials split into plain settings and AES-256-GCM sealed secrets,
// and the decrypted config a gateway client is built from. Secrets never leave this module
// in a form the browser could receive.
import type { Db, Prisma } from "../db";
import { config } from "../config";
import { ciphertextKeyId, currentKey, decrypt, encrypt, knownKeys } from "../crypto";
import {
  GATEWAYS,
  GATEWAY_KINDS,
  createGatewayClient,
  type ConnectionTestResult,
  type GatewayClient,
  type GatewayKind,
  type GatewayMode,
} from "../gateways";
import type { CredentialFieldMeta } from "../gateways/definition";
import type { GatewayAccountInput } from "../validation/admin";
import { noteConnectionTest } from "./account-health";
import { recordAudit, type Actor } from "./audit";
import { NotFoundError, ServiceError, ValidationError } from "./errors";

export interface SealedSecret {
  ciphertext: string;
  setAt: string;
  setBy: string;
}

export interface CredentialField extends CredentialFieldMeta {
  name: string;
  optional: boolean;
}

/** The credential fields of a gateway kind, read from its zod schema's `.meta()`. */
export function credentialFields(kind: GatewayKind): CredentialField[] {
  const shape = GATEWAYS[kind].credentialsSchema.shape;
  return Object.entries(shape).map(([name, schema]) => {
    const meta = (schema.meta() ?? {}) as Partial<CredentialFieldMeta>;
    return { name, label: meta.label ?? name, secret: meta.secret ?? false, help: meta.help, optional: schema.safeParse(undefined).success };
  });
}

/** Splits validated credentials into settings (plain JSON) and secrets (sealed). */
export function sealCredentials(
  kind: GatewayKind,
  values: Record<string, string>,
  setBy: string,
  now = new Date(),
): { settings: Record<string, string>; secrets: Record<string, SealedSecret> } {
  const settings: Record<string, string> = {};
  const secrets: Record<string, SealedSecret> = {};
  for (const field of credentialFields(kind)) {
    const value = values[field.name];
    if (value === undefined || value === "") continue;
    if (field.secret) secrets[field.name] = { ciphertext: encrypt(value), setAt: now.toISOString(), setBy };
    else settings[field.name] = value;
  }
  return { settings, secrets };
}

type AccountRow = Pick<
  Prisma.GatewayAccountGetPayload<object>,
  "id" | "kind" | "mode" | "baseUrl" | "currency" | "timeoutMs" | "settings" | "secrets"
>;

/** What a payment needs of an account: its client config and its limits. */
export type PaymentAccount = AccountRow &
  Pick<Prisma.GatewayAccountGetPayload<object>, "label" | "maxAmount" | "confirmAbove"> &
  /** Read by a sale (lib/services/payments/risk.ts); other payments leave them out. */
  Partial<Pick<Prisma.GatewayAccountGetPayload<object>, "riskRules" | "repeatWindowSeconds">>;

export function decryptCredentials(account: Pick<AccountRow, "settings" | "secrets">): Record<string, string> {
  const out: Record<string, string> = { ...(account.settings as Record<string, string>) };
  for (const [name, sealed] of Object.entries(account.secrets as unknown as Record<string, SealedSecret>)) {
    out[name] = decrypt(sealed.ciphertext);
  }
  return out;
}

export function clientForAccount(account: AccountRow): GatewayClient {
  return createGatewayClient({
    id: account.id,
    kind: account.kind,
    mode: account.mode,
    baseUrl: account.baseUrl,
    currency: account.currency,
    timeoutMs: account.timeoutMs,
    credentials: decryptCredentials(account),
    callbackUrl: `${config.appUrl}/api/webhooks/${account.kind}`,
  });
}

export async function getGatewayClient(db: Db, accountId: string): Promise<GatewayClient> {
  const account = await db.gatewayAccount.findUnique({ where: { id: accountId } });
  if (!account) throw new NotFoundError("That gateway account");
  return clientForAccount(account);
}

// ---- administration ------------------------------------------------------------------------

export interface SecretStatus {
  setAt: string;
  setBy: string;
}

/** What the admin screens may see of an account: never a secret value, only when it was set and by whom. */
export interface GatewayAccountView {
  id: string;
  label: string;
  kind: GatewayKind;
  mode: GatewayMode;
  baseUrl: string;
  currency: string;
  maxAmount: number;
  /** Minor units; null: no sale needs confirming. */
  confirmAbove: number | null;
  timeoutMs: number;
  isDefault: boolean;
  active: boolean;
  settings: Record<string, string>;
  secrets: Record<string, SecretStatus>;
  /** Set while the account is failing for a configuration reason (see account-health.ts): the gateway's words and when. */
  configFailure: { message: string; at: Date } | null;
  updatedAt: Date;
}

export interface GatewayKindOption {
  kind: GatewayKind;
  label: string;
  fields: CredentialField[];
  /** Base URL the form proposes per mode: the local sandbox for test, the vendor's for live. */
  defaultBaseUrls: Record<GatewayMode, string>;
  vendorBaseUrls: { test?: string; live?: string };
}

type FullRow = Prisma.GatewayAccountGetPayload<object>;

const sealedOf = (row: Pick<FullRow, "secrets">) => (row.secrets ?? {}) as unknown as Record<string, SealedSecret>;
const settingsOf = (row: Pick<FullRow, "settings">) => (row.settings ?? {}) as Record<string, string>;

export function toGatewayAccountView(row: FullRow): GatewayAccountView {
  const secrets: Record<string, SecretStatus> = {};
  for (const [name, sealed] of Object.entries(sealedOf(row))) secrets[name] = { setAt: sealed.setAt, setBy: sealed.setBy };
  return {
    id: row.id,
    label: row.label,
    kind: row.kind,
    mode: row.mode,
    baseUrl: row.baseUrl,
    currency: row.currency,
    maxAmount: row.maxAmount,
    confirmAbove: row.confirmAbove,
    timeoutMs: row.timeoutMs,
    isDefault: row.isDefault,
    active: row.active,
    settings: { ...settingsOf(row) },
    secrets,
    configFailure: row.configFailedAt ? { message: row.configFailure ?? "", at: row.configFailedAt } : null,
    updatedAt: row.updatedAt,
  };
}

export function defaultBaseUrl(kind: GatewayKind, mode: GatewayMode): string {
  const def = GATEWAYS[kind];
  return mode === "test" ? def.sandboxBaseUrl(config.sandboxUrl) : (def.vendorBaseUrls.live ?? "");
}

export function gatewayKindOptions(): GatewayKindOption[] {
  return GATEWAY_KINDS.map((kind) => ({
    kind,
    label: GATEWAYS[kind].label,
    fields: credentialFields(kind),
    defaultBaseUrls: { test: defaultBaseUrl(kind, "test"), live: defaultBaseUrl(kind, "live") },
    vendorBaseUrls: { ...GATEWAYS[kind].vendorBaseUrls },
  }));
}

export async function listGatewayAccounts(db: Db): Promise<GatewayAccountView[]> {
  const rows = await db.gatewayAccount.findMany({ orderBy: [{ active: "desc" }, { isDefault: "desc" }, { label: "asc" }] });
  return rows.map(toGatewayAccountView);
}

export async function getGatewayAccount(db: Db, id: string): Promise<GatewayAccountView> {
  const row = await db.gatewayAccount.findUnique({ where: { id } });
  if (!row) throw new NotFoundError("That gateway account");
  return toGatewayAccountView(row);
}

/** Several credential fields failed the kind's schema; keys are "credentials.<field>". */
export class CredentialsError extends ValidationError {
  constructor(readonly fieldErrors: Record<string, string>) {
    super("Check the highlighted credential fields.", Object.keys(fieldErrors)[0]);
  }
}

/**
 * Validates submitted credentials with the kind's schema. An empty secret field keeps the stored
 * secret (decrypted here only to validate or test with; it is never returned to a caller that
 * could hand it to the browser).
 */
function resolveCredentials(kind: GatewayKind, submitted: Record<string, string>, baseUrl: string, stored?: Pick<FullRow, "kind" | "secrets" | "baseUrl">) {
  const storedSecrets = stored && stored.kind === kind ? sealedOf(stored) : {};
  // Stored secrets go only where they were saved for: a new URL must be given its secrets anew, or
  // an admin could send them to a server of theirs by changing the URL and pressing Test.
  const sameDestination = !!stored && originOf(stored.baseUrl) === originOf(baseUrl);
  const merged: Record<string, string> = {};
  const kept: string[] = [];
  const retype: Record<string, string> = {};
  for (const field of credentialFields(kind)) {
    const value = submitted[field.name] ?? "";
    const sealed = storedSecrets[field.name];
    if (field.secret && value.trim() === "" && sealed && !sameDestination) {
      retype[`credentials.${field.name}`] = "The URL changed: enter this secret again (a stored secret is only sent to the URL it was saved for)";
    } else if (field.secret && value.trim() === "" && sealed) {
      merged[field.name] = decrypt(sealed.ciphertext);
      kept.push(field.name);
    } else if (value !== "" || !field.optional) {
      merged[field.name] = value;
    }
  }
  if (Object.keys(retype).length) throw new CredentialsError(retype);
  const parsed = GATEWAYS[kind].credentialsSchema.safeParse(merged);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const key = `credentials.${String(issue.path[0] ?? "")}`;
      if (!(key in fieldErrors)) fieldErrors[key] = issue.path[0] !== undefined && kept.includes(String(issue.path[0])) ? `The stored value is not valid: ${issue.message}` : issue.message;
    }
    throw new CredentialsError(fieldErrors);
  }
  return { values: parsed.data as Record<string, string>, kept };
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** Hosts an operator allows live accounts to reach besides the vendors' own (KEYED_GATEWAY_HOSTS, comma-separated). */
function operatorHosts(): string[] {
  return (process.env.KEYED_GATEWAY_HOSTS ?? "").split(",").map((h) => h.trim().toLowerCase()).filter(Boolean);
}

/** Live card data goes only over https, and only to the gateway's own hosts or one the operator allowed. */
function assertLiveDestination(input: Pick<GatewayAccountInput, "kind" | "mode" | "baseUrl">) {
  if (input.mode !== "live") return;
  const url = new URL(input.baseUrl);
  if (url.protocol !== "https:") throw new ValidationError("A live account must use an https:// URL: card numbers would otherwise travel in clear.", "baseUrl");
  const vendor = GATEWAYS[input.kind].vendorBaseUrls.live;
  const allowed = [...(vendor ? [new URL(vendor).hostname] : []), ...operatorHosts()];
  if (!allowed.includes(url.hostname.toLowerCase())) {
    throw new ValidationError(
      `Live ${GATEWAYS[input.kind].label} payments go only to ${allowed.length ? allowed.join(", ") : "hosts the operator allows"}; the operator can allow another host with KEYED_GATEWAY_HOSTS.`,
      "baseUrl",
    );
  }
}

function assertLiveConfirmed(input: GatewayAccountInput, previousMode?: GatewayMode) {
  if (input.mode === "live" && previousMode !== "live" && !input.confirmLive) {
    throw new ValidationError("Confirm that this account should process live payments.", "confirmLive");
  }
}

/** One lock for every change to which account is the default, so two admins cannot make two defaults. */
async function lockDefaults(tx: Prisma.TransactionClient) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('keyed.gateway_accounts.default'))`;
}

async function makeSoleDefault(tx: Prisma.TransactionClient, id: string) {
  await tx.gatewayAccount.updateMany({ where: { isDefault: true, id: { not: id } }, data: { isDefault: false } });
  await tx.gatewayAccount.update({ where: { id }, data: { isDefault: true } });
}

const PLAIN_FIELDS = ["label", "mode", "baseUrl", "currency", "maxAmount", "confirmAbove", "timeoutMs", "isDefault", "active"] as const;

/** Field-level differences for the audit log: old and new values of plain fields, names only for secrets. */
function diffAccounts(before: FullRow | null, after: FullRow, replacedSecrets: string[]) {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const f of PLAIN_FIELDS) {
    const from = before ? before[f] : null;
    if (from !== after[f]) changes[f] = { from, to: after[f] };
  }
  const a = before ? settingsOf(before) : {};
  const b = settingsOf(after);
  for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if ((a[name] ?? "") !== (b[name] ?? "")) changes[`credentials.${name}`] = { from: a[name] ?? null, to: b[name] ?? null };
  }
  return { changes, secretsReplaced: replacedSecrets };
}

export async function createGatewayAccount(db: Db, actor: Actor, input: GatewayAccountInput, ip?: string | null): Promise<GatewayAccountView> {
  assertLiveConfirmed(input);
  assertLiveDestination(input);
  const { values } = resolveCredentials(input.kind, input.credentials, input.baseUrl);
  const { settings, secrets } = sealCredentials(input.kind, values, actor.email);
  return db.$transaction(async (tx) => {
    await lockDefaults(tx);
    const hasDefault = (await tx.gatewayAccount.count({ where: { isDefault: true, active: true } })) > 0;
    let row = await tx.gatewayAccount.create({
      data: {
        label: input.label,
        kind: input.kind,
        mode: input.mode,
        baseUrl: input.baseUrl,
        currency: input.currency,
        maxAmount: input.maxAmount,
        confirmAbove: input.confirmAbove,
        timeoutMs: input.timeoutMs,
        isDefault: false,
        settings,
        secrets: secrets as unknown as Prisma.InputJsonValue,
      },
    });
    if (input.isDefault || !hasDefault) {
      await makeSoleDefault(tx, row.id);
      row = { ...row, isDefault: true };
    }
    await recordAudit(tx, {
      actor,
      action: "gateway_account.create",
      targetType: "gateway_account",
      targetId: row.id,
      details: { kind: row.kind, ...diffAccounts(null, row, Object.keys(secrets)) },
      ip,
    });
    if (row.mode === "live") await recordAudit(tx, { actor, action: "gateway_account.mode_live", targetType: "gateway_account", targetId: row.id, details: { label: row.label, from: null, to: "live" }, ip });
    return toGatewayAccountView(row);
  });
}

export async function updateGatewayAccount(db: Db, actor: Actor, id: string, input: GatewayAccountInput, ip?: string | null): Promise<GatewayAccountView> {
  return db.$transaction(async (tx) => {
    await lockDefaults(tx);
    const before = await tx.gatewayAccount.findUnique({ where: { id } });
    if (!before) throw new NotFoundError("That gateway account");
    if (input.kind !== before.kind) throw new ValidationError("An account's gateway cannot change. Create a new account instead.", "kind");
    assertLiveConfirmed(input, before.mode);
    assertLiveDestination(input);
    if (!input.isDefault && before.isDefault && before.active) {
      const others = await tx.gatewayAccount.count({ where: { active: true, id: { not: id } } });
      if (others > 0) throw new ValidationError("Make another account the default instead; one active account is always the default.", "isDefault");
    }

    const { values, kept } = resolveCredentials(input.kind, input.credentials, input.baseUrl, before);
    const fresh = sealCredentials(input.kind, Object.fromEntries(Object.entries(values).filter(([name]) => !kept.includes(name))), actor.email);
    const previous = sealedOf(before);
    const secrets: Record<string, SealedSecret> = { ...fresh.secrets };
    const replaced: string[] = [];
    for (const name of kept) if (previous[name]) secrets[name] = previous[name]!;
    for (const name of Object.keys(fresh.secrets)) {
      // Retyping the stored value is not a change worth a new "set by".
      const old = previous[name];
      if (old && decrypt(old.ciphertext) === values[name]) secrets[name] = old;
      else replaced.push(name);
    }

    let after = await tx.gatewayAccount.update({
      where: { id },
      data: {
        label: input.label,
        mode: input.mode,
        baseUrl: input.baseUrl,
        currency: input.currency,
        maxAmount: input.maxAmount,
        confirmAbove: input.confirmAbove,
        timeoutMs: input.timeoutMs,
        settings: fresh.settings,
        secrets: secrets as unknown as Prisma.InputJsonValue,
      },
    });
    if (input.isDefault && after.active && !after.isDefault) {
      await makeSoleDefault(tx, id);
      after = { ...after, isDefault: true };
    }
    const diff = diffAccounts(before, after, replaced);
    if (Object.keys(diff.changes).length > 0 || replaced.length > 0) {
      await recordAudit(tx, { actor, action: "gateway_account.update", targetType: "gateway_account", targetId: id, details: { label: after.label, ...diff }, ip });
    }
    if (before.mode !== "live" && after.mode === "live") {
      await recordAudit(tx, { actor, action: "gateway_account.mode_live", targetType: "gateway_account", targetId: id, details: { label: after.label, from: before.mode, to: "live" }, ip });
    }
    return toGatewayAccountView(after);
  });
}

/**
 * Deactivating the default hands the default to the oldest other active account; reactivating
 * when no active account is the default makes this one the default.
 */
export async function setGatewayAccountActive(db: Db, actor: Actor, id: string, active: boolean, ip?: string | null): Promise<GatewayAccountView> {
  return db.$transaction(async (tx) => {
    await lockDefaults(tx);
    const before = await tx.gatewayAccount.findUnique({ where: { id } });
    if (!before) throw new NotFoundError("That gateway account");
    if (before.active === active) return toGatewayAccountView(before);
    let after = await tx.gatewayAccount.update({ where: { id }, data: { active, isDefault: active ? before.isDefault : false } });
    let newDefault: { id: string; label: string } | null = null;
    if (!active && before.isDefault) {
      newDefault = await tx.gatewayAccount.findFirst({ where: { active: true, id: { not: id } }, orderBy: { createdAt: "asc" }, select: { id: true, label: true } });
      if (newDefault) await makeSoleDefault(tx, newDefault.id);
    }
    if (active && (await tx.gatewayAccount.count({ where: { active: true, isDefault: true } })) === 0) {
      await makeSoleDefault(tx, id);
      after = { ...after, isDefault: true };
    }
    await recordAudit(tx, {
      actor,
      action: active ? "gateway_account.reactivate" : "gateway_account.deactivate",
      targetType: "gateway_account",
      targetId: id,
      details: { label: before.label, ...(newDefault ? { newDefault } : {}) },
      ip,
    });
    return toGatewayAccountView(after);
  });
}

async function runConnectionTest(build: () => GatewayClient): Promise<ConnectionTestResult> {
  try {
    return await build().testConnection();
  } catch (err) {
    if (err instanceof ServiceError) throw err;
    return { outcome: "error", message: err instanceof Error ? err.message : "The connection test failed" };
  }
}

/** Every connection test is audited: it sends credentials somewhere. */
async function auditConnectionTest(db: Db, actor: Actor, target: { id?: string; kind: string; mode: string; baseUrl: string }, result: ConnectionTestResult, ip?: string | null) {
  await recordAudit(db, {
    actor,
    action: "gateway_account.connection_test",
    targetType: "gateway_account",
    targetId: target.id,
    details: { kind: target.kind, mode: target.mode, destination: originOf(target.baseUrl) ?? target.baseUrl, outcome: result.outcome },
    ip,
  });
}

export async function testSavedGatewayAccount(db: Db, actor: Actor, id: string, ip?: string | null): Promise<ConnectionTestResult> {
  const row = await db.gatewayAccount.findUnique({ where: { id } });
  if (!row) throw new NotFoundError("That gateway account");
  const result = await runConnectionTest(() => clientForAccount(row));
  await auditConnectionTest(db, actor, row, result, ip);
  await noteConnectionTest(db, row.id, result);
  return result;
}

/** Tests the values in the form before they are saved; empty secret fields use the stored secrets of `accountId` (same URL only). */
export async function testGatewayAccountDraft(db: Db, actor: Actor, input: GatewayAccountInput, accountId?: string, ip?: string | null): Promise<ConnectionTestResult> {
  const stored = accountId ? await db.gatewayAccount.findUnique({ where: { id: accountId }, select: { kind: true, secrets: true, baseUrl: true } }) : null;
  if (accountId && !stored) throw new NotFoundError("That gateway account");
  assertLiveDestination(input);
  const { values } = resolveCredentials(input.kind, input.credentials, input.baseUrl, stored ?? undefined);
  const result = await runConnectionTest(() =>
    createGatewayClient({
      id: accountId ?? "draft",
      kind: input.kind,
      mode: input.mode,
      baseUrl: input.baseUrl,
      currency: input.currency,
      timeoutMs: input.timeoutMs,
      credentials: values,
      callbackUrl: `${config.appUrl}/api/webhooks/${input.kind}`,
    }),
  );
  await auditConnectionTest(db, actor, { id: accountId, ...input }, result, ip);
  return result;
}

export interface RotationReport {
  accounts: number;
  secrets: number;
  reencrypted: number;
  alreadyCurrent: number;
  failed: { accountId: string; field: string; reason: string }[];
}

/**
 * Re-encrypts every stored secret under the current key (APP_ENCRYPTION_KEY), decrypting with any
 * configured key (APP_ENCRYPTION_KEYS_OLD). Each account is rewritten under a row lock, so an
 * admin's edit at the same moment is not lost.
 */
export async function reencryptSecrets(db: Db): Promise<RotationReport> {
  const key = currentKey();
  const keys = knownKeys();
  const report: RotationReport = { accounts: 0, secrets: 0, reencrypted: 0, alreadyCurrent: 0, failed: [] };
  const ids = await db.gatewayAccount.findMany({ select: { id: true }, orderBy: { createdAt: "asc" } });
  for (const { id } of ids) {
    report.accounts++;
    await db.$transaction(async (tx) => {
      const [locked] = await tx.$queryRaw<{ secrets: unknown }[]>`SELECT "secrets" FROM "GatewayAccount" WHERE "id" = ${id} FOR UPDATE`;
      if (!locked) return;
      const secrets = { ...((locked.secrets ?? {}) as Record<string, SealedSecret>) };
      let changed = false;
      for (const [field, sealed] of Object.entries(secrets)) {
        report.secrets++;
        if (ciphertextKeyId(sealed.ciphertext) === key.id) {
          report.alreadyCurrent++;
          continue;
        }
        try {
          secrets[field] = { ...sealed, ciphertext: encrypt(decrypt(sealed.ciphertext, keys), key) };
          report.reencrypted++;
          changed = true;
        } catch (err) {
          report.failed.push({ accountId: id, field, reason: err instanceof Error ? err.message : String(err) });
        }
      }
      if (changed) await tx.gatewayAccount.update({ where: { id }, data: { secrets: secrets as unknown as Prisma.InputJsonValue } });
    });
  }
  await recordAudit(db, {
    actor: null,
    action: "crypto.keys_rotate",
    details: { keyId: key.id, accounts: report.accounts, reencrypted: report.reencrypted, alreadyCurrent: report.alreadyCurrent, failed: report.failed.length },
  });
  return report;
}
