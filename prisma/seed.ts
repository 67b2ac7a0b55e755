// Demo data for the sandbox: one user per role, one test-mode account per gateway pointing at the
// local sandbox, a few customers. Idempotent: running it again changes nothing but the sandbox URL.
// Every credential here is a SANDBOX DEMO VALUE accepted only by the local simulators.
import { createDb, type Db } from "../lib/db";
import { config } from "../lib/config";
import { GATEWAYS, GATEWAY_KINDS, type GatewayKind } from "../lib/gateways";
import { sealCredentials } from "../lib/services/gateway-accounts";
import { hashPassword } from "../lib/services/passwords";
import { DEMO_CREDENTIALS as bepaidDemo } from "../sandbox/bepaid/accounts";
import { DEMO_CREDENTIALS as bluepayDemo } from "../sandbox/bluepay/accounts";
import { DEMO_CREDENTIALS as paycoreDemo } from "../sandbox/paycore/accounts";
import { DEMO_CREDENTIALS as roverpayDemo } from "../sandbox/roverpay/accounts";
import { DEMO_USERS } from "./demo-users";


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

export async function seed(db: Db): Promise<void> {
  for (const u of DEMO_USERS) {
    const existing = await db.user.findUnique({ where: { email: u.email } });
    if (!existing) {
      await db.user.create({ data: { email: u.email, name: u.name, role: u.role, passwordHash: await hashPassword(u.password) } });
    }
  }

  for (const kind of GATEWAY_KINDS) {
    const def = GATEWAYS[kind];
    const demo = DEMO_ACCOUNTS[kind];
    const id = `seed-${kind}`;
    const baseUrl = def.sandboxBaseUrl(config.sandboxUrl);
    const existing = await db.gatewayAccount.findUnique({ where: { id } });
    if (existing) {
      if (existing.mode === "test" && existing.baseUrl !== baseUrl) await db.gatewayAccount.update({ where: { id }, data: { baseUrl } });
      continue;
    }
    const { settings, secrets } = sealCredentials(kind, demo.credentials, "seed");
    await db.gatewayAccount.create({
      data: { id, label: demo.label, kind, mode: "test", baseUrl, currency: demo.currency, isDefault: kind === "bluepay", settings, secrets: secrets as object },
    });
  }

  for (const c of DEMO_CUSTOMERS) {
    await db.customer.upsert({ where: { id: c.id }, update: {}, create: c });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const db = createDb();
  seed(db)
    .then(() => console.log("seed: demo users, gateway accounts and customers are in place"))
    .catch((err: Error) => {
      console.error(`seed failed: ${err.message}`);
      process.exitCode = 1;
    })
    .finally(() => db.$disconnect());
}
