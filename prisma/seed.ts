// Demo data for the sandbox: one user per role, one test-mode account per gateway pointing at the
// local sandbox, a few customers. Written once, into a database with no users: on every later start
// only the sandbox URL of the demo accounts is refreshed, so a demo user an admin deleted or changed
// stays that way. Only the demo start (no DATABASE_URL) or an explicit KEYED_DEMO_DATA=1 runs it.
// Every credential here is a SANDBOX DEMO VALUE accepted only by the local simulators.
import { createDb, type Db } from "../lib/db";
import { config } from "../lib/config";
import { encrypt } from "../lib/crypto";
import { GATEWAYS, GATEWAY_KINDS, type GatewayKind } from "../lib/gateways";
import { sealCredentials } from "../lib/services/gateway-accounts";
import { hashPassword } from "../lib/services/passwords";
import { DEMO_CREDENTIALS as bepaidDemo } from "../sandbox/bepaid/accounts";
import { DEMO_CREDENTIALS as bluepayDemo } from "../sandbox/bluepay/accounts";
import { DEMO_CREDENTIALS as paycoreDemo } from "../sandbox/paycore/accounts";
import { DEMO_CREDENTIALS as roverpayDemo } from "../sandbox/roverpay/accounts";
import { mailCatcherPort } from "../sandbox/mail";
import { pointAtSandboxMailCatcher } from "../lib/services/mail-settings";
import { DEMO_TOTP_SECRET, DEMO_USERS } from "./demo-users";


const DEMO_ACCOUNTS: Record<GatewayKind, { label: string; currency: string; credentials: Record<string, string> }> = {
  bluepay: { label: "BluePay (sandbox)", currency: "USD", credentials: bluepayDemo },
  bepaid: { label: "bePaid (sandbox)", currency: "USD", credentials: bepaidDemo },
  roverpay: { label: "Rover Pay (sandbox)", currency: "USD", credentials: roverpayDemo },
  paycore: { label: "PayCore (sandbox)", currency: "USD", credentials: paycoreDemo },
};

const DEMO_CUSTOMERS = [
  { id: "seed-customer-1", firstName: "Jane", lastName: "Doe", email: "jane.doe@example.com", phone: "+1 555 010 0001", address1: "123 Main St", city: "Springfield", state: "IL", postalCode: "62701", country: "US" },
  { id: "seed-customer-2", firstName: "Omar", lastName: "Haddad", email: "omar@example.com", phone: "+1 555 010 0002", address1: "77 Harbor Rd", address2: "Suite 4", city: "Portland", state: "ME", postalCode: "04101", country: "US" },
  { id: "seed-customer-3", firstName: "Li", lastName: "Wei", company: "Wei Trading", email: "li.wei@example.com", phone: "+44 20 7946 0003", address1: "10 Downing Lane", city: "London", postalCode: "SW1A 2AA", country: "GB" },
];

/** The demo accounts, and the demo's mail settings, follow the sandbox to whatever port it runs on. */
async function refreshSandboxUrls(db: Db): Promise<void> {
  for (const kind of GATEWAY_KINDS) {
    const baseUrl = GATEWAYS[kind].sandboxBaseUrl(config.sandboxUrl);
    await db.gatewayAccount.updateMany({ where: { id: `seed-${kind}`, mode: "test", baseUrl: { not: baseUrl } }, data: { baseUrl } });
  }
  await pointAtSandboxMailCatcher(db, mailCatcherPort(Number(new URL(config.sandboxUrl).port)));
}

/** "seeded" on a database without users; "kept" (only sandbox URLs refreshed) otherwise. */
export async function seed(db: Db): Promise<"seeded" | "kept"> {
  if ((await db.user.count()) > 0) {
    await refreshSandboxUrls(db);
    return "kept";
  }
  for (const u of DEMO_USERS) {
    await db.user.create({
      data: { email: u.email, name: u.name, role: u.role, passwordHash: await hashPassword(u.password), totpSecret: encrypt(DEMO_TOTP_SECRET), totpEnabledAt: new Date() },
    });
  }
  for (const kind of GATEWAY_KINDS) {
    const demo = DEMO_ACCOUNTS[kind];
    const { settings, secrets } = sealCredentials(kind, demo.credentials, "seed");
    await db.gatewayAccount.upsert({
      where: { id: `seed-${kind}` },
      update: {},
      create: {
        id: `seed-${kind}`,
        label: demo.label,
        kind,
        mode: "test",
        baseUrl: GATEWAYS[kind].sandboxBaseUrl(config.sandboxUrl),
        currency: demo.currency,
        isDefault: kind === "bluepay",
        settings,
        secrets: secrets as object,
      },
    });
  }
  for (const c of DEMO_CUSTOMERS) {
    await db.customer.upsert({ where: { id: c.id }, update: {}, create: c });
  }
  await pointAtSandboxMailCatcher(db, mailCatcherPort(Number(new URL(config.sandboxUrl).port)));
  return "seeded";
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const db = createDb();
  seed(db)
    .then((done) =>
      console.log(done === "seeded" ? "seed: demo users, gateway accounts and customers created" : "seed: the database has users already; demo data left as it is"),
    )
    .catch((err: Error) => {
      console.error(`seed failed: ${err.message}`);
      process.exitCode = 1;
    })
    .finally(() => db.$disconnect());
}
