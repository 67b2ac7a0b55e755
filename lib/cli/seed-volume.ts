// `npm run seed:volume [-- --rows 1000000 --customers 50000 --reset]`: fills the PostgreSQL
// database in DATABASE_URL with a realistic history for the benchmark — two years of sales,
// authorizations and captures over 4 gateway accounts, ~50k customers and a few users, then
// refunds and voids against 5% of the approved sales. Rows are generated inside PostgreSQL
// (generate_series, 100k rows per statement), so nothing large passes through this process.
// Every row it writes has an id starting with "vol-"; --reset removes them first. The dashboard's
// rollup triggers are off during the load (a row-by-row upsert would triple its time) and the
// rollups are recounted once at the end.
import { parseArgs } from "node:util";
import pg from "pg";

const { values: args } = parseArgs({
  options: {
    rows: { type: "string", default: "1000000" },
    customers: { type: "string", default: "50000" },
    reset: { type: "boolean", default: false },
  },
});
const ROWS = Number(args.rows);
const CUSTOMERS = Number(args.customers);
const BATCH = 100_000;
const CHILD_SHARE = 0.05;

const log = (s: string) => console.log(`seed:volume: ${s}`);

const FIRST = ["James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "William", "Elizabeth", "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen", "Daniel", "Nancy", "Matthew", "Lisa", "Anthony", "Betty", "Mark", "Sandra", "Omar", "Aisha", "Wei", "Li", "Sofia", "Mateo", "Yuki", "Hana", "Ivan", "Olga", "Pierre", "Amelie"];
const LAST = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Haddad", "Kowalski", "Novak", "Petrov", "Tanaka", "Sato", "Müller", "Schmidt", "Dubois", "Rossi"];

const sqlArray = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(",")}]`;

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("set DATABASE_URL to a PostgreSQL server (the embedded database is not for a million rows)");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const version = (await client.query<{ v: string }>("SELECT version() AS v")).rows[0]!.v;
    if (/wasm|emscripten|pglite/i.test(version)) throw new Error(`refusing to seed the embedded PostgreSQL (${version}): point DATABASE_URL at a PostgreSQL server`);
    if (!Number.isInteger(ROWS) || ROWS < 1 || !Number.isInteger(CUSTOMERS) || CUSTOMERS < 1) throw new Error("--rows and --customers must be positive integers");

    const existing = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM "Transaction" WHERE id LIKE 'vol-%'`)).rows[0]!.n);
    if (existing > 0 && !args.reset) throw new Error(`${existing} volume rows are already there: run with --reset to replace them`);
    await client.query(`ALTER TABLE "Transaction" DISABLE TRIGGER transaction_rollup_insert, DISABLE TRIGGER transaction_rollup_update`);
    if (args.reset) {
      log("removing earlier volume rows");
      // Follow-ups first: they are the only rows that point at other volume rows.
      await client.query(`DELETE FROM "Transaction" WHERE id LIKE 'vol-f-%'`);
      await client.query(`DELETE FROM "Transaction" WHERE id LIKE 'vol-%'`);
      await client.query(`DELETE FROM "Customer" WHERE id LIKE 'vol-%'`);
    }

    // Gateway accounts: the seeded demo accounts when there, otherwise four inert volume accounts.
    let accounts = (await client.query<{ id: string }>(`SELECT id FROM "GatewayAccount" ORDER BY "isDefault" DESC, id LIMIT 4`)).rows.map((r) => r.id);
    if (accounts.length < 4) {
      const kinds = ["bluepay", "bepaid", "roverpay", "paycore"];
      for (const [i, kind] of kinds.entries()) {
        await client.query(
          `INSERT INTO "GatewayAccount" (id, label, kind, mode, "baseUrl", currency, active, "updatedAt")
           VALUES ($1, $2, $3::"GatewayKind", 'test', 'http://127.0.0.1:4010', 'USD', false, now()) ON CONFLICT (id) DO NOTHING`,
          [`vol-account-${i + 1}`, `Volume ${kind}`, kind],
        );
      }
      accounts = (await client.query<{ id: string }>(`SELECT id FROM "GatewayAccount" ORDER BY "isDefault" DESC, id LIMIT 4`)).rows.map((r) => r.id);
    }
    // Staff: the existing users plus six who cannot sign in (no password hash matches "!").
    for (let i = 1; i <= 6; i++) {
      await client.query(
        `INSERT INTO "User" (id, email, name, "passwordHash", role, active, "updatedAt")
         VALUES ($1, $2, $3, '!', $4::"Role", false, now()) ON CONFLICT (email) DO NOTHING`,
        [`vol-user-${i}`, `volume-${i}@keyed.invalid`, `Volume Clerk ${i}`, i <= 4 ? "clerk" : "manager"],
      );
    }
    const users = (await client.query<{ id: string }>(`SELECT id FROM "User" ORDER BY id`)).rows.map((r) => r.id);

    let t0 = Date.now();
    await client.query(
      `INSERT INTO "Customer" (id, "firstName", "lastName", email, phone, address1, city, state, "postalCode", country, "createdAt", "updatedAt")
       SELECT 'vol-c-' || g, f, l, lower(f) || '.' || lower(l) || g || '@example.com', '+1 555 ' || lpad((g % 10000000)::text, 7, '0'),
              (g % 900 + 1) || ' Main Street', 'Springfield', 'IL', lpad((g % 99999)::text, 5, '0'), 'US',
              now() - interval '800 days', now() - interval '800 days'
       FROM (SELECT g, (${sqlArray(FIRST)})[1 + (hashint4(g) & 2147483647) % ${FIRST.length}] AS f,
                       (${sqlArray(LAST)})[1 + (hashint4(g + 7) & 2147483647) % ${LAST.length}] AS l
             FROM generate_series(1, $1::int) g) s`,
      [CUSTOMERS],
    );
    log(`${CUSTOMERS.toLocaleString("en-US")} customers in ${Date.now() - t0} ms`);

    const children = Math.floor(ROWS * CHILD_SHARE);
    const originals = ROWS - children;
    t0 = Date.now();
    for (let start = 1; start <= originals; start += BATCH) {
      const end = Math.min(originals, start + BATCH - 1);
      await client.query(
        `INSERT INTO "Transaction" (id, kind, status, amount, currency, "idempotencyKey", reference, "gatewayAccountId", "customerId", "userId",
            "orderId", "gatewayTransactionId", "authCode", message, "cardBrand", "cardLast4", "cardMasked", "settledAt", "createdAt", "updatedAt")
         SELECT 'vol-t-' || g, kind::"TransactionKind", status::"TransactionStatus", amount, 'USD', 'vol-k-' || g, 'vol-r-' || g,
                ($1::text[])[1 + g % cardinality($1::text[])],
                'vol-c-' || (1 + (hashint4(g) & 2147483647) % $4::int),
                ($2::text[])[1 + (hashint4(g + 3) & 2147483647) % cardinality($2::text[])],
                CASE WHEN g % 10 < 7 THEN 'ORD-' || lpad(g::text, 8, '0') END,
                CASE WHEN status <> 'error' THEN 'vol-gw-' || g END,
                CASE WHEN status = 'approved' THEN upper(substr(md5(g::text), 1, 6)) END,
                CASE status WHEN 'approved' THEN 'Approved' WHEN 'declined' THEN 'Declined' WHEN 'pending' THEN 'Waiting for the gateway' WHEN 'error' THEN 'Gateway unavailable' ELSE 'Outcome unknown' END,
                brand, last4, CASE brand WHEN 'amex' THEN '3' ELSE '4' END || '*****' || last4,
                CASE WHEN status = 'approved' AND created < now() - interval '1 day' THEN created + interval '1 day' END,
                created, created
         FROM (
           SELECT g,
                  CASE WHEN r1 < 0.82 THEN 'sale' WHEN r1 < 0.93 THEN 'auth' ELSE 'capture' END AS kind,
                  CASE WHEN r2 < 0.86 THEN 'approved' WHEN r2 < 0.96 THEN 'declined' WHEN r2 < 0.98 THEN 'error' WHEN r2 < 0.995 THEN 'pending' ELSE 'unknown' END AS status,
                  100 + floor(power(random(), 2) * 50000)::int AS amount,
                  (ARRAY['visa','visa','visa','mastercard','mastercard','amex','discover'])[1 + floor(random() * 7)::int] AS brand,
                  lpad(floor(random() * 10000)::int::text, 4, '0') AS last4,
                  -- Ascending with g, as rows arrive in real life (the heap follows time), denser near now.
                  date_trunc('milliseconds', now() - interval '730 days' * power(1 - (g - 0.5) / $6::float8, 1.5)) AS created
           FROM (SELECT g, random() AS r1, random() AS r2 FROM generate_series($3::int, $5::int) g) x
         ) s`,
        [accounts, users, start, CUSTOMERS, end, originals],
      );
      log(`${end.toLocaleString("en-US")} / ${originals.toLocaleString("en-US")} originals (${Math.round((end / ((Date.now() - t0) / 1000)) || 0).toLocaleString("en-US")} rows/s)`);
    }

    // Follow-ups: 30% voids (of the parent's full amount), 70% refunds (full or half).
    t0 = Date.now();
    await client.query(`CREATE TEMP TABLE vol_parents AS
      SELECT row_number() OVER () AS n, id, amount, "createdAt", "gatewayAccountId", "customerId", "userId", "orderId", "cardBrand", "cardLast4", "cardMasked"
      FROM (SELECT * FROM "Transaction" WHERE id LIKE 'vol-t-%' AND kind = 'sale' AND status = 'approved' ORDER BY random() LIMIT $1) p`, [children]);
    await client.query(
      `INSERT INTO "Transaction" (id, kind, status, amount, currency, "idempotencyKey", reference, "parentId", "gatewayAccountId", "customerId", "userId",
          "orderId", "gatewayTransactionId", message, reason, "cardBrand", "cardLast4", "cardMasked", "createdAt", "updatedAt", "settledAt")
       SELECT 'vol-f-' || n, CASE WHEN n % 10 < 3 THEN 'void' ELSE 'refund' END::"TransactionKind", 'approved', 
              CASE WHEN n % 10 < 3 OR n % 2 = 0 THEN amount ELSE amount / 2 END, 'USD', 'vol-fk-' || n, 'vol-fr-' || n, id,
              "gatewayAccountId", "customerId", "userId", "orderId", 'vol-fgw-' || n, 'Approved',
              CASE WHEN n % 10 >= 3 THEN 'Customer returned the goods' END, "cardBrand", "cardLast4", "cardMasked",
              least(now(), at), least(now(), at), NULL
       FROM (SELECT *, date_trunc('milliseconds', "createdAt" + CASE WHEN n % 10 < 3 THEN interval '2 hours' ELSE interval '5 days' END) AS at FROM vol_parents) p`,
    );
    await client.query(`UPDATE "Transaction" t SET "voidedAt" = f."createdAt", "settledAt" = NULL
      FROM "Transaction" f WHERE f."parentId" = t.id AND f.id LIKE 'vol-f-%' AND f.kind = 'void'`);
    await client.query(`UPDATE "Transaction" t SET "refundedAmount" = f.amount
      FROM "Transaction" f WHERE f."parentId" = t.id AND f.id LIKE 'vol-f-%' AND f.kind = 'refund'`);
    log(`${children.toLocaleString("en-US")} refunds and voids in ${Date.now() - t0} ms`);

    t0 = Date.now();
    await client.query(`SELECT transaction_rollup_rebuild()`);
    log(`dashboard rollups (hours, and days in the merchant's zone) recounted in ${Date.now() - t0} ms`);

    t0 = Date.now();
    await client.query(`ANALYZE "Transaction"`);
    await client.query(`ANALYZE "TransactionRollup"`);
    await client.query(`ANALYZE "TransactionDailyRollup"`);
    await client.query(`ANALYZE "Customer"`);
    log(`analyzed in ${Date.now() - t0} ms`);
    const total = (await client.query<{ n: string }>(`SELECT count(*) AS n FROM "Transaction"`)).rows[0]!.n;
    log(`done: ${Number(total).toLocaleString("en-US")} transactions in the database`);
  } finally {
    await client.query(`ALTER TABLE "Transaction" ENABLE TRIGGER transaction_rollup_insert, ENABLE TRIGGER transaction_rollup_update`).catch(() => {});
    await client.end();
  }
}

main().catch((err: Error) => {
  console.error(`seed:volume: ${err.message}`);
  process.exitCode = 1;
});
