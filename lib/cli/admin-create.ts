// `npm run admin:create`: creates an admin on the database in DATABASE_URL — how a production
// deployment gets its first user (no demo users are ever created there). Asks for email, name and
// password, or takes KEYED_ADMIN_EMAIL, KEYED_ADMIN_NAME and KEYED_ADMIN_PASSWORD for automation.
import { createInterface } from "node:readline/promises";
import { createDb } from "../db";
import { createUser } from "../services/users";
import { ServiceError } from "../services/errors";
import { createUserSchema } from "../validation/admin";
import { fieldErrorsOf } from "../action-result";

const log = (s: string) => console.log(`admin:create: ${s}`);

async function ask(): Promise<{ email: string; name: string; password: string }> {
  const env = process.env;
  if (env.KEYED_ADMIN_EMAIL && env.KEYED_ADMIN_PASSWORD) {
    return { email: env.KEYED_ADMIN_EMAIL, name: env.KEYED_ADMIN_NAME || "Administrator", password: env.KEYED_ADMIN_PASSWORD };
  }
  if (!process.stdin.isTTY) throw new Error("no terminal to ask on: set KEYED_ADMIN_EMAIL and KEYED_ADMIN_PASSWORD (and KEYED_ADMIN_NAME)");
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const email = await rl.question("Email: ");
    const name = await rl.question("Name: ");
    // Typed characters are not echoed while the password is read.
    const output = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array) => (String(chunk).startsWith("Password") ? output(chunk) : true)) as typeof process.stdout.write;
    const password = await rl.question("Password (12+ characters, not echoed): ").finally(() => (process.stdout.write = output));
    console.log();
    return { email, name, password };
  } finally {
    rl.close();
  }
}

async function main(): Promise<number> {
  if (!process.env.DATABASE_URL) {
    console.error("admin:create: DATABASE_URL is not set: point it at the PostgreSQL server Keyed runs on (the embedded demo has its own users)");
    return 2;
  }
  const parsed = createUserSchema.safeParse({ ...(await ask()), role: "admin", passwordMode: "set" });
  if (!parsed.success) {
    for (const [field, message] of Object.entries(fieldErrorsOf(parsed.error))) console.error(`admin:create: ${field}: ${message}`);
    return 2;
  }
  const db = createDb();
  try {
    const { user } = await createUser(db, null, parsed.data);
    log(`admin ${user.email} created; sign in at ${process.env.APP_URL ?? "the app's URL"}`);
    return 0;
  } catch (err) {
    if (err instanceof ServiceError) {
      console.error(`admin:create: ${err.message}`);
      return 1;
    }
    throw err;
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`admin:create: ${err.message}`);
    process.exit(1);
  },
);
