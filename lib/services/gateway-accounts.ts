// Gateway accounts: credentials split into plain settings and AES-256-GCM sealed secrets,
// and the decrypted config a gateway client is built from. Secrets never leave this module
// in a form the browser could receive.
import type { Db, Prisma } from "../db";
import { config } from "../config";
import { decrypt, encrypt } from "../crypto";
import { GATEWAYS, createGatewayClient, type GatewayClient, type GatewayKind } from "../gateways";
import type { CredentialFieldMeta } from "../gateways/definition";
import { NotFoundError } from "./errors";

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
