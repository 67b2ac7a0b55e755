// Whether a gateway account works, as the terminal's account chooser and the admin list show it.
// A connection test or a payment that fails for a configuration reason (Fault "merchant":
// credentials refused, account disabled) flags the account; only a connection test that passes
// clears it, so the flag stays until an admin has checked the fix.
import type { Db } from "../db";
import { faultOf } from "../gateways/results";
import type { ConnectionTestResult, GatewayResult } from "../gateways/types";

type AccountsDb = Pick<Db, "gatewayAccount">;

const MESSAGE_LIMIT = 500;

async function flag(db: AccountsDb, accountId: string, message: string): Promise<void> {
  await db.gatewayAccount.updateMany({ where: { id: accountId }, data: { configFailedAt: new Date(), configFailure: message.slice(0, MESSAGE_LIMIT) } });
}

/** After a payment call: a failure of the account's configuration flags it. */
export async function noteGatewayResult(db: AccountsDb, accountId: string, result: GatewayResult): Promise<void> {
  if (faultOf(result) === "merchant") await flag(db, accountId, result.message);
}

/** After a connection test of the saved account: refused credentials flag it, a pass clears it; unreachable or odd answers say nothing about its configuration. */
export async function noteConnectionTest(db: AccountsDb, accountId: string, result: ConnectionTestResult): Promise<void> {
  if (result.outcome === "bad_credentials") await flag(db, accountId, result.message);
  else if (result.outcome === "connected") await db.gatewayAccount.updateMany({ where: { id: accountId }, data: { configFailedAt: null, configFailure: null } });
}
