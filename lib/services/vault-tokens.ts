// Saved cards' gateway tokens are secrets (PCI DSS 3.5): each one charges its card at its gateway
// without a CVV, and Rover Pay's is a 16-digit Luhn-valid number kept with the card's expiry. They
// are sealed with the app key (lib/crypto.ts) when a card is saved, and opened only for the gateway
// call that needs one (payments/sale.ts, payments/parent.ts).
import { currentKey, decrypt, encrypt } from "../crypto";
import type { Db } from "../db";
import { recordAudit } from "./audit";

/** What lib/crypto.ts encrypt() writes: "v1.<key id: 12 hex>.…". No gateway's token looks like it. */
const SEALED = /^v1\.[0-9a-f]{12}\./;
const SEALED_SQL = "^v1\\.[0-9a-f]{12}\\.";

export function sealToken(token: string): string {
  return encrypt(token);
}

export function isSealed(stored: string): boolean {
  return SEALED.test(stored);
}

/** The token to send to the gateway. A row written before tokens were sealed holds it in clear. */
export function openToken(stored: string): string {
  return isSealed(stored) ? decrypt(stored) : stored;
}

export interface TokenSealReport {
  /** Tokens that were stored in clear. */
  sealed: number;
  /** Tokens sealed under a retired key, now under the current one (`rotate`). */
  reencrypted: number;
  /** Saved cards whose token could not be read (its key is not configured). */
  failed: string[];
}

const BATCH = 500;

/**
 * Seals every token still stored in clear and, with `rotate`, re-seals those under a retired key.
 * Rows from before tokens were sealed are sealed here, by every app start (instrumentation.ts) and
 * by `npm run keys:rotate`, rather than by a SQL migration: migrations run as the database owner,
 * who has no app key, and during a rolling upgrade an instance of the previous release may still
 * save a card in clear after the migration ran. Until a start seals them, openToken reads them.
 * A row is rewritten only if its token did not change meanwhile, so instances may run this at once.
 */
export async function sealStoredTokens(db: Db, opts: { rotate?: boolean } = {}): Promise<TokenSealReport> {
  const key = currentKey();
  const report: TokenSealReport = { sealed: 0, reencrypted: 0, failed: [] };
  const pending = opts.rotate ? { where: "token NOT LIKE $2", value: `v1.${key.id}.%` } : { where: "token !~ $2", value: SEALED_SQL };
  for (let after = ""; ; ) {
    const { rows } = await db.sql.query<{ id: string; token: string }>(
      `SELECT id, token FROM "PaymentMethod" WHERE id > $1 AND ${pending.where} ORDER BY id LIMIT ${BATCH}`,
      [after, pending.value],
    );
    for (const row of rows) {
      let sealed: string;
      try {
        sealed = encrypt(openToken(row.token), key);
      } catch {
        report.failed.push(row.id);
        continue;
      }
      const done = await db.sql.query(`UPDATE "PaymentMethod" SET token = $2 WHERE id = $1 AND token = $3`, [row.id, sealed, row.token]);
      if (done.rowCount) report[isSealed(row.token) ? "reencrypted" : "sealed"]++;
    }
    if (rows.length < BATCH) break;
    after = rows[rows.length - 1]!.id;
  }
  if (report.sealed || report.reencrypted || report.failed.length) {
    await recordAudit(db, { actor: null, action: "vault.tokens_sealed", details: { keyId: key.id, ...report, failed: report.failed.length } });
  }
  return report;
}
