// `npm run keys:rotate`: re-encrypts every gateway secret, authenticator key, mail server password and saved-card token under
// the current APP_ENCRYPTION_KEY, and seals any saved-card token still stored in clear.
// Put the previous key(s) in APP_ENCRYPTION_KEYS_OLD ("id:base64,…" or plain base64) so they can
// still be read, run this, then drop the old keys from the environment.
// With no DATABASE_URL it opens the embedded database in .data/ (stop the app first).
import { join } from "node:path";
import { currentKey } from "../crypto";
import { createDb } from "../db";
import { reencryptSecrets } from "../services/gateway-accounts";
import { reencryptSmtpPassword } from "../services/mail-settings";
import { reencryptTotpSecrets } from "../services/mfa";
import { sealStoredTokens } from "../services/vault-tokens";
import { resolveDatabase, ROOT } from "./stack";

const log = (s: string) => console.log(`keys:rotate: ${s}`);

async function main(): Promise<number> {
  const key = currentKey();
  const database = await resolveDatabase({ dataDir: join(ROOT, ".data", "pglite"), port: Number(process.env.PGLITE_PORT ?? 54329) }, log);
  const db = createDb(database.url);
  try {
    const report = await reencryptSecrets(db);
    log(`current key ${key.id}`);
    log(`${report.accounts} gateway accounts, ${report.secrets} secrets: ${report.reencrypted} re-encrypted, ${report.alreadyCurrent} already under the current key`);
    for (const f of report.failed) log(`FAILED account ${f.accountId} field ${f.field}: ${f.reason}`);
    const totp = await reencryptTotpSecrets(db);
    log(`${totp.reencrypted} authenticator keys re-encrypted`);
    for (const email of totp.failed) log(`FAILED authenticator key of ${email}`);
    const smtp = await reencryptSmtpPassword(db);
    log(`${smtp.reencrypted} mail server passwords re-encrypted`);
    const vault = await sealStoredTokens(db, { rotate: true });
    log(`${vault.reencrypted} saved-card tokens re-encrypted, ${vault.sealed} stored in clear now encrypted`);
    for (const id of vault.failed) log(`FAILED token of saved card ${id}`);
    const failed = report.failed.length + totp.failed.length + vault.failed.length;
    if (failed > 0) {
      log(`${failed} secrets could not be decrypted: add their key to APP_ENCRYPTION_KEYS_OLD and run again`);
      return 1;
    }
    return 0;
  } finally {
    await db.$disconnect();
    await database.embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`keys:rotate: ${err.message}`);
    process.exit(1);
  },
);
